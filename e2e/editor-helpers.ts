import { expect, type Locator, type Page } from '@playwright/test';

/** Replaces the editor's script as a person would: select all, then type (inserted as one edit). */
export async function setScript(page: Page, text: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** The editor's text as displayed (Monaco renders non-breaking spaces). */
export async function editorText(page: Page): Promise<string> {
  const t = await page.locator('.monaco-editor .view-lines').innerText();
  return t.replace(/\u00a0/g, ' ');
}

export async function changelogCount(page: Page): Promise<number> {
  const t = await page.getByRole('tab', { name: /Changelog/ }).textContent();
  return Number(t?.replace(/\D/g, '') ?? 0);
}

export async function waitForFinish(page: Page): Promise<void> {
  await expect(page.getByRole('status')).toContainText(/Finished|Stopped|Failed/, { timeout: 30_000 });
}

/** The playground's run toolbar (the Compare and Sweep sections have controls of their own). */
export function runControls(page: Page): Locator {
  return page.getByRole('toolbar', { name: 'Run controls' });
}

export function runButton(page: Page, name: 'Run' | 'Pause' | 'Resume' | 'Stop'): Locator {
  return runControls(page).getByRole('button', { name, exact: true });
}
