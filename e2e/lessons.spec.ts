import { expect, test, type Page } from '@playwright/test';
import { LESSONS } from '../src/lessons/lessons';
import { watchConsole } from './console-guard';
import { editorText } from './editor-helpers';

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
  await expect(dialog.getByRole('button', { name: LESSONS.find((l) => !l.title.startsWith('S'))!.title })).toBeFocused();
  for (const l of LESSONS) await expect(dialog.getByRole('button', { name: l.title, exact: true })).toBeVisible();
  await expect(dialog).toContainText(LESSONS[0]!.watch);
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
  for (const lesson of LESSONS) {
    await test.step(lesson.title, async () => {
      const dialog = await openGallery(page);
      await dialog.getByRole('button', { name: lesson.title, exact: true }).click();
      await expect(dialog).toBeHidden();
      const lastLine = lesson.script.trim().split('\n').at(-1)!.slice(0, 40);
      await expect.poll(() => editorText(page)).toContain(lastLine);
      await expect(status).toContainText(/Running|Finished/);
      await page.waitForTimeout(300);
      await expect(results.getByRole('row').nth(1)).toBeVisible();
      const stop = page.getByRole('button', { name: 'Stop', exact: true }).first();
      if (await stop.isEnabled()) await stop.click();
      await expect(status).toContainText(/Stopped|Finished/);
    });
  }
  expect(errors).toEqual([]);
});
