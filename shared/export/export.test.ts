import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Community } from '../model/Community.js';
import { PersonalDoc } from '../model/PersonalDoc.js';
import { setHarvestConsent, shareDilemma } from '../model/sharing.js';
import { selectForExport, type Booklet } from './booklet.js';
import { toDocx } from './docx.js';
import { toHtml, toPrintParts } from './html.js';
import { toMarkdown } from './markdown.js';
import { appendBlocks, storyToBlocks, type Block, type TextMarks } from '../model/storyBlocks.js';

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };

type Part = [string, TextMarks?, string?];

function paragraph(parts: Part[]): Block {
  return { type: 'paragraph', content: parts.map(([text, marks, href]) => (href ? { type: 'text', text, marks: marks ?? {}, href } : { type: 'text', text, marks: marks ?? {} })) };
}

function listOf(ordered: boolean, items: Block[][]): Block {
  return { type: 'list', ordered, start: 1, items };
}

function fixture(): { community: Community; personal: PersonalDoc; ids: Record<string, string> } {
  const community = Community.create({ name: 'Care network', domain: 'Care that does no harm', place: 'Leeds', creator: amira });
  const personal = new PersonalDoc(new Y.Doc());
  const term = community.glossary.create(amira.id, (e) => {
    e.setTerm('Holding space');
    e.setOtherNames(['Space holding']);
    e.setExamples(['Staying with silence']);
    e.setContested(true, 'Some say it is too vague.');
  });
  appendBlocks(term.definition, [paragraph([['Being present '], ['without', { bold: true }], [' judgement.']])]);
  const other = community.glossary.create(amira.id, (e) => e.setTerm('Circle'));
  term.link(other.id);

  const pub = community.harvests.create(amira.id, (h) => {
    h.setTitle('Spring gathering');
    h.setSessionDate('2024-04-20');
    h.setPlace('', true);
    h.setMethod('world-cafe');
    h.setCallingQuestion('What keeps us going?');
    h.setThemes(['rest', 'care']);
    h.setSharedConsent('public');
  });
  pub.addStoryteller('Giulia');
  pub.addStoryteller('', true);
  pub.addItem('insight', 'Rest is part of the work.');
  pub.addItem('pattern', 'People return when they are heard.');
  pub.addItem('quote', 'We are not machines.', 'Giulia');
  appendBlocks(pub.body, [
    { type: 'heading', level: 2, content: [{ type: 'text', text: 'Opening', marks: {} }] },
    paragraph([['See '], ['the site', {}, 'https://example.org/a'], [' and '], ['this', {}, 'javascript:alert(1)'], ['.']]),
    listOf(false, [[paragraph([['first', { italic: true }]])], [paragraph([['second']])]]),
    listOf(true, [[paragraph([['one']])], [paragraph([['two']])]]),
    { type: 'blockquote', children: [paragraph([['<script>alert(1)</script> <img src=x onerror=alert(1)>']])] },
  ]);

  const members = community.harvests.create(amira.id, (h) => h.setTitle('Members-only circle'));
  const dilemma = personal.dilemmas.create(amira.id, (d) => {
    d.setTitle('Whether to record sessions');
    d.setContext('A member asked to record.');
    d.setValuesInTension(['Safety', 'Memory']);
    d.setOptions(['Record', 'Take notes']);
  });
  appendBlocks(dilemma.addReflection('2024-05-01').body, [paragraph([['Still unsure.']])]);
  const shared = shareDilemma(personal, dilemma.id, community, amira.id);
  const privateId = community.harvests.create(amira.id, (h) => h.setTitle('Hard story')).id;
  setHarvestConsent(personal, community, privateId, 'private');
  const list = community.resourceLists.create(amira.id, (l) => {
    l.setTitle('Reading');
    l.setDescription('Books we like.');
  });
  list.addResource({ title: 'A book', link: 'https://example.org/book', type: 'reading', why: 'Clear', cost: 'free', language: 'en' });
  return { community, personal, ids: { term: term.id, other: other.id, pub: pub.id, members: members.id, shared: shared.id, journal: dilemma.id, privateOne: privateId, list: list.id } };
}

