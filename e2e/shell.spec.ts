import { expect, test } from '@playwright/test';
import { screenshotPath, watchConsole } from './console-guard';

test('the page loads isolated, with an editor, a Run button, results and a status', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');

  await expect(page.getByRole('heading', { name: 'Windtunnel' })).toBeVisible();
  await expect(page.locator('.monaco-editor')).toBeVisible();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('SELECT * FROM trades');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Results' })).toBeVisible();
  await expect(page.getByRole('status')).toBeVisible();

  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  await page.screenshot({ path: screenshotPath('shell') });
  expect(errors).toEqual([]);
});
