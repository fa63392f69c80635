/**
 * Random operations over every kind of entry, performed by one peer on its own replica
 * through the model, with a ledger of what each did so the end of a run can check that
 * what should have survived did.
 */
import * as Y from 'yjs';
import type { EntryKind } from '../../shared/model/Entry.js';
import { entryKinds } from '../../shared/model/Entry.js';
import { harvestMethods } from '../../shared/model/Harvest.js';
import { localOrigin } from '../../shared/model/origins.js';
import { storyKey } from '../../shared/model/richText.js';
import { codePointToUtf16 } from '../traces/replay.js';
import { networkOrigin, type Peer } from './network.js';
import type { Rng } from './prng.js';
import { CommonplaceError } from '../../shared/CommonplaceError.js';

export type OpKind =
  | 'create'
  | 'setTitle'
  | 'editField'
  | 'addParagraph'
  | 'insertText'
  | 'deleteText'
  | 'deleteParagraph'
  | 'link'
  | 'unlink'
  | 'tag'
  | 'deleteEntry'
  | 'badInput'
  | 'undo'
  | 'redo';

export const opWeights: Readonly<Record<OpKind, number>> = {
  create: 8,
  setTitle: 5,
  editField: 6,
  addParagraph: 5,
  insertText: 25,
  deleteText: 8,
  deleteParagraph: 1,
  link: 6,
  unlink: 2,
  tag: 5,
  deleteEntry: 2,
  badInput: 2,
  undo: 4,
  redo: 2,
};

type DeleteSet = ReturnType<typeof Y.createDeleteSet>;

export interface OpRecord {
  readonly n: number;
  readonly peer: number;
  kind: OpKind;
  detail: string;
  /** An undo by its peer popped this operation's change: its effect may be gone. */
  undone: boolean;
  /** What the operation's own transactions deleted. */
  readonly deleted: DeleteSet[];
}

export interface EntryRecord {
  readonly id: string;
  readonly kind: EntryKind;
  readonly created: OpRecord;
  readonly titles: Set<string>;
  readonly tagOps: { op: OpRecord; tags: string[] }[];
  deletes: number;
  /** Some operation that touched this entry was undone. */
  touchedByUndone: OpRecord[];
}

export interface ParagraphRecord {
  readonly key: string;
  readonly entryId: string;
  readonly created: OpRecord;
  deletes: number;
}

export interface InsertRecord {
  readonly op: OpRecord;
  readonly entryId: string;
  readonly paragraph: string;
  readonly text: string;
  readonly client: number;
  readonly clock: number;
}

export interface LinkRecord {
  readonly op: OpRecord;
  readonly from: string;
  readonly to: string;
}

/** Everything that happened in a run. */
export class Ledger {
  readonly ops: OpRecord[] = [];
  readonly entries = new Map<string, EntryRecord>();
  readonly paragraphs = new Map<string, ParagraphRecord>();
  readonly inserts: InsertRecord[] = [];
  readonly links: LinkRecord[] = [];
  readonly unlinkedPairs = new Set<string>();
  /** Per peer, the operation behind each item of its undo stack (null: not an operation, e.g. a redo). */
  readonly undoMirror = new Map<number, (OpRecord | null)[]>();
  badInputsRefused = 0;
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

const richTextKey: Partial<Record<EntryKind, string>> = { glossary: storyKey.definition, harvest: storyKey.body };

function liveEntries(peer: Peer, ledger: Ledger, filter: (e: EntryRecord) => boolean = () => true): EntryRecord[] {
  // The ledger's order, not the map's, so a seed replays the same choices.
  return [...ledger.entries.values()].filter((e) => filter(e) && peer.community.collection(e.kind).has(e.id));
}

/**
 * A paragraph of a story (shared/model/storyFormat.ts) is known by the "\n" that ends it:
 * its id, `client:clock`. Where that line is now in `story`, or null if it is gone here.
 */
function lineOf(story: Y.Text, key: string): { start: number; end: number } | null {
  const doc = story.doc;
  if (!doc) return null;
  const [client, clock] = key.split(':').map(Number) as [number, number];
  if (Y.getState(doc.store, client) <= clock) return null;
  const item = Y.getItem(doc.store, Y.createID(client, clock));
  if (!(item instanceof Y.Item) || item.deleted || item.parent !== story) return null;
  const at = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON({ item: { client, clock }, assoc: 0 }), doc);
  if (!at) return null;
  const end = at.index;
  return { start: story.toJSON().lastIndexOf('\n', end - 1) + 1, end };
}