describe('selectForExport', () => {
  it('a community export has everything shared, and leaves private harvests out with a reason', () => {
    const { community, personal, ids } = fixture();
    const booklet = selectForExport(community, personal, { scope: { kind: 'community' }, audience: 'community' });
    expect(booklet.included.map((e) => e.id).sort()).toEqual([ids.term, ids.other, ids.pub, ids.members, ids.shared, ids.list].sort());
    expect(booklet.leftOut).toEqual([expect.objectContaining({ id: ids.privateOne, kind: 'harvest', reason: 'private-harvest', title: 'Hard story' })]);
    expect(booklet.leftOut[0]?.message).toMatch(/private/);
  });

  it('a public export keeps only public harvests and leaves out shared dilemmas', () => {
    const { community, personal, ids } = fixture();
    const booklet = selectForExport(community, personal, { scope: { kind: 'community' }, audience: 'public' });
    const included = booklet.included.map((e) => e.id);
    expect(included).toContain(ids.pub);
    expect(included).not.toContain(ids.members);
    expect(included).not.toContain(ids.shared);
    const reasons = Object.fromEntries(booklet.leftOut.map((l) => [l.id, l.reason]));
    expect(reasons).toEqual({ [ids.members!]: 'consent-community', [ids.shared!]: 'dilemma-community-only', [ids.privateOne!]: 'private-harvest' });
  });

  it('explicitly chosen private things are still left out', () => {
    const { community, personal, ids } = fixture();
    const booklet = selectForExport(community, personal, { scope: { kind: 'ids', ids: [ids.privateOne!, ids.journal!, 'gone', ids.pub!] }, audience: 'community' });
    expect(booklet.included.map((e) => e.id)).toEqual([ids.pub]);
    expect(booklet.leftOut.map((l) => l.reason)).toEqual(['private-harvest', 'private-dilemma', 'not-found']);
  });

  it('a harvest marked private inside the community document (by a peer) is never exported', () => {
    const { community, ids } = fixture();
    community.harvests.get(ids.members!)!.map.set('consent', 'private');
    const booklet = selectForExport(community, undefined, { scope: { kind: 'community' }, audience: 'community' });
    expect(booklet.leftOut).toEqual([expect.objectContaining({ id: ids.members, reason: 'consent-private' })]);
  });

  it('sections can be left out, and one document gets its own title', () => {
    const { community, ids } = fixture();
    const glossaryOnly = selectForExport(community, undefined, { scope: { kind: 'community' }, audience: 'community', sections: { harvests: false, resources: false, dilemmas: false } });
    expect(new Set(glossaryOnly.included.map((e) => e.kind))).toEqual(new Set(['glossary']));
    const one = selectForExport(community, undefined, { scope: { kind: 'document', id: ids.pub! }, audience: 'public' });
    expect(one.title).toBe('Spring gathering');
  });

  it('never writes to the document it exports', () => {
    const { community } = fixture();
    const before = Y.encodeStateAsUpdate(community.doc);
    selectForExport(community, undefined, { scope: { kind: 'community' }, audience: 'community' });
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
  });

  it('reports progress and can be cancelled between entries', () => {
    const { community } = fixture();
    const calls: [number, number][] = [];
    selectForExport(community, undefined, { scope: { kind: 'community' }, audience: 'community', onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.at(-1)).toEqual([6, 6]);
    const signal = { aborted: false };
    expect(() =>
      selectForExport(community, undefined, {
        scope: { kind: 'community' },
        audience: 'community',
        signal,
        onProgress: (done) => {
          if (done === 2) signal.aborted = true;
        },
      }),
    ).toThrow('exportCancelled');
  });
});

describe('the rich-text walker', () => {
  it('keeps structure and marks, drops unsafe links to text', () => {
    const { community, ids } = fixture();
    const blocks = storyToBlocks(community.harvests.get(ids.pub!)!.body);
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'list', 'list', 'blockquote']);
    const links = blocks[1]!.type === 'paragraph' ? blocks[1]!.content : [];
    expect(links).toContainEqual({ type: 'text', text: 'the site', marks: {}, href: 'https://example.org/a' });
    expect(links.at(-1)).toEqual({ type: 'text', text: ' and this.', marks: {} });
  });
});

/** The pieces `text` lacks: one assertion that names every missing piece at once. */
const missingFrom = (text: string, pieces: readonly string[]): string[] => pieces.filter((piece) => !text.includes(piece));

function booklet(audience: 'community' | 'public' = 'community'): Booklet {
  const { community, personal } = fixture();
  return selectForExport(community, personal, { scope: { kind: 'community' }, audience, now: Date.UTC(2024, 5, 1) });
}

describe('toMarkdown', () => {
  it('has a title page, contents and every section with each kind’s fields', () => {
    const md = toMarkdown(booklet());
    expect(md.startsWith('# Care network\n\nCare that does no harm\n')).toBe(true);
    const sections = ['## Contents', '## Shared language', '## Story harvests', '## Resources', '## Dilemmas', '### Spring gathering', '### Holding space'];
    const harvestFields = ['**Session date:** 2024-04-20', '**Place:** Online', '**Method:** World Café', '**Storytellers:** Giulia, Anonymous', '**Consent:** May be shared publicly'];
    const story = ['#### Opening', '[the site](https://example.org/a)', '- _first_', '1. one\n2. two', '> \\<script\\>alert(1)\\</script\\>', '> We are not machines.'];
    const others = ['**Other names:** Space holding', '**Related terms:** Circle', 'Some say it is too vague.', '**Link:** [https://example.org/book](https://example.org/book)', '- Safety\n- Memory', '**2024-05-01**\n\nStill unsure.'];
    expect(missingFrom(md, [...sections, ...harvestFields, ...story, ...others])).toEqual([]);
    expect(md).not.toContain('javascript:');
    expect(md).not.toContain('Hard story');
  });
});

