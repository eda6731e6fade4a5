import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './console-guard';
import { editorText } from './editor-helpers';

/** The five seed scenarios and thirteen short lessons, four of them joins (src/lessons/lessons.ts; e2e type-checks apart from src). */
const LESSON_COUNT = 19;

async function openGallery(page: Page) {
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Lessons' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('the gallery is a modal: focus moves in, Escape and Close close it', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  let dialog = await openGallery(page);
  const cards = dialog.getByRole('listitem');
  await expect(cards).toHaveCount(LESSON_COUNT);
  await expect(cards.first().getByRole('button')).toBeFocused();
  for (const title of [
    'S0 · pure SELECT',
    'S3b · TUMBLING, changes',
    'Watermarks and late rows',
    'Cumulative revenue within the hour',
    'A pipeline in three WITH steps',
    'Per-record vs batched vs partitioned',
    'Interval join: orders and their payments',
    'The slow input holds the watermark back',
  ])
    await expect(dialog.getByRole('button', { name: title, exact: true })).toBeVisible();
  await expect(cards.first()).toContainText(/watch|window|row/i);
  // The last differential check against Apache Flink (flink/checked.json, kept current by npm run test:flink).
  const interval = cards.filter({ hasText: 'Interval join: orders and their payments' });
  await expect(interval).toContainText(/✓ same rows as Flink 2\.3\.0 \(checked \d{4}-\d{2}-\d{2}\)/);
  await expect(cards.filter({ hasText: 'Grace periods' })).toContainText('≠ Flink 2.3.0: a known difference');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Lessons', exact: true })).toBeFocused();

  dialog = await openGallery(page);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  expect(errors).toEqual([]);
});

// All lessons in one page, one after another, as a visitor would: each starts from a stopped run,
// and the results view has redrawn from the reset (≤ 5 Hz) before its rows are awaited.
test('every lesson opens in one click and produces rows', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  await page.goto('/');
  const status = page.getByRole('status');
  const results = page.getByRole('region', { name: 'Results' });
  const titles = await (await openGallery(page)).locator('.lesson-card button').allTextContents();
  expect(titles).toHaveLength(LESSON_COUNT);
  await page.keyboard.press('Escape');

  for (const title of titles) {
    await test.step(title, async () => {
      const before = await editorText(page);
      const dialog = await openGallery(page);
      await dialog.getByRole('button', { name: title, exact: true }).click();
      await expect(dialog).toBeHidden();
      // The lesson's own script replaced the previous one.
      await expect.poll(() => editorText(page)).not.toBe(before);
      expect(await editorText(page)).toContain('CREATE STREAM');
      await expect(status).toContainText(/Running|Finished/);
      await page.waitForTimeout(300);
      await expect(results.getByRole('row').nth(1)).toBeVisible();
      // A fast lesson may finish between the check and the click: then there is nothing to stop.
      const stop = page.getByRole('button', { name: 'Stop', exact: true }).first();
      if (await stop.isEnabled()) await stop.click({ timeout: 2_000 }).catch(() => undefined);
      await expect(status).toContainText(/Stopped|Finished/);
    });
  }
  expect(errors).toEqual([]);
});
