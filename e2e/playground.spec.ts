import { expect, test } from '@playwright/test';
import { watchConsole } from './console-guard';
import { changelogCount, editorText, runButton, runControls, setScript, waitForFinish } from './editor-helpers';

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
  await expect.poll(() => editorText(other)).toContain('SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol');
  await expect(runControls(other).getByLabel('Variant')).toHaveValue('partitioned');
  await expect(runControls(other).getByLabel('Workers')).toHaveValue('4');
  expect(errors).toEqual([]);
});

test('a small CSV upload runs, and a bad row is listed with its line', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await setScript(page, 'CREATE STREAM ev (ts TIMESTAMP, v INT, name VARCHAR);\nSELECT name, v FROM ev WHERE v > 1');
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
