import { describe, expect, inject, it } from 'vitest';
import { chromiumForFile } from './app.js';
import { openFreshPage } from './chromium.js';

const browser = chromiumForFile();
const baseUrl = inject('baseUrl');

describe('first run', () => {
  it('asks for "Your name", refuses an empty one, then shows a home that says what to do next', async () => {
    const { context, page, problems } = await openFreshPage(browser(), baseUrl);
    const name = page.getByLabel('Your name');
    await expect.poll(() => name.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Please enter your name');
    expect(await name.getAttribute('aria-invalid')).toBe('true');

    await name.fill('Amira Okafor');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Hello, Amira Okafor');
    expect(await page.getByRole('heading', { name: 'Your communities' }).isVisible()).toBe(true);
    expect(await page.getByText('You are not in a community yet').isVisible()).toBe(true);
    expect(await page.getByText('ask a member for an invite code').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('remembers the name after a reload (IndexedDB)', async () => {
    const { context, page } = await openFreshPage(browser(), baseUrl);
    await page.getByLabel('Your name').fill('Giulia Rossi');
    await page.getByLabel('Your name').press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Hello, Giulia Rossi');
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Hello, Giulia Rossi');
    expect(await page.getByLabel('Your name').count()).toBe(0);
    await context.close();
  });

  it('gives every test a fresh profile', async () => {
    const { context, page } = await openFreshPage(browser(), baseUrl);
    await expect.poll(() => page.getByLabel('Your name').isVisible()).toBe(true);
    await context.close();
  });

  it('can be walked by keyboard alone', async () => {
    const { context, page } = await openFreshPage(browser(), baseUrl);
    const focusedLabel = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        if (!el) return '';
        const id = el.getAttribute('id');
        const label = id ? document.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent : null;
        return label ?? el.textContent;
      });
    // The name field has focus on arrival, so typing starts at once.
    await expect.poll(focusedLabel).toBe('Your name');
    await page.keyboard.type('Sam Taylor');
    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('Continue');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Hello, Sam Taylor');

    // Focus lands on the page's heading, not on the body, when the form gives way to home.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Hello, Sam Taylor');
    // The next Tab reaches the first thing to do: start a community.
    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('New community');
    await page.keyboard.press('Enter');
    await expect.poll(focusedLabel).toBe('Community name');
    await page.keyboard.type('Keyboard circle');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('navigation', { name: 'Keyboard circle' }).isVisible()).toBe(true);

    // After a reload, the first Tab reaches the skip link, visible when focused, which moves focus to main.
    await page.reload();
    await expect.poll(() => page.getByRole('navigation', { name: 'Keyboard circle' }).isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('Skip to main content');
    const box = await page.getByRole('link', { name: 'Skip to main content' }).boundingBox();
    expect(box && box.y >= 0).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    await context.close();
  });

  it('is served with a strict Content-Security-Policy and runs no inline script', async () => {
    const { context, page } = await openFreshPage(browser(), baseUrl);
    const response = await page.goto(baseUrl);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    const inlineRan = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = true';
      document.body.append(script);
      return (window as unknown as { __inline?: boolean }).__inline === true;
    });
    expect(inlineRan).toBe(false);
    await context.close();
  });
});
