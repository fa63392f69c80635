import { strFromU8, unzipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cleanText } from '../../shared/cleanText.js';
import { selectForExport } from '../../shared/export/booklet.js';
import { toDocx } from '../../shared/export/docx.js';
import { importMarkdownAs } from '../../shared/import/importMarkdown.js';
import { Community } from '../../shared/model/Community.js';
import { PersonalDoc } from '../../shared/model/PersonalDoc.js';

// Characters XML forbids make Word refuse a .docx. They are dropped where text enters the
// model, and the exporter drops them again for whatever got past (a peer, an old version).

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };
const forbidden = ['\uFFFE', '\uFFFF', '\uDFFF', '\uD800', '\u0001', '\u0008', '\u000B', '\u000C', '\u001F'];
const hostile = `Re${forbidden.join('')}st`;
const hasForbidden = (text: string): boolean => forbidden.some((char) => text.includes(char));

/** Parses every XML part of the .docx with a conforming XML parser; returns the parse errors. */
function xmlErrors(bytes: Uint8Array): string[] {
  const { DOMParser } = new JSDOM('').window;
  const errors: string[] = [];
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const parsed = new DOMParser().parseFromString(strFromU8(data), 'application/xml');
    const error = parsed.getElementsByTagName('parsererror')[0];
    if (error) errors.push(`${name}: ${error.textContent.slice(0, 120)}`);
  }
  return errors;
}

describe('characters XML forbids', () => {
  it('cleanText drops exactly them, and keeps tab, line breaks, emoji and accents', () => {
    expect(cleanText(hostile)).toBe('Rest');
    expect(cleanText('a\tb\nc\rd 😀 è \u00A0 \uFFFD')).toBe('a\tb\nc\rd 😀 è \u00A0 \uFFFD');
  });

  it('are dropped by the model setters', () => {
    const community = Community.create({ name: 'Care network', domain: 'Care', creator: amira });
    const harvest = community.harvests.create(amira.id, (h) => {
      h.setTitle(hostile);
      h.setCallingQuestion('Why\uFFFF?');
      h.setThemes(['ca\u0002re']);
    });
    expect(harvest.title).toBe('Rest');
    expect(harvest.callingQuestion).toBe('Why?');
    expect(harvest.themes).toEqual(['care']);
  });

  it('are dropped from imported Markdown', () => {
    const community = Community.create({ name: 'Care network', domain: 'Care', creator: amira });
    const { entry } = importMarkdownAs('harvest', community, { name: 'story.md', content: `# ${hostile}\n\nBody ${hostile}\n` }, amira.id);
    expect(entry.title).toBe('Rest');
    expect(hasForbidden(entry.bodyText)).toBe(false);
    expect(entry.bodyText).toContain('Body Rest');
  });

  it('never reach the Word file, even when a peer wrote them straight into the document', async () => {
    const community = Community.create({ name: 'Care network', domain: 'Care', creator: amira });
    const personal = new PersonalDoc(new Y.Doc());
    const harvest = community.harvests.create(amira.id, (h) => {
      h.setTitle('Spring');
      h.setSharedConsent('community');
    });
    // What a peer (or an old version) can do: write around the setters.
    harvest.map.set('title', hostile);
    harvest.body.insert(0, `Body ${hostile}\n`, {});
    expect(hasForbidden(harvest.title)).toBe(true);

    const bytes = await toDocx(selectForExport(community, personal, { scope: { kind: 'community' }, audience: 'community' }));
    expect(xmlErrors(bytes)).toEqual([]);
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
    expect(xml).toContain('Body Rest');
    expect(hasForbidden(xml)).toBe(false);
  });
});
