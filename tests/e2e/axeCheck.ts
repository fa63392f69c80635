import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The WCAG 2.2 A/AA violations axe finds on what is shown now, one readable line each. */
export async function axeViolations(page: Page, screen: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  // Proof that the rules ran on this screen, not on an empty page.
  expect(results.passes.length, screen).toBeGreaterThan(10);
  return results.violations.map((v) => `${screen}: ${v.id} (${v.impact ?? ''}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`);
}
