// @vitest-environment jsdom
/**
 * Randomized convergence of real TipTap editors: each peer of the simulated network
 * (network.ts: lost, late, duplicated and reordered messages, partitions) has the same story
 * open in an editor with the app's extensions, and people type, delete, press Enter and
 * Backspace, toggle lists, quotes and headings, paste and undo. After everyone reconnects:
 * - every story text and every editor's document are identical, and each editor shows
 *   exactly what its text holds;
 * - provenance: each typed character is unique (a private-use code point per character),
 *   so every character someone typed that no editor deleted is there exactly once, and no
 *   character is ever there twice.
 *
 *   npm test                        a few seeds
 *   FUZZ_SEED=7 vitest run ...      replays one seed (printed by every failure)
 *   FUZZ_SEEDS=200 FUZZ_INTENTS=500 (npm run test:fuzz)
 */
import type { Editor } from '@tiptap/core';
import { Selection, TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { unitsOfText } from '../../renderer/editor/storyBinding/storyBinding.js';
import { docFromUnits } from '../../renderer/editor/storyBinding/storyUnits.js';
import { createStoryEditor, press, type, undo } from './editorHarness.js';
import { Network } from './network.js';
import { Rng } from './prng.js';

const replaySeed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const longMode = process.env.FUZZ_SEEDS !== undefined;
const seedCount = Number(process.env.FUZZ_SEEDS ?? 3);
const intentsPerSeed = Number(process.env.FUZZ_INTENTS ?? (longMode ? 500 : 150));
const editorCount = Number(process.env.FUZZ_EDITORS ?? 3);
const seeds = replaySeed !== undefined ? [replaySeed] : Array.from({ length: seedCount }, (_, i) => 1 + i);

/** Typed characters: one private-use code point each, so each can be followed. */
const firstTag = 0xe000;
const lastTag = 0xf8ff;
const tagsIn = (text: string): string[] => text.match(/[\ue000-\uf8ff]/g) ?? [];

type Intent = 'type' | 'delete' | 'enter' | 'join' | 'hardBreak' | 'list' | 'ordered' | 'quote' | 'heading' | 'code' | 'bold' | 'indent' | 'outdent' | 'paste' | 'undo' | 'select';

const weights: Record<Intent, number> = {
  type: 30,
  delete: 10,
  enter: 10,
  join: 6,
  hardBreak: 2,
  list: 4,
  ordered: 2,
  quote: 4,
  heading: 4,
  code: 2,
  bold: 3,
  indent: 2,
  outdent: 2,
  paste: 4,
  undo: 6,
  select: 5,
};

class Typist {
  private next = firstTag;
  take(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) {
      if (this.next > lastTag) throw new Error('Out of private-use characters: fewer intents per seed.');
      out += String.fromCharCode(this.next++);
    }
    return out;
  }
}

/**
 * Each typed character's Yjs item ids, as "client:clock": usually one, more where an undo
 * wrote a deleted character again (a new item) while a peer still holds the old one (the
 * deletion has not reached it yet) or two people each undid deleting it.
 */
function tagIds(text: Y.Text): Map<string, Set<string>> {
  const ids = new Map<string, Set<string>>();
  for (let item = text._start; item; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    const { str } = item.content;
    for (let i = 0; i < str.length; i++) {
      const char = str.charAt(i);
      if (char < '\ue000' || char > '\uf8ff') continue;
      const id = `${item.id.client}:${item.id.clock + i}`;
      const set = ids.get(char);
      if (set) set.add(id);
      else ids.set(char, new Set([id]));
    }
  }
  return ids;
}

const editorText = (editor: Editor): string => editor.state.doc.textBetween(0, editor.state.doc.content.size, '\n', '\n');

function caretSomewhere(editor: Editor, rng: Rng, range: boolean): void {
  const size = editor.state.doc.content.size;
  const { doc } = editor.state;
  const from = Selection.near(doc.resolve(rng.int(0, size)));
  if (!range) {
    editor.view.dispatch(editor.state.tr.setSelection(from));
    return;
  }
  const to = Selection.near(doc.resolve(Math.min(size, from.from + rng.int(1, 6))));
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.between(from.$from, to.$to)));
}

