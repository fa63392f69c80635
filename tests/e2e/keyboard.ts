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

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

/**
 * From first run to a new harvest's page without the mouse: a name, a community made with
 * the "new" shortcut, then a harvest, whose dialog asks who may see it (nothing
 * pre-selected: Tab into the choices, the arrow picks "This community").
 */
export async function harvestByKeyboard(page: Page, poll: <T>(read: () => T | Promise<T>) => { toBe(value: T): Promise<void> }): Promise<void> {
  await poll(() => page.getByLabel('Your name').evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type('Sam Taylor');
  await page.keyboard.press('Enter');
  await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Hello, Sam Taylor');
  // On home, "new" means a new community.
  await page.keyboard.press(`${mod}+Shift+N`);
  await poll(() => page.getByRole('dialog', { name: 'Start a community' }).isVisible()).toBe(true);
  await poll(() => focused(page)).toBe('Community name');
  await page.keyboard.type('Keyboard circle');
  await page.keyboard.press('Enter');
  await poll(() => page.getByRole('navigation', { name: 'Keyboard circle' }).isVisible()).toBe(true);
  // In a community, a new entry of the kind shown (harvests, the first it opens on).
  await page.keyboard.press(`${mod}+Shift+N`);
  await poll(() => page.getByRole('dialog', { name: 'New harvest' }).isVisible()).toBe(true);
  await page.keyboard.type('Evening circle');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await poll(() => page.locator('#detail-title').textContent()).toBe('Evening circle');
  await poll(() => page.getByRole('dialog').count()).toBe(0);
}
