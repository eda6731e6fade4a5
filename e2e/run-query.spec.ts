import { expect, test } from '@playwright/test';
import { screenshotPath, watchConsole } from './console-guard';
import { runButton, setScript } from './editor-helpers';

test('a query runs in workers, its rows appear, and Stop stops it', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await runButton(page, 'Run').click();

  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByRole('row').nth(2)).toBeVisible();
  await expect(results.getByRole('columnheader', { name: 'symbol' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Running');

  // Rows keep arriving while it runs.
  const count = async (): Promise<number> =>
    Number((await results.getByRole('tab', { name: /Changelog/ }).textContent())?.replace(/\D/g, '') ?? 0);
  const first = await count();
  await expect.poll(count).toBeGreaterThan(first);
  // The README's picture: let the charts fill a few seconds first.
  const throughput = page.getByRole('region', { name: 'Throughput' });
  await expect
    .poll(() => throughput.getAttribute('data-redraws').then(Number), { timeout: 20_000 })
    .toBeGreaterThan(25);
  await page.screenshot({ path: screenshotPath('running') });

  await runButton(page, 'Stop').click();
  await expect(page.getByRole('status')).toContainText('Stopped');
  // The results view redraws at most 5 times a second: let the last redraw land, then nothing may change.
  await page.waitForTimeout(400);
  const after = await count();
  await page.waitForTimeout(500);
  expect(await count()).toBe(after);
  await expect(runButton(page, 'Run')).toBeEnabled();
  expect(errors).toEqual([]);
});

const WINDOWED =
  'CREATE STREAM trades (trader_id VARCHAR, symbol VARCHAR, price DOUBLE, quantity BIGINT, ts TIMESTAMP,\n' +
  // No leading spaces: typed text gets Monaco's auto-indent on top of them.
  "WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)\n" +
  "WITH (rows_per_second = 20000, keys = 8, out_of_order = 0.2, max_out_of_order = '3s');\n" +
  'SELECT symbol, window_start, window_end, COUNT(*) AS trades, AVG(price) AS avg_price\n' +
  "FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' SECOND))\n" +
  'GROUP BY symbol, window_start, window_end;';

for (const theme of ['light', 'dark'] as const) {
  test(`a windowed query fills the table and the charts, times shown as times (${theme} theme, README screenshots)`, async ({
    page,
  }) => {
    const errors = watchConsole(page);
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/');
    await expect(page.locator('.app')).toHaveClass(new RegExp(`theme-${theme}`));
    await setScript(page, WINDOWED);
    await runButton(page, 'Run').click();
    await expect(page.getByRole('status')).toContainText('Running');

    const results = page.getByRole('region', { name: 'Results' });
    // window_start is a TIMESTAMP: shown as a UTC time with milliseconds, whatever its size.
    const windowStart = results.locator('[role=row] [role=cell]:nth-child(3)').first();
    await expect(windowStart).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    const throughput = page.getByRole('region', { name: 'Throughput' });
    await expect
      .poll(() => throughput.getAttribute('data-redraws').then(Number), { timeout: 20_000 })
      .toBeGreaterThan(25);
    await page.getByRole('region', { name: 'Watermark lag' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath(`playground-${theme}`) });

    if (theme === 'light') {
      await results.getByRole('tab', { name: /Latest per key/ }).click();
      await expect(results.getByRole('table', { name: 'Latest value per key' })).toBeVisible();
      await results.screenshot({ path: screenshotPath('results-latest') });
    } else {
      // A chart's tooltip, reached by keyboard: focus the plot, step back along the time axis.
      const plot = throughput.getByRole('img');
      await plot.focus();
      await page.keyboard.press('ArrowLeft');
      await expect(throughput.locator('.chart-tooltip')).toBeVisible();
      await page.locator('.charts').screenshot({ path: screenshotPath('charts-dark') });
    }
    await runButton(page, 'Stop').click();
    await expect(page.getByRole('status')).toContainText('Stopped');
    expect(errors).toEqual([]);
  });
}
