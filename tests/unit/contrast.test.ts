import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * WCAG 2.2 AA contrast of the design tokens, in light and dark: 4.5:1 for text, 3:1 for
 * what identifies a control or shows focus (1.4.3, 1.4.11). Reads tokens.css itself, so a
 * colour change that breaks contrast fails here before anyone sees it.
 */
const css = readFileSync(new URL('../../renderer/styles/tokens.css', import.meta.url), 'utf8');

/** Each colour token's light and dark value, from `--name: light-dark(#light, #dark);`. */
function palette(): { light: Record<string, string>; dark: Record<string, string> } {
  const light: Record<string, string> = {};
  const dark: Record<string, string> = {};
  for (const [, name, day, night] of css.matchAll(/--([\w-]+):\s*light-dark\(\s*(#[0-9a-f]{6})\s*,\s*(#[0-9a-f]{6})\s*\)\s*;/gi)) {
    light[name!] = day!.toLowerCase();
    dark[name!] = night!.toLowerCase();
  }
  return { light, dark };
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

const { light, dark } = palette();

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
  it('defines every colour once, with its light and its dark value', () => {
    const colours = [...css.matchAll(/--([\w-]+):\s*[^;]*(#[0-9a-f]{3,8}|rgb)/gi)].map((m) => m[1]).filter((name) => name !== 'shadow');
    expect(colours.sort()).toEqual(Object.keys(light).sort());
    expect(Object.keys(light)).toHaveLength(14);
  });
  it('follows the system unless the person chose a theme', () => {
    expect(css).toMatch(/:root\s*\{[^}]*color-scheme:\s*light dark;/);
    expect(css).toMatch(/:root\[data-theme='light'\]\s*\{\s*color-scheme:\s*light;\s*\}/);
    expect(css).toMatch(/:root\[data-theme='dark'\]\s*\{\s*color-scheme:\s*dark;\s*\}/);
  });
  it('computes contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
