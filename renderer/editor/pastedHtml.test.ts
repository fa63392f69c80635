// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { flattenPastedHtml } from './pastedHtml.js';

describe('pasted HTML', () => {
  it('turns each table row into a paragraph, its cells joined, and counts the table', () => {
    const pasted = flattenPastedHtml('<p>Before</p><table><tr><th>Who</th><th>Said</th></tr><tr><td>Mairi</td><td>Listen  first</td></tr><tr><td></td><td></td></tr></table><p>After</p>');
    expect(pasted.tables).toBe(1);
    expect(pasted.images).toBe(0);
    expect(pasted.html).toBe('<p>Before</p><p>Who · Said</p><p>Mairi · Listen first</p><p>After</p>');
  });

  it('flattens a table inside a table cell without losing its words', () => {
    const pasted = flattenPastedHtml('<table><tr><td>outer<table><tr><td>in</td><td>ner</td></tr></table></td></tr></table>');
    expect(pasted.tables).toBe(2);
    expect(pasted.html).not.toContain('<table');
    expect(pasted.html).toContain('in · ner');
    expect(pasted.html).toContain('outer');
  });

  it('leaves pictures out and counts them', () => {
    const pasted = flattenPastedHtml('<p>A <img src="https://example.org/a.png" alt="river"> river</p><picture><img src="b.png"></picture>');
    expect(pasted.images).toBe(2);
    expect(pasted.html).toBe('<p>A  river</p>');
  });

  it('gives back HTML without tables or pictures unchanged', () => {
    const html = '<p>Just <strong>words</strong></p>';
    expect(flattenPastedHtml(html)).toEqual({ html, tables: 0, images: 0 });
  });
});
