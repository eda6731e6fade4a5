import { expect, test, type Locator } from '@playwright/test';
import { watchConsole } from './console-guard';
import {
  changelogCount,
  editorText,
  runButton,
  runControls,
  setScript,
  waitForFinish,
} from './editor-helpers';

test('a typo gets a marker at the right place with a readable message', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await setScript(page, 'SELECT symbol,\n  prise FROM trades');
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(1);
  await expect(page.getByRole('status')).toContainText('2:3: unknown column `prise`');
  await expect(page.getByRole('status')).toContainText('did you mean `price`');
  // The marker sits on line 2 (Monaco draws it in that line's decoration layer).
  const box = await page.locator('.monaco-editor .squiggly-error').boundingBox();
  const line2 = await page.locator('.monaco-editor .view-line').nth(1).boundingBox();
  expect(Math.abs((box?.y ?? 0) - (line2?.y ?? -100))).toBeLessThan(20);
  expect(errors).toEqual([]);
});

test('a knob changed in the panel changes the script and the stream', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await setScript(page, 'SELECT symbol, price FROM trades');
  const sources = page.getByRole('region', { name: 'Sources' });
  const keys = sources.getByLabel('keys');
  await keys.fill('3');
  await keys.press('Enter');
  await expect.poll(() => editorText(page)).toContain('keys = 3');
  const total = sources.getByLabel('total');
  await total.fill('500');
  await total.press('Enter');
  await expect.poll(() => editorText(page)).toContain('total = 500');
  await sources.getByLabel('rows_per_second').fill('11'); // the last stop: as fast as possible
  await expect.poll(() => editorText(page)).toContain('rows_per_second = 0');

  await runButton(page, 'Run').click();
  await waitForFinish(page);
  await expect(page.getByRole('status')).toContainText('500 rows in');
  // The results view redraws at most 5 times a second, so the rows may land just after the status.
  const cells = page.getByRole('region', { name: 'Results' }).locator('[role=row] [role=cell]:nth-child(2)');
  await expect.poll(() => cells.count()).toBeGreaterThan(5);
  const symbols = await cells.allTextContents();
  expect(symbols.length).toBeGreaterThan(5);
  expect(new Set(symbols).size).toBeLessThanOrEqual(3);
  expect(errors).toEqual([]);
});

test('a shared link restores the same script and settings in a new page', async ({ page, context }) => {
  await page.goto('/');
  await setScript(page, 'SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol');
  await runControls(page).getByLabel('Variant').selectOption('partitioned');
  await runControls(page).getByLabel('Workers').selectOption('4');
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('status')).toContainText('Link');
  const url = page.url();
  expect(url).toContain('#s=');

  const other = await context.newPage();
  const errors = watchConsole(other);
  await other.goto(url);
  await expect
    .poll(() => editorText(other))
    .toContain('SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol');
  await expect(runControls(other).getByLabel('Variant')).toHaveValue('partitioned');
  await expect(runControls(other).getByLabel('Workers')).toHaveValue('4');
  expect(errors).toEqual([]);
});

