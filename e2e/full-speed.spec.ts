import { expect, test } from '@playwright/test';
import { watchConsole } from './console-guard';
import { setScript } from './editor-helpers';

// FIXME(issue 7): on the 2-core machines the main thread still shows 60–150 ms tasks at full
// speed even when few rows come out (charts + layout while a worker holds one core); output
// volume is already bounded (see ResultsStore). Kept as the target, not run until fixed.
test.fixme('at full speed the main thread stays responsive and the charts update ≥ 4 times a second', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await setScript(
    page,
    'CREATE STREAM trades (trader_id VARCHAR, symbol VARCHAR, price DOUBLE, quantity BIGINT, ts TIMESTAMP)\n' +
      '  WITH (rows_per_second = 0);\n' +
      (process.env.FULL_SPEED_QUERY ?? 'SELECT symbol, COUNT(*) AS n, AVG(price) AS avg_price FROM trades GROUP BY symbol'),
  );
  await page.getByLabel('Variant').selectOption(process.env.FULL_SPEED_VARIANT ?? 'direct');
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Running');

  // Count redraws of the throughput chart's line over three seconds.
  const redraws = await page.evaluate(async () => {
    const chart = document.querySelector('[aria-label="Throughput"]')!;
    let changes = 0;
    let last = '';
    const start = performance.now();
    while (performance.now() - start < 3000) {
      await new Promise((r) => setTimeout(r, 25));
      const d = chart.querySelector('.recharts-line-curve')?.getAttribute('d') ?? '';
      if (d !== last) {
        changes++;
        last = d;
      }
    }
    return changes;
  });
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('status')).toContainText('Stopped');

  expect(redraws, 'throughput chart redraws in 3 s').toBeGreaterThanOrEqual(12);
  expect(Math.max(0, ...longTasks), `long tasks: ${JSON.stringify(longTasks)}`).toBeLessThan(100);
  expect(errors).toEqual([]);
});