function pasteSnippet(typist: Typist, rng: Rng): string {
  const words = () => typist.take(rng.int(1, 3));
  return rng.pick([
    () => `<p>${words()}</p><p>${words()}</p>`,
    () => `<ul><li><p>${words()}</p></li><li><p>${words()}</p><ol><li><p>${words()}</p></li></ol></li></ul>`,
    () => `<h2>${words()}</h2><blockquote><p><strong>${words()}</strong></p></blockquote>`,
    () => `<b>${words()}</b> <i>${words()}</i>`,
    () => `<ul><li><p>${words()}</p><p>${words()}</p></li></ul>`,
  ])();
}

/** Toolbar buttons. */
const toggles = {
  list: (editor: Editor) => editor.commands.toggleBulletList(),
  ordered: (editor: Editor) => editor.commands.toggleOrderedList(),
  quote: (editor: Editor) => editor.commands.toggleBlockquote(),
  heading: (editor: Editor, rng: Rng) => editor.commands.toggleHeading({ level: rng.pick([1, 2, 3] as const) }),
  code: (editor: Editor) => editor.commands.toggleCodeBlock(),
  bold: (editor: Editor) => editor.commands.toggleBold(),
} as const;

/** Does one intent in an editor; returns a short description for failure reports. */
function act(editor: Editor, intent: Intent, typist: Typist, rng: Rng): string {
  switch (intent) {
    case 'type': {
      caretSomewhere(editor, rng, rng.chance(0.1));
      const text = typist.take(rng.int(1, 3));
      type(editor, text);
      return `type ${text.length}`;
    }
    case 'delete':
      caretSomewhere(editor, rng, rng.chance(0.5));
      press(editor, rng.pick(['Backspace', 'Delete']));
      return 'delete';
    case 'enter':
      caretSomewhere(editor, rng, false);
      press(editor, 'Enter');
      return 'enter';
    case 'join': {
      caretSomewhere(editor, rng, false);
      const { $from } = editor.state.selection;
      editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, $from.start())));
      press(editor, 'Backspace');
      return 'join';
    }
    case 'hardBreak':
      caretSomewhere(editor, rng, false);
      press(editor, 'Shift-Enter');
      return 'hard break';
    case 'list':
    case 'ordered':
    case 'quote':
    case 'heading':
    case 'code':
    case 'bold':
      caretSomewhere(editor, rng, intent === 'bold' || (intent !== 'heading' && intent !== 'code' && rng.chance(0.3)));
      toggles[intent](editor, rng);
      return intent;
    case 'indent':
      caretSomewhere(editor, rng, false);
      press(editor, 'Tab');
      return 'indent';
    case 'outdent':
      caretSomewhere(editor, rng, false);
      press(editor, 'Shift-Tab');
      return 'outdent';
    case 'paste': {
      caretSomewhere(editor, rng, rng.chance(0.2));
      const html = pasteSnippet(typist, rng);
      editor.commands.insertContent(html);
      return `paste ${html.replace(/[\ue000-\uf8ff]/g, 'x')}`;
    }
    case 'undo':
      undo(editor);
      return 'undo';
    case 'select':
      caretSomewhere(editor, rng, rng.chance(0.5));
      return 'select';
  }
}

export interface EditorRunSummary {
  readonly seed: number;
  readonly intents: number;
  /** Characters there twice because two people each undid deleting them. */
  readonly twiceByUndo: number;
  readonly typed: number;
  readonly deleted: number;
  readonly checked: number;
}

