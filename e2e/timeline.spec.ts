import { expect, test, type Page } from '@playwright/test';
import { screenshotPath, watchConsole } from './console-guard';

async function openLesson(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Lessons' }).click();
  await page
    .getByRole('dialog', { name: 'Lessons' })
    .getByRole('button', { name: title, exact: true })
    .click();
}

test('the late-rows lesson shows fired windows, late rows in red and the watermark on the timeline', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await openLesson(page, 'Watermarks and late rows');
  const timeline = page.getByRole('region', { name: 'Windows timeline' });
  await expect(timeline).toBeInViewport();

  // These marks come from the engine's own events, delivered by the worker (not a re-simulation).
  await expect(timeline.locator('[data-status="fired"]').first()).toBeAttached();
  await expect(timeline.locator('[data-late="true"]').first()).toBeAttached({ timeout: 30_000 });
  await expect(timeline.getByTestId('watermark')).toBeAttached();
  const summary = timeline.getByTestId('timeline-summary');
  await expect(summary).toContainText(/[1-9]\d* windows fired/);
  await expect(summary).toContainText(/[1-9]\d* late/);
  // A late row explains itself.
  await expect(timeline.locator('[data-late="true"] title').first()).toContainText('LATE: its window');
  await timeline.screenshot({ path: screenshotPath('timeline-late') });

  // Zoom and pan work from the keyboard; Follow brings the watermark back.
  const plot = timeline.getByLabel(/Timeline plot/);
  const axis = async (): Promise<string | null> => plot.getByRole('img').getAttribute('aria-label');
  const before = await axis();
  await plot.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(timeline.getByRole('button', { name: 'Follow watermark' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  expect(await axis()).not.toBe(before);
  await page.keyboard.press('f');
  await expect(timeline.getByRole('button', { name: 'Follow watermark' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  await page.getByRole('button', { name: 'Stop' }).click();
  expect(errors).toEqual([]);
});

for (const [title, shot, marks] of [
  ['Tumbling vs hopping windows', 'timeline-hopping', 2],
  ['Session windows', 'timeline-session', 2],
  ['EMIT FINAL vs EMIT CHANGES', 'timeline-tumbling-changes', 3],
  ['Grace periods', 'timeline-grace', 2],
] as const) {
  test(`the timeline draws the windows of "${title}"`, async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto('/');
    await openLesson(page, title);
    const timeline = page.getByRole('region', { name: 'Windows timeline' });
    await expect
      .poll(() => timeline.locator('[data-status="fired"]').count(), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(marks);
    await expect(timeline.locator('.tl-row').first()).toBeAttached();
    await timeline.screenshot({ path: screenshotPath(shot) });
    await page.getByRole('button', { name: 'Stop' }).click();
    expect(errors).toEqual([]);
  });
}

test('CUMULATE draws the windows of an hour as a staircase that grows one step at a time', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await openLesson(page, 'Cumulative revenue within the hour');
  const timeline = page.getByRole('region', { name: 'Windows timeline' });
  await expect(timeline).toBeInViewport();
  // The first hour's six windows fire as the watermark passes 09:10, 09:20 … 10:00.
  await expect
    .poll(() => timeline.locator('[data-status="fired"]').count(), { timeout: 40_000 })
    .toBeGreaterThanOrEqual(7);
  const bands = await timeline
    .locator('.tl-window.fired rect')
    .evaluateAll((rs) => rs.map((r) => [r.getAttribute('x'), r.getAttribute('y'), r.getAttribute('width')]));
  // Windows of one start share their left edge; each sits a row lower and reaches a step further.
  const byStart = new Map<string, { y: Set<string>; w: Set<string> }>();
  for (const [x, y, w] of bands) {
    const g = byStart.get(x!) ?? { y: new Set<string>(), w: new Set<string>() };
    g.y.add(y!);
    g.w.add(w!);
    byStart.set(x!, g);
  }
  const widest = Math.max(...[...byStart.values()].map((g) => Math.min(g.y.size, g.w.size)));
  expect(widest).toBe(6);
  await expect(timeline.locator('.tl-window title').first()).toContainText('[09:00:00.000, 09:10:00.000)');
  await expect(timeline.getByLabel('How to read the timeline')).toContainText('CUMULATE');
  await timeline.screenshot({ path: screenshotPath('timeline-cumulate') });
  await page.getByRole('button', { name: 'Stop' }).click();
  expect(errors).toEqual([]);
});

test('the plan graph shows rows in and out of each operator while the query runs', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await openLesson(page, 'Watermarks and late rows');
  const plan = page.getByRole('region', { name: 'Plan' });
  await expect(plan.getByRole('listitem', { name: 'WindowAggregate' })).toBeVisible();
  const aggIn = plan.getByRole('listitem', { name: 'WindowAggregate' }).getByTestId('rows-in');
  const number = async (): Promise<number> => Number((await aggIn.textContent())?.replace(/\D/g, '') || 0);
  await expect.poll(number).toBeGreaterThan(0);
  const first = await number();
  await expect(page.getByRole('status')).toContainText('Running');
  await expect.poll(number).toBeGreaterThan(first);
  await expect(plan.getByRole('listitem', { name: 'Output' }).getByTestId('rows-in')).not.toHaveText('—');
  await plan.screenshot({ path: screenshotPath('plan') });
  await page.getByRole('button', { name: 'Stop' }).click();
  expect(errors).toEqual([]);
});

test('a join lesson draws each input: two sources in the plan graph, a watermark line per input beside the combined one', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await openLesson(page, 'The slow input holds the watermark back');
  const timeline = page.getByRole('region', { name: 'Windows timeline' });
  await expect(timeline).toBeInViewport();
  // Rates come every 5 s of event time: the payments' own watermark runs ahead of the join's.
  await expect(timeline.getByTestId('watermark-payments')).toBeAttached({ timeout: 30_000 });
  await expect(timeline.getByTestId('watermark-rates')).toBeAttached();
  await expect(timeline.getByTestId('watermark')).toContainText('combined watermark');
  await expect(timeline.locator('.tl-row rect').first()).toBeAttached(); // the second stream's rows
  await timeline.screenshot({ path: screenshotPath('timeline-join') });

  const plan = page.getByRole('region', { name: 'Plan' });
  await expect(plan.getByRole('listitem', { name: '2 inputs' })).toBeVisible();
  await expect(plan.getByRole('listitem', { name: 'Source payments' })).toBeVisible();
  await expect(plan.getByRole('listitem', { name: 'Source rates' })).toBeVisible();
  const join = plan.getByRole('listitem', { name: /TemporalJoin/ });
  await expect(join).toBeVisible();
  // The join's state per input, live: the most rows of each stream it has held.
  await expect(join.getByTestId('peak-held')).toContainText(/payments [\d,]+ · rates [1-9]/);
  await page.getByRole('button', { name: 'Stop' }).click();
  expect(errors).toEqual([]);
});

test('an interval join shades the stretch of event time whose rows it still holds', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await openLesson(page, 'Interval join: orders and their payments');
  const timeline = page.getByRole('region', { name: 'Windows timeline' });
  await timeline.scrollIntoViewIfNeeded();
  await expect(timeline.getByTestId('held-orders')).toBeAttached({ timeout: 30_000 });
  await expect(timeline.getByTestId('held-payments')).toBeAttached();
  await expect(timeline.getByLabel('How to read the timeline')).toContainText(
    'orders rows the join still holds: newer than the watermark − 10 s',
  );
  await timeline.screenshot({ path: screenshotPath('timeline-interval-join') });
  await page.getByRole('button', { name: 'Stop' }).click();
  expect(errors).toEqual([]);
});
