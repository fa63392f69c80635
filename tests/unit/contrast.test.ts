import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * WCAG 2.2 AA contrast of the design tokens, in light and dark: 4.5:1 for text, 3:1 for
 * what identifies a control or shows focus (1.4.3, 1.4.11). Reads tokens.css itself, so a
 * colour change that breaks contrast fails here before anyone sees it.
 */
const css = readFileSync(new URL('../../renderer/styles/tokens.css', import.meta.url), 'utf8');

function block(selector: string, from = 0): Record<string, string> {
  const start = css.indexOf(selector, from);
  if (start < 0) throw new Error(`tokens.css has no ${selector}`);
  const open = css.indexOf('{', start);
  const close = css.indexOf('}', open);
  const tokens: Record<string, string> = {};
  for (const [, name, value] of css.slice(open + 1, close).matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi))
    tokens[name!] = value!.toLowerCase();
  return tokens;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

const light = block(':root {');
const dark = block(":root[data-theme='dark'] {");
const systemDark = block(":root:not([data-theme='light']) {", css.indexOf('prefers-color-scheme: dark'));

const backgrounds = ['bg', 'surface', 'surface-muted'];
const text: [string, string[]][] = [
  ['text', [...backgrounds, 'accent-soft', 'highlight']],
  ['text-muted', [...backgrounds, 'accent-soft']],
  ['accent', [...backgrounds, 'accent-soft']],
  ['danger', backgrounds],
  ['success', backgrounds],
  ['accent-text', ['accent']],
];
const nonText: [string, string[]][] = [
  ['focus', [...backgrounds, 'accent-soft']],
  ['control-border', backgrounds],
  ['accent', backgrounds],
];

describe.each([
  ['light', light],
  ['dark', dark],
])('%s theme tokens', (_name, tokens) => {
  it.each(text.flatMap(([fg, bgs]) => bgs.map((bg) => [fg, bg] as const)))('%s on %s is readable text (4.5:1)', (fg, bg) => {
    expect(contrast(tokens[fg]!, tokens[bg]!)).toBeGreaterThanOrEqual(4.5);
  });
  it.each(nonText.flatMap(([fg, bgs]) => bgs.map((bg) => [fg, bg] as const)))('%s against %s is visible (3:1)', (fg, bg) => {
    expect(contrast(tokens[fg]!, tokens[bg]!)).toBeGreaterThanOrEqual(3);
  });
});

describe('tokens.css', () => {
  it('gives the system dark theme exactly the colours of the chosen dark theme', () => {
    expect(systemDark).toEqual(dark);
  });
  it('defines every colour of the light theme in the dark theme too', () => {
    expect(Object.keys(dark).sort()).toEqual(Object.keys(light).sort());
  });
  it('computes contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