export function runEditorSeed(seed: number, intents = intentsPerSeed): EditorRunSummary {
  const rng = new Rng(seed);
  const network = new Network(rng, { peers: editorCount, dropRate: 0.15, duplicateRate: 0.1, maxDelay: 8 });
  const texts: Y.Text[] = network.peers.map((peer) => peer.doc.getText('fuzzStory'));
  const editors = texts.map((text) => createStoryEditor(text));
  const typist = new Typist();
  const typed = new Set<string>();
  const deleted = new Set<string>();
  const restored = new Map<string, number>();
  let twiceByUndo = 0;
  const log: string[] = [];
  const where = `seed=${seed} (replay with FUZZ_SEED=${seed})`;
  try {
    for (let step = 0; step < intents; step++) {
      const who = rng.int(0, editors.length - 1);
      const editor = editors[who] as Editor;
      const intent = rng.weighted(weights);
      const before = new Set(tagsIn(editorText(editor)));
      const idsBefore = tagIds(texts[who] as Y.Text);
      const description = act(editor, intent, typist, rng);
      log.push(`#${step} editor ${who} ${description}`);
      // A character an edit keeps is never deleted and written again: two people making
      // the same change would each write their own copy.
      const idsAfter = tagIds(texts[who] as Y.Text);
      // Per copy: deleting one of two copies (see tagIds) leaves the other's id, no new one.
      const rewritten = [...idsBefore].filter(([tag, ids]) => [...(idsAfter.get(tag) ?? [])].some((id) => !ids.has(id)));
      expect(rewritten.map(([tag]) => tag.codePointAt(0)?.toString(16)), `characters rewritten by ${description}`).toEqual([]);
      const after = tagsIn(editorText(editor));
      const present = new Set(after);
      for (const tag of after) {
        if (before.has(tag)) continue;
        if (!typed.has(tag) && !deleted.has(tag)) typed.add(tag);
        // Undoing a deletion writes the characters again, as new items.
        else if (intent === 'undo') restored.set(tag, (restored.get(tag) ?? 0) + 1);
      }
      // What this editor's own intent removed was deleted by someone.
      for (const tag of before) if (!present.has(tag)) deleted.add(tag);
      network.tick();
      if (rng.chance(0.08)) network.requestSync(rng.int(0, editors.length - 1), rng.int(0, editors.length - 1));
      if (rng.chance(0.03)) {
        if (network.partitioned) network.heal();
        else network.partition();
      }
    }
    network.settle();

    // 1. Identical everywhere, and each editor shows what its text holds.
    const [firstText, ...otherTexts] = texts;
    const [firstEditor, ...otherEditors] = editors;
    if (!firstText || !firstEditor) throw new Error('no editors');
    for (const text of otherTexts) expect(text.toDelta(), 'story texts differ').toEqual(firstText.toDelta());
    for (const editor of otherEditors) expect(editor.getJSON(), 'editor documents differ').toEqual(firstEditor.getJSON());
    editors.forEach((editor, i) => {
      const stored = docFromUnits(editor.schema, unitsOfText(texts[i] as Y.Text));
      expect(stored.eq(editor.state.doc), `editor ${i} does not show what its text holds`).toBe(true);
    });

    // 2. Provenance: typed and never deleted means there exactly once; never twice.
    const counts = new Map<string, number>();
    for (const tag of tagsIn(editorText(firstEditor))) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    // Twice only where two people each undid their own deletion of the same characters:
    // Yjs restores a deletion by writing it again, so each undo brings back its own copy.
    const twice = [...counts].filter(([tag, n]) => n > 1 && n > (restored.get(tag) ?? 0));
    twiceByUndo += [...counts].filter(([, n]) => n > 1).length - twice.length;
    expect(twice.map(([tag]) => tag.codePointAt(0)?.toString(16)), 'characters there twice').toEqual([]);
    const lost = [...typed].filter((tag) => !deleted.has(tag) && !counts.has(tag));
    expect(lost.map((tag) => tag.codePointAt(0)?.toString(16)), 'characters nobody deleted that are gone').toEqual([]);
    return { seed, intents, twiceByUndo, typed: typed.size, deleted: deleted.size, checked: typed.size - [...typed].filter((t) => deleted.has(t)).length };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${where}: ${message}\nlast intents:\n${log.slice(-12).join('\n')}`, { cause: error });
  } finally {
    for (const editor of editors) editor.destroy();
    network.destroy();
  }
}

describe('editor convergence fuzz', () => {
  it.each(seeds)('seed %i: editors converge and keep every character typed', (seed) => {
    const summary = runEditorSeed(seed);
    expect(summary.typed).toBeGreaterThan(0);
    if (longMode) console.log(JSON.stringify(summary));
  }, 600_000);
});
