import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { screenshotPath, watchConsole } from './console-guard';
import { setScript } from './editor-helpers';

// Keyed, so partitioned really runs on 2 workers; windowed, so the checksum covers real aggregation.
const QUERY = `SELECT symbol, window_start, COUNT(*) AS trades, AVG(price) AS avg_price
FROM trades GROUP BY symbol WINDOW TUMBLING (ts, INTERVAL '1' SECOND) EMIT FINAL`;

test('Compare races direct, batched and partitioned on the same rows, with matching checksums, and exports Markdown', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await setScript(page, QUERY);

  const compare = page.getByRole('region', { name: 'Compare' });
  const compareButton = compare.getByRole('button', { name: 'Compare', exact: true });
  const runButton = page.getByRole('button', { name: 'Run', exact: true });
  // Runs never share the cores: Compare waits while the query runs, Run waits while Compare runs.
  await runButton.click();
  await expect(compareButton).toBeDisabled();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(compareButton).toBeEnabled();

  await compare.getByRole('combobox', { name: 'Rows' }).selectOption('100000');
  await compare.getByRole('checkbox', { name: /per-record/ }).check();
  await compare.getByRole('checkbox', { name: /shared-lock/ }).check();
  await compareButton.click();
  await expect(runButton).toBeDisabled();

  // Per-record reads 5,000 rows, so direct runs again on those rows as its reference.
  const expected = [
    ['direct', '100,000'],
    ['batched @16384', '100,000'],
    ['partitioned ×2', '100,000'],
    ['shared-lock ×2', '100,000'],
    ['direct', '5,000'],
    ['per-record', '5,000'],
  ];
  const body = compare.locator('tbody tr');
  await expect(body).toHaveCount(expected.length);
  for (const [i, [name, rows]] of expected.entries()) {
    await expect(body.nth(i).getByRole('rowheader')).toContainText(name!);
    await expect(body.nth(i)).toContainText('✓', { timeout: 30_000 });
    await expect(body.nth(i).locator('td').nth(2)).toHaveText(rows!);
  }
  // Partitioned really used two workers; the runs on the same rows show one checksum.
  await expect(body.nth(2).locator('td').nth(1)).toHaveText('2');
  const checksums = await compare.locator('td.checksum').allTextContents();
  expect(new Set(checksums.slice(0, 4)).size).toBe(1);
  expect(checksums[4]).toBe(checksums[5]);
  // Where the time went: a direct worker generates and queries; a batched one is fed and only queries.
  const splits = compare.locator('td.split');
  await expect(splits.nth(0)).toContainText(/gen \d+ %/);
  await expect(splits.nth(0)).toContainText(/query \d+ %/);
  await expect(splits.nth(0)).toContainText(/startup \d+ ms/);
  await expect(splits.nth(1)).toContainText(/query \d+ %/);
  // Two partitions say how the rows were split between them; one worker has nothing to split.
  await expect(splits.nth(2)).toContainText(/worker rows \d+ \/ \d+ %/);
  await expect(splits.nth(0)).not.toContainText('worker rows');
  // The chart races the contenders; direct's reference run on per-record's rows is only in the table.
  await expect(compare.locator('.compare-chart svg .recharts-bar-rectangle')).toHaveCount(
    expected.length - 1,
  );
  await expect(runButton).toBeEnabled();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    compare.getByRole('button', { name: 'Download Markdown' }).click(),
  ]);
  const markdown = await readFile((await download.path())!, 'utf8');
  expect(markdown).toContain(
    '| variant | batch size | workers | rows | seconds | rows/s | × direct | rows out | checksum | where the time went | matches direct |',
  );
  expect(markdown).toMatch(/\| partitioned ×2 \| 16,384 \| 2 \| 100,000 \|/);
  expect(markdown).toContain('navigator.hardwareConcurrency');
  expect(markdown).toContain('GROUP BY symbol WINDOW TUMBLING');
  expect(markdown).toContain('seed 1');
  expect(markdown).toContain(checksums[0]!);

  // The page as a reader sees it: Compare scrolled to the top, under the header.
  await page.mouse.move(0, 0);
  await page.locator('#view-compare').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: screenshotPath('compare') });
  expect(errors).toEqual([]);
});

test('a partition sweep draws a throughput curve with the core count marked, every point checked', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await setScript(page, QUERY);
  await page
    .getByRole('region', { name: 'Compare' })
    .getByRole('combobox', { name: 'Rows' })
    .selectOption('100000');

  const sweep = page.getByRole('region', { name: 'Sweep' });
  await sweep.getByRole('combobox', { name: 'Sweep' }).selectOption('partitioned');
  await sweep.getByRole('button', { name: 'Sweep', exact: true }).click();

  const rows = sweep.locator('tbody tr');
  await expect(rows).toHaveCount(8);
  await expect(rows.last()).toContainText('✓', { timeout: 45_000 });
  for (let i = 0; i < 8; i++) await expect(rows.nth(i)).toContainText('✓');
  await expect(sweep.locator('svg .recharts-line-dots circle')).toHaveCount(8);
  await expect(sweep.locator('svg .recharts-reference-line')).toHaveCount(1);
  await expect(sweep).toContainText('Checked against direct on the same rows');
  expect(errors).toEqual([]);
});

test('Compare explains what stops it in words: no runnable query, a run that fails', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  const compare = page.getByRole('region', { name: 'Compare' });
  const compareButton = compare.getByRole('button', { name: 'Compare', exact: true });

  await setScript(page, 'SELECT prise FROM trades');
  await compareButton.click();
  await expect(compare.getByRole('alert')).toHaveText(/^Nothing to run: the script has no runnable query/);

  await setScript(page, 'CREATE STREAM foo (x BIGINT, ts TIMESTAMP);\nSELECT x FROM foo');
  await compareButton.click();
  await expect(compare.getByRole('alert')).toHaveText(
    "direct failed: stream 'foo' has no generator: give it a file (CSV or JSON lines)",
  );
  await expect(compare.locator('tbody tr').nth(1)).toContainText('not run');
  await expect(compareButton).toBeEnabled();
  expect(errors).toEqual([]);
});
