import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

// Files in and out of the browser build, as a person saves and chooses them.

/** Clicks a button that saves a file and returns what the browser downloaded. */
export async function download(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

/** Answers the browser bridge's file input (the desktop shows its open dialog instead). */
export async function chooseFile(page: Page, button: Locator, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
  await chooser.setFiles(file);
}