/** The lines of `story` this run's ledger knows, as keys. */
function paragraphsOf(story: Y.Text, ledger: Ledger, entryId: string): string[] {
  return [...ledger.paragraphs.values()].filter((p) => p.entryId === entryId && lineOf(story, p.key) !== null).map((p) => p.key);
}

function storyOf(peer: Peer, entry: EntryRecord): Y.Text | null {
  const key = richTextKey[entry.kind];
  const map = peer.community.collection(entry.kind).get(entry.id)?.map;
  const story = key ? map?.get(key) : undefined;
  return story instanceof Y.Text ? story : null;
}

function touch(entry: EntryRecord | undefined, op: OpRecord): void {
  if (entry) entry.touchedByUndone.push(op);
}

/** Which entry an operation touched, so undoing it can be attributed. */
const touchedEntry = new WeakMap<OpRecord, string>();

/**
 * Performs one random operation as `peer`. Returns the record, or null when the chosen
 * operation had nothing to act on.
 */
export function randomOperation(peer: Peer, ledger: Ledger, rng: Rng): OpRecord {
  const op: OpRecord = { n: ledger.ops.length, peer: peer.index, kind: rng.weighted(opWeights), detail: '', undone: false, deleted: [] };
  ledger.ops.push(op);
  const doc = peer.doc;
  const record = (tr: Y.Transaction): void => {
    if (tr.origin !== networkOrigin && tr.deleteSet.clients.size > 0) op.deleted.push(tr.deleteSet);
  };
  doc.on('afterTransaction', record);
  const mirror = ledger.undoMirror.get(peer.index) ?? [];
  ledger.undoMirror.set(peer.index, mirror);
  try {
    if (op.kind === 'undo' || op.kind === 'redo') {
      const before = peer.undo.undoStack.length;
      if (op.kind === 'undo') {
        peer.undo.undo();
        for (const undone of mirror.splice(peer.undo.undoStack.length)) {
          if (!undone) continue;
          undone.undone = true;
          const id = touchedEntry.get(undone);
          touch(id ? ledger.entries.get(id) : undefined, undone);
        }
      } else {
        peer.undo.redo();
        // A redo pushes onto the undo stack; what it redoes is already marked undone.
        while (mirror.length < peer.undo.undoStack.length) mirror.push(null);
      }
      op.detail = `stack ${before} -> ${peer.undo.undoStack.length}`;
    } else {
      while (!perform(op, peer, ledger, rng)) {
        const next: OpKind | undefined = fallback[op.kind];
        if (!next) throw new Error(`Operation ${op.kind} found nothing to act on.`);
        op.kind = next;
      }
      const stack = peer.undo.undoStack.length;
      if (stack > mirror.length) {
        while (mirror.length < stack - 1) mirror.push(null);
        mirror.push(op);
      } else if (stack < mirror.length) {
        mirror.splice(stack);
      }
    }
  } finally {
    doc.off('afterTransaction', record);
    peer.undo.stopCapturing();
  }
  return op;
}

