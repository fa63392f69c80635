import { describe, expect, it } from 'vitest';
import { printableAreaPx } from './printLayout.js';

describe('the printable area the PDF window is laid out at', () => {
  it('is A4 less 1 cm margins, in CSS pixels', () => {
    expect(printableAreaPx()).toEqual({ width: 718, height: 1047 });
  });

  it('follows the page and margins it is given', () => {
    expect(printableAreaPx({ widthMm: 215.9, heightMm: 279.4, marginMm: 25.4 })).toEqual({ width: 624, height: 864 });
  });
});