describe('toHtml', () => {
  it('is one self-contained document with print styles, no script and only safe links', () => {
    const html = toHtml(booklet());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('@media print');
    expect(html).toMatch(/break-before: page/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    // No tag carries an event handler (escaped text may mention one, harmlessly).
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(
      missingFrom(html, ['&lt;script&gt;alert(1)&lt;/script&gt;', '<a href="https://example.org/a" rel="noopener noreferrer">the site</a>', '<strong>without</strong>', '<ol><li><p>one</p></li><li><p>two</p></li></ol>']),
    ).toEqual([]);
    expect(html).toMatch(/<a href="#e\d+">Spring gathering<\/a>/);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    for (const href of hrefs) expect(href).toMatch(/^(#|https?:|mailto:)/);
  });

  it('lets entries split across pages when printed, keeping headings with what follows', () => {
    const html = toHtml(booklet());
    // Keeping whole entries together pushed every entry that did not fit to a new page.
    expect(html).not.toMatch(/article[^{}]*\{[^}]*break-inside: avoid/);
    expect(html).toMatch(/h1, h2, h3, h4 \{ break-after: avoid/);
  });

  it('escapes hostile titles and community names too', () => {
    const community = Community.create({ name: '<b onmouseover=alert(1)>Evil</b>', domain: '"><script>x</script>', creator: amira });
    community.harvests.create(amira.id, (h) => {
      h.setTitle('<img src=x onerror=alert(1)>');
      h.setSharedConsent('public');
    });
    const html = toHtml(selectForExport(community, undefined, { scope: { kind: 'community' }, audience: 'public' }));
    expect(html).not.toMatch(/<script|<img|<b /i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('stops when cancelled', () => {
    const signal = { aborted: true };
    expect(() => toHtml(booklet(), { signal })).toThrow('exportCancelled');
  });
});

describe('toPrintParts', () => {
  /** What a part shows, in order: its headings and paragraphs, without the document around them. */
  const bodyOf = (html: string): string => html.slice(html.indexOf('<body>') + 6, html.indexOf('</body>'));
  const anchorsOf = (html: string): string[] => [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);

  it('is one part, the same document as the HTML export, for a booklet of ordinary size', () => {
    expect(toPrintParts(booklet())).toEqual([toHtml(booklet())]);
  });

  it('cuts a long booklet between entries into documents that print as the whole, each anchor once', () => {
    const whole = toHtml(booklet());
    const parts = toPrintParts(booklet(), { partBytes: 1 });
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) {
      expect(part.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(part).toContain('@media print');
      expect(part).toContain("Content-Security-Policy");
      expect(part).not.toMatch(/<script/i);
      // Whole elements only: every article and section that opens in a part closes in it.
      const body = bodyOf(part);
      expect(body.match(/<article/g)?.length ?? 0).toBe(body.match(/<\/article>/g)?.length ?? 0);
      expect(body.match(/<section/g)?.length ?? 0).toBe(body.match(/<\/section>/g)?.length ?? 0);
    }
    // The title page and contents come first, once; every anchor is in exactly one part,
    // in the whole's order, so the contents' links can be joined up after printing.
    expect(parts[0]).toContain('<nav aria-labelledby="contents">');
    expect(parts.slice(1).some((part) => part.includes('<nav'))).toBe(false);
    expect(parts.flatMap(anchorsOf)).toEqual(anchorsOf(whole));
    // Chromium links only to places in the same document, and names only places linked
    // to: the first part names every later place, each later part links to its own.
    const later = parts.slice(1).flatMap(anchorsOf);
    expect([...parts[0]!.matchAll(/<a name="([^"]+)"><\/a>/g)].map((m) => m[1])).toEqual(later);
    for (const part of parts.slice(1)) {
      const hidden = part.slice(part.lastIndexOf('<div hidden>'));
      expect([...hidden.matchAll(/<a href="#([^"]+)"><\/a>/g)].map((m) => m[1])).toEqual(anchorsOf(part));
    }
    // Nothing lost or repeated: the text of the parts, in order, is the whole's, apart from
    // the sections a cut reopened (with no heading of their own).
    const text = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
    expect(text(parts.map(bodyOf).join(''))).toBe(text(bodyOf(whole)));
  });

  it('reports progress and stops when cancelled, as the HTML export does', () => {
    const done: number[] = [];
    toPrintParts(booklet(), { partBytes: 1, onProgress: (n) => done.push(n) });
    expect(done.length).toBe(booklet().included.length);
    expect(() => toPrintParts(booklet(), { signal: { aborted: true } })).toThrow('exportCancelled');
  });
});

describe('toDocx', () => {
  it('writes a Word file with the headings, lists, quotes and links', async () => {
    const progress: number[] = [];
    const bytes = await toDocx(booklet(), { onProgress: (done) => progress.push(done) });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // a zip
    // fflate is what docx itself zips with.
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = unzipSync(bytes);
    const xml = strFromU8(files['word/document.xml']!);
    const rels = strFromU8(files['word/_rels/document.xml.rels']!);
    expect(missingFrom(xml, ['Spring gathering', 'Heading1', 'w:hyperlink', 'w:numPr', 'Quote', '<w:b/>', '<w:i/>'])).toEqual([]);
    expect(rels).toContain('https://example.org/a');
    expect(rels).not.toContain('javascript:');
    expect(xml).not.toContain('Hard story');
    expect(progress.at(-1)).toBe(6);
  });

  it('writes only the marks that are on, and "not italic" where the paragraph style is italic', async () => {
    const { unzipSync, strFromU8 } = await import('fflate');
    const xml = strFromU8(unzipSync(await toDocx(booklet()))['word/document.xml']!);
    const paragraphs = xml.split('<w:p>').slice(1);
    // "Off" properties were half of document.xml for a large booklet; they change nothing
    // where no style turns the property on.
    expect(xml).not.toContain('<w:b w:val="false"/>');
    expect(xml).not.toContain('<w:strike w:val="false"/>');
    for (const p of paragraphs.filter((p) => !p.includes('<w:pStyle w:val="Quote"/>') && !p.includes('<w:pStyle w:val="Heading4"/>')))
      expect(p).not.toContain('<w:i w:val="false"/>');
    // The Quote style is italic; text in a quote without the italic mark stays upright, as in the HTML.
    const quote = paragraphs.find((p) => p.includes('&lt;script&gt;'));
    expect(quote).toContain('<w:pStyle w:val="Quote"/>');
    expect(quote).toContain('<w:i w:val="false"/>');
  });

  it('stops when cancelled', async () => {
    await expect(toDocx(booklet(), { signal: { aborted: true } })).rejects.toThrow('exportCancelled');
  });
});

describe('contributors', () => {
  it('lists the members who wrote in a harvest when asked, and withholds them when a storyteller is anonymous', () => {
    const community = Community.create({ name: 'Care network', creator: amira });
    const peer = new Community(Community.newDoc());
    const exchange = (): void => {
      Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(community.doc, Y.encodeStateVector(peer.doc)));
      Y.applyUpdate(community.doc, Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(community.doc)));
    };
    exchange();
    peer.join({ id: 'member-ben', name: 'Ben', colour: '#b3461f' });
    const named = community.harvests.create(amira.id, (h) => h.setTitle('Named circle'));
    named.addStoryteller('Giulia');
    appendBlocks(named.body, [paragraph([['Amira began.']])]);
    const anonymous = community.harvests.create(amira.id, (h) => h.setTitle('Quiet circle'));
    anonymous.addStoryteller('', true);
    appendBlocks(anonymous.body, [paragraph([['Told in confidence.']])]);
    exchange();
    // Ben adds an insight to the first and writes in the second.
    peer.harvests.get(named.id)!.addItem('insight', 'Rest is part of the work.');
    peer.harvests.get(anonymous.id)!.setCallingQuestion('Who listens?');
    exchange();

    const harvests = (booklet: Booklet) => booklet.included.flatMap((e) => (e.kind === 'harvest' ? [e] : []));
    const asked = harvests(selectForExport(community, undefined, { scope: { kind: 'community' }, audience: 'community', contributors: true }));
    expect(asked.find((h) => h.title === 'Named circle')).toMatchObject({ contributors: ['Amira', 'Ben'], contributorsWithheld: false });
    expect(asked.find((h) => h.title === 'Quiet circle')).toMatchObject({ contributors: [], contributorsWithheld: true });
    const markdown = toMarkdown(selectForExport(community, undefined, { scope: { kind: 'community' }, audience: 'community', contributors: true }));
    expect(markdown).toContain('**Written by:** Amira, Ben');
    expect(markdown).toContain('Not listed, because a storyteller chose to stay anonymous');
    // Not asked: no names, and nothing said.
    const plain = selectForExport(community, undefined, { scope: { kind: 'community' }, audience: 'community' });
    expect(harvests(plain).every((h) => h.contributors.length === 0 && !h.contributorsWithheld)).toBe(true);
    expect(toMarkdown(plain)).not.toContain('Written by');
  });
});
