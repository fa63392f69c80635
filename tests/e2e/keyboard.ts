import type { Page } from 'playwright-core';

/** What has focus, by its label, accessible name or text. */
export const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return '';
    const id = el.getAttribute('id');
    const label = id ? document.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent : null;
    return (label ?? el.getAttribute('aria-label') ?? el.textContent).trim();
  });

/** Presses Tab (Shift+Tab when `back`) until focus is on what `accept` wants, as someone without a mouse would. */
export async function tabTo(page: Page, accept: (name: string) => boolean, { back = false, limit = 80 }: { back?: boolean; limit?: number } = {}): Promise<void> {
  const key = back ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    if (accept(await focused(page))) return;
  }
  throw new Error(`${key} never reached the element (last: ${await focused(page)})`);
}