function perform(op: OpRecord, peer: Peer, ledger: Ledger, rng: Rng): boolean {
  const community = peer.community;
  const member = `member-${peer.index}`;
  const doc = peer.doc;
  switch (op.kind) {
    case 'create': {
      const kind = rng.chance(0.3) ? 'glossary' : rng.pick(entryKinds);
      const title = `${kind} ${rng.word(2, 8)}`;
      const tags = rng.chance(0.3) ? [rng.pick(['care', 'story', 'practice', 'ethics'])] : [];
      const created = community.collection(kind).create(member, (entry) => {
        if (entry.kind === 'glossary') entry.setTerm(title);
        else (entry as { setTitle(t: string): void }).setTitle(title);
        if (tags.length) entry.setTags(tags);
      });
      const entry: EntryRecord = {
        id: created.id,
        kind,
        created: op,
        titles: new Set([title]),
        tagOps: tags.length ? [{ op, tags }] : [],
        deletes: 0,
        touchedByUndone: [],
      };
      ledger.entries.set(created.id, entry);
      touchedEntry.set(op, created.id);
      op.detail = `${kind} ${created.id} "${title}"`;
      return true;
    }
    case 'setTitle': {
      const entries = liveEntries(peer, ledger);
      if (!entries.length) return false;
      const entry = rng.pick(entries);
      const title = `${entry.kind} ${rng.word(2, 8)}`;
      const live = community.collection(entry.kind).get(entry.id);
      if (live?.kind === 'glossary') live.setTerm(title);
      else (live as { setTitle(t: string): void } | null)?.setTitle(title);
      entry.titles.add(title);
      touchedEntry.set(op, entry.id);
      op.detail = `${entry.id} "${title}"`;
      return true;
    }
    case 'editField': {
      const entries = liveEntries(peer, ledger);
      if (!entries.length) return false;
      const entry = rng.pick(entries);
      touchedEntry.set(op, entry.id);
      const words = rng.word(3, 10);
      if (entry.kind === 'glossary') {
        const g = community.glossary.get(entry.id);
        if (rng.chance(0.5)) g?.setContested(rng.chance(0.5), `discussion ${words}`);
        else g?.setOtherNames([`alias ${words}`]);
      } else if (entry.kind === 'harvest') {
        const h = community.harvests.get(entry.id);
        if (rng.chance(0.5)) h?.setMethod(rng.pick(harvestMethods), 'talking stick');
        else h?.setCallingQuestion(`what ${words}?`);
      } else if (entry.kind === 'dilemma') {
        const d = community.dilemmas.get(entry.id);
        if (rng.chance(0.5)) d?.setContext(`context ${words}`);
        else d?.setStatus(rng.pick(['open', 'resolved'] as const));
      } else {
        const r = community.resourceLists.get(entry.id);
        if (rng.chance(0.5)) r?.setDescription(`about ${words}`);
        else r?.addResource({ title: `resource ${words}`, link: `https://example.org/${words}`, tags: ['reading'] });
      }
      op.detail = `${entry.kind} ${entry.id}`;
      return true;
    }
    case 'addParagraph': {
      const entries = liveEntries(peer, ledger, (e) => richTextKey[e.kind] !== undefined);
      if (!entries.length) return false;
      const entry = rng.pick(entries);
      const story = storyOf(peer, entry);
      if (!story) return false;
      // A new empty line at a line boundary: a "\n" right after another one, or at the start.
      const content = story.toJSON();
      const boundaries = [0];
      for (let i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) boundaries.push(i + 1);
      const at = rng.pick(boundaries);
      const clock = Y.getState(doc.store, doc.clientID);
      doc.transact(() => story.insert(at, '\n', {}), localOrigin);
      const key = `${doc.clientID}:${clock}`;
      ledger.paragraphs.set(key, { key, entryId: entry.id, created: op, deletes: 0 });
      touchedEntry.set(op, entry.id);
      op.detail = `${entry.id} paragraph ${key} at ${at}`;
      return true;
    }
    case 'insertText':
    case 'deleteText':
    case 'deleteParagraph': {
      const entries = liveEntries(peer, ledger, (e) => {
        const story = richTextKey[e.kind] ? storyOf(peer, e) : null;
        return story !== null && paragraphsOf(story, ledger, e.id).length > 0;
      });
      if (!entries.length) return false;
      const entry = rng.pick(entries);
      const story = storyOf(peer, entry) as Y.Text;
      const key = rng.pick(paragraphsOf(story, ledger, entry.id));
      const line = lineOf(story, key) as { start: number; end: number };
      touchedEntry.set(op, entry.id);
      if (op.kind === 'deleteParagraph') {
        doc.transact(() => story.delete(line.start, line.end - line.start + 1), localOrigin);
        const known = ledger.paragraphs.get(key);
        if (known) known.deletes++;
        op.detail = `${entry.id} paragraph ${key}`;
        return true;
      }
      const current = story.toJSON().slice(line.start, line.end);
      const codePoints = Array.from(current).length;
      if (op.kind === 'insertText') {
        const insert = rng.chance(0.2) ? ` ${rng.word(1, 12)} ` : rng.word(1, 4);
        const at = codePointToUtf16(current, rng.int(0, codePoints));
        const clock = Y.getState(doc.store, doc.clientID);
        doc.transact(() => story.insert(line.start + at, insert, {}), localOrigin);
        ledger.inserts.push({ op, entryId: entry.id, paragraph: key, text: insert, client: doc.clientID, clock });
        op.detail = `${entry.id} paragraph ${key} at ${at} "${insert}"`;
        return true;
      }
      if (codePoints === 0) return false;
      const from = rng.int(0, codePoints - 1);
      const count = rng.int(1, Math.min(4, codePoints - from));
      const at = codePointToUtf16(current, from);
      const length = codePointToUtf16(current.slice(at), count);
      doc.transact(() => story.delete(line.start + at, length), localOrigin);
      op.detail = `${entry.id} paragraph ${key} delete ${at}+${length}`;
      return true;
    }
    case 'link':
    case 'unlink': {
      const terms = liveEntries(peer, ledger, (e) => e.kind === 'glossary');
      if (terms.length < 2) return false;
      const a = rng.pick(terms);
      const b = rng.pick(terms.filter((t) => t !== a));
      touchedEntry.set(op, a.id);
      if (op.kind === 'link') {
        community.glossary.get(a.id)?.link(b.id);
        ledger.links.push({ op, from: a.id, to: b.id });
      } else {
        community.unlinkTerms(a.id, b.id);
        ledger.unlinkedPairs.add(pairKey(a.id, b.id));
      }
      op.detail = `${a.id} ${op.kind} ${b.id}`;
      return true;
    }
    case 'tag': {
      const entries = liveEntries(peer, ledger);
      if (!entries.length) return false;
      const entry = rng.pick(entries);
      const tags = rng.shuffle(['care', 'story', 'practice', 'ethics', 'Care ', 'trust']).slice(0, rng.int(0, 3));
      community.collection(entry.kind).get(entry.id)?.setTags(tags);
      entry.tagOps.push({ op, tags: [...new Set(tags.map((t) => t.trim().toLowerCase()))] });
      touchedEntry.set(op, entry.id);
      op.detail = `${entry.id} [${tags.join(',')}]`;
      return true;
    }
    case 'deleteEntry': {
      const entries = liveEntries(peer, ledger);
      if (!entries.length) return false;
      const entry = rng.pick(entries);
      community.collection(entry.kind).delete(entry.id);
      entry.deletes++;
      touchedEntry.set(op, entry.id);
      op.detail = `${entry.kind} ${entry.id}`;
      return true;
    }
    case 'badInput': {
      // Refused input must throw a CommonplaceError and change nothing at all.
      const before = Y.encodeStateAsUpdate(doc);
      const entries = liveEntries(peer, ledger);
      const attempt = rng.int(0, 3);
      try {
        if (attempt === 0) community.harvests.create(member, (h) => h.setTitle('   '));
        else if (attempt === 1) community.glossary.create(member, (g) => g.setTerm('x'.repeat(201)));
        else if (attempt === 2)
          community.resourceLists
            .create(member, (r) => r.setTitle('Links'))
            .addResource({ title: 'bad', link: rng.pick(['javascript:alert(1)', 'data:text/html,hi', 'file:///etc/passwd']) });
        else if (entries.length)
          community
            .collection(rng.pick(entries).kind)
            .list()[0]
            ?.setTags(['x'.repeat(61)]);
        // Nothing to tag: counted as a refusal that changed nothing.
        else throw new CommonplaceError('valueInvalid');
      } catch (error) {
        if (!(error instanceof CommonplaceError)) throw error;
        if (attempt === 2) {
          // The list was made before the bad link was refused: only the link must be absent.
          op.detail = `refused link: ${error.message}`;
        } else {
          const after = Y.encodeStateAsUpdate(doc);
          if (Buffer.compare(Buffer.from(before), Buffer.from(after)) !== 0)
            throw new Error(`Refused input changed the document: ${error.message}`);
          op.detail = `refused: ${error.message}`;
        }
        ledger.badInputsRefused++;
        return true;
      }
      throw new Error(`Bad input ${attempt} was accepted.`);
    }
    case 'undo':
    case 'redo':
      return true;
  }
}

/** What to do instead when an operation finds nothing to act on. */
const fallback: Partial<Record<OpKind, OpKind>> = {
  insertText: 'addParagraph',
  deleteText: 'addParagraph',
  deleteParagraph: 'addParagraph',
  addParagraph: 'create',
  setTitle: 'create',
  editField: 'create',
  link: 'create',
  unlink: 'create',
  tag: 'create',
  deleteEntry: 'create',
};