test('a small CSV upload runs, and a bad row is listed with its line', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await setScript(
    page,
    'CREATE STREAM ev (ts TIMESTAMP, v INT, name VARCHAR);\nSELECT name, v FROM ev WHERE v > 1',
  );
  const csv = 'ts,v,name\n1000,1,a\n2000,two,b\n3000,3,c\n4000,4,d\n';
  await page.getByLabel('Upload a CSV or JSON-lines file').setInputFiles({
    name: 'events.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  const bad = page.getByRole('list', { name: 'Bad rows' });
  await expect(bad).toContainText('line 3');
  await expect(page.getByText('3 good rows, 1 bad')).toBeVisible();

  await runButton(page, 'Run').click();
  await waitForFinish(page);
  await expect(page.getByRole('status')).toContainText('Finished');
  await expect.poll(() => changelogCount(page)).toBe(2);
  expect(errors).toEqual([]);
});

test('my own `orders` file runs under a stream named like the built-in generator; without it the error offers both remedies', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await setScript(
    page,
    "CREATE STREAM orders (order_id BIGINT, customer VARCHAR, amount DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);\n" +
      'SELECT customer, amount FROM orders WHERE amount > 2',
  );
  // No file yet: the built-in `orders` has other columns, so the run says what to do.
  await runButton(page, 'Run').click();
  await waitForFinish(page);
  const status = page.getByRole('status');
  await expect(status).toContainText("stream 'orders' has no file");
  await expect(status).toContainText('it makes no `customer`, `amount`');
  await expect(status).toContainText("generator = '…'");

  const csv = 'order_id,customer,amount,ts\n1,ann,9.5,1000\n2,bob,1.5,2000\n3,cid,3,3000\n';
  await page.getByLabel('Upload a CSV or JSON-lines file').setInputFiles({
    name: 'orders.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await expect(page.getByText('3 good rows')).toBeVisible();
  await runButton(page, 'Run').click();
  await waitForFinish(page);
  await expect(status).toContainText('Finished');
  await expect.poll(() => changelogCount(page)).toBe(2);
  await expect(page.getByRole('table', { name: 'Changelog' })).toContainText('ann');
  expect(errors).toEqual([]);
});

test('a join shows one source per stream: one from its generator, one from an uploaded file', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await setScript(
    page,
    "CREATE STREAM l (order_id BIGINT, customer_id BIGINT, ts TIMESTAMP) WITH (generator = 'orders', total = 50, event_step = 100);\n" +
      "CREATE STREAM pay (order_id BIGINT, amount DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);\n" +
      "SELECT l.order_id, l.ts, p.amount FROM l JOIN pay AS p ON l.order_id = p.order_id AND p.ts BETWEEN l.ts AND l.ts + INTERVAL '10' SECOND",
  );
  const sources = page.getByRole('region', { name: 'Sources' });
  const l = sources.getByRole('group', { name: 'Stream l' });
  const pay = sources.getByRole('group', { name: 'Stream pay' });
  await expect(l.getByLabel('total')).toHaveValue('50');
  await expect(pay).toContainText('No built-in generator fills pay');
  // A knob of one stream edits that stream's WITH only.
  await l.getByLabel('keys').fill('7');
  await l.getByLabel('keys').press('Enter');
  await expect.poll(() => editorText(page)).toMatch(/event_step = 100,\W*keys = 7\);/);

  await pay.getByLabel('Upload a CSV or JSON-lines file for pay').setInputFiles({
    name: 'pay.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('order_id,amount,ts\n1,10.5,500\n2,3,700\n3,99,30000\n'),
  });
  await expect(pay).toContainText('3 good rows');
  await expect(pay).toContainText('file: pay.csv');
  await runButton(page, 'Run').click();
  await waitForFinish(page);
  await expect(page.getByRole('status')).toContainText('Finished');
  // Order 3 is paid 30 s after it was placed: outside the 10 s bound.
  await expect.poll(() => changelogCount(page)).toBe(2);
  await page.screenshot({ path: 'test-results/join-sources.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('the playground can be driven by keyboard alone: dark theme, Run, Stop, with visible focus and no console errors', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await expect(page.locator('.monaco-editor')).toBeVisible();

  /** Presses Tab until `target` has the focus (leaving the editor the documented way, Ctrl+M). */
  const tabTo = async (target: Locator): Promise<void> => {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if (await target.evaluate((el) => el === document.activeElement)) return;
      if (await page.evaluate(() => document.activeElement?.closest('.monaco-editor') != null)) {
        await page.keyboard.press('Control+M'); // Tab now moves focus instead of indenting
      }
    }
    throw new Error(`Tab never reached ${target.toString()}`);
  };

  const toDark = page.getByRole('button', { name: 'Switch to dark theme' });
  if (await toDark.isVisible()) {
    await tabTo(toDark);
    await page.keyboard.press('Enter');
  }
  await expect(page.locator('.app')).toHaveClass(/theme-dark/);

  const run = runButton(page, 'Run');
  await tabTo(run);
  const ring = await run.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(ring.style).not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(2);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Running');

  await tabTo(runButton(page, 'Stop'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Stopped');
  expect(errors).toEqual([]);
});

test('result tabs follow the ARIA tabs pattern and the Export menu works from the keyboard', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await setScript(
    page,
    'CREATE STREAM trades (trader_id VARCHAR, symbol VARCHAR, price DOUBLE, quantity BIGINT, ts TIMESTAMP)\n' +
      '  WITH (total = 2000);\nSELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol',
  );
  await runButton(page, 'Run').click();
  await waitForFinish(page);

  const changelog = page.getByRole('tab', { name: /Changelog/ });
  const latest = page.getByRole('tab', { name: /Latest per key/ });
  const rejected = page.getByRole('tab', { name: /Late & invalid/ });
  await changelog.focus();
  await expect(changelog).toHaveAttribute('tabindex', '0');
  await expect(latest).toHaveAttribute('tabindex', '-1');
  await page.keyboard.press('ArrowRight');
  await expect(latest).toBeFocused();
  await expect(latest).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', 'results-tab-latest');
  await page.keyboard.press('End');
  await expect(rejected).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight'); // wraps around
  await expect(changelog).toHaveAttribute('aria-selected', 'true');

  const exportMenu = page.locator('summary', { hasText: 'Export' });
  await exportMenu.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('button', { name: 'Results as CSV' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('button', { name: 'Export as Flink SQL' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Flink SQL' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await exportMenu.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Results as CSV' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Results as CSV' })).toBeHidden();
  await expect(exportMenu).toBeFocused();
  expect(errors).toEqual([]);
});
