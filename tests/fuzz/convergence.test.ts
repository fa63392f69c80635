/**
 * Randomized convergence: peers edit every kind of entry over an unreliable, partitioned
 * network; after healing and a full sync every replica must be identical, and what no one
 * deleted or undid must still be there.
 *
 *   npm test                      a few seeds, small runs (seconds)
 *   FUZZ_SEED=123 vitest run ...  replays one seed (printed by every failure)
 *   FUZZ_SEEDS=200 ...            many seeds (npm run test:fuzz)
 *   FUZZ_OPS=500 ...              operations per seed
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Network } from './network.js';
import { Ledger, pairKey, randomOperation, type OpRecord } from './operations.js';
import { Rng } from './prng.js';
import { storyKey } from '../../shared/model/richText.js';

const replaySeed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const seedCount = Number(process.env.FUZZ_SEEDS ?? 4);
const longMode = process.env.FUZZ_SEEDS !== undefined;
const opsPerSeed = Number(process.env.FUZZ_OPS ?? (longMode ? 300 : 120));
const peers = Number(process.env.FUZZ_PEERS ?? 5);
const seeds = replaySeed !== undefined ? [replaySeed] : Array.from({ length: seedCount }, (_, i) => 1 + i);

export interface RunSummary {
  readonly seed: number;
  readonly ops: number;
  readonly checkedInserts: number;
  readonly checkedEntries: number;
  readonly checkedLinks: number;
  readonly undone: number;
  /** Entries left without a title by an undo racing a remote title change. */
  readonly emptiedTitles: number;
  readonly ms: number;
}

function describeOp(op: OpRecord): string {
  return `#${op.n} peer ${op.peer} ${op.kind} ${op.detail}${op.undone ? ' (undone)' : ''}`;
}

/** Runs one seed; throws with `seed=` in the message on any failure. */
export function runSeed(seed: number, ops = opsPerSeed): RunSummary {
  const started = performance.now();
  const rng = new Rng(seed);
  const network = new Network(rng, { peers, dropRate: 0.15, duplicateRate: 0.1, maxDelay: 8 });
  const ledger = new Ledger();
  const where = `seed=${seed} (replay with FUZZ_SEED=${seed})`;
  try {
    for (let step = 0; step < ops; step++) {
      randomOperation(network.peer(rng.int(0, peers - 1)), ledger, rng);
      network.tick();
      if (rng.chance(0.08)) network.requestSync(rng.int(0, peers - 1), rng.int(0, peers - 1));
      if (rng.chance(0.03)) {
        if (network.partitioned) network.heal();
        else network.partition();
      }
    }
    network.settle();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${where}: ${message}\nlast ops:\n${ledger.ops.slice(-8).map(describeOp).join('\n')}`, { cause: error });
  }

  // 1. Every replica is identical.
  const [first, ...rest] = network.peers;
  if (!first) throw new Error('no peers');
  const firstJson = docJson(first.doc);
  const firstVector = Y.encodeStateVector(first.doc);
  const firstState = canonicalState(Y.encodeStateAsUpdate(first.doc));
  const firstDs = Y.createDeleteSetFromStructStore(first.doc.store);
  for (const peer of network.peers) {
    expect(peer.doc.store.pendingStructs, `${where}: peer ${peer.index} has pending structs`).toBeNull();
    expect(peer.doc.store.pendingDs, `${where}: peer ${peer.index} has a pending delete set`).toBeNull();
  }
  for (const peer of rest) {
    expect(docJson(peer.doc), `${where}: peer ${peer.index} JSON differs from peer 0`).toEqual(firstJson);
    expect(Y.encodeStateVector(peer.doc), `${where}: peer ${peer.index} state vector differs`).toEqual(firstVector);
    expect(
      Y.equalDeleteSets(Y.createDeleteSetFromStructStore(peer.doc.store), firstDs),
      `${where}: peer ${peer.index} delete set differs`,
    ).toBe(true);
    // The raw bytes may split the same runs of items differently (an undo manager keeps
    // items it may restore, which stops them merging back), so compare item by item.
    expect(canonicalState(Y.encodeStateAsUpdate(peer.doc)), `${where}: peer ${peer.index} encoded state differs`).toEqual(firstState);
  }

  // 2. What should survive did (checked on peer 0; the others are identical).
  const community = first.community;
  const deletedByOps = ledger.ops.flatMap((op) => op.deleted);
  let emptiedTitles = 0;
  const survivingEntries = [...ledger.entries.values()].filter((e) => e.deletes === 0 && !e.created.undone);
  for (const entry of survivingEntries) {
    const live = community.collection(entry.kind).get(entry.id);
    expect(live, `${where}: entry ${entry.id} (${describeOp(entry.created)}) was never deleted but is missing`).not.toBeNull();
    // A title (or term) someone wrote, never an invented one. Known Yjs behaviour: undoing
    // a title change that another peer changed concurrently can leave no title at all
    // (the undo deletes its own value and refuses to restore the older one over a remote change).
    const titleUndone = entry.touchedByUndone.some((op) => op.kind === 'setTitle');
    if (!(titleUndone && live?.title === '')) {
      expect(entry.titles.has(live?.title ?? ''), `${where}: entry ${entry.id} has title "${live?.title}" which nobody wrote`).toBe(true);
    } else emptiedTitles++;
    const everyTag = new Set(entry.tagOps.flatMap((t) => t.tags));
    for (const tag of live?.tags ?? [])
      expect(everyTag.has(tag), `${where}: entry ${entry.id} has tag "${tag}" which nobody set`).toBe(true);
    const [onlyTagOp] = entry.tagOps;
    if (entry.tagOps.length === 1 && onlyTagOp && !onlyTagOp.op.undone) {
      expect([...(live?.tags ?? [])].sort(), `${where}: entry ${entry.id} tags`).toEqual([...onlyTagOp.tags].sort());
      for (const tag of onlyTagOp.tags) expect(community.allTags(), `${where}: allTags`).toContain(tag);
    }
  }
  const survivingIds = new Set(survivingEntries.map((e) => e.id));

  let checkedInserts = 0;
  const finalDs = firstDs;
  for (const insert of ledger.inserts) {
    const paragraph = ledger.paragraphs.get(insert.paragraph);
    if (!survivingIds.has(insert.entryId) || !paragraph || paragraph.deletes > 0 || paragraph.created.undone || insert.op.undone) continue;
    const ids = Array.from({ length: insert.text.length }, (_, i) => Y.createID(insert.client, insert.clock + i));
    if (ids.some((id) => deletedByOps.some((ds) => Y.isDeleted(ds, id)))) continue;
    checkedInserts++;
    for (const id of ids)
      expect(
        Y.isDeleted(finalDs, id),
        `${where}: text "${insert.text}" of ${describeOp(insert.op)} was deleted by no one but is gone`,
      ).toBe(false);
    // And it reads, in order, in the paragraph's final text.
    const entry = ledger.entries.get(insert.entryId);
    const story = entry
      ? community
          .collection(entry.kind)
          .get(entry.id)
          ?.map.get(entry.kind === 'glossary' ? storyKey.definition : storyKey.body)
      : undefined;
    const texts = story instanceof Y.Text ? story.toJSON().split('\n') : [];
    expect(
      texts.some((text) => isSubsequence(insert.text, text)),
      `${where}: text "${insert.text}" of ${describeOp(insert.op)} is not in the final paragraphs ${JSON.stringify(texts)}`,
    ).toBe(true);
  }

  let checkedLinks = 0;
  const undoneLinkKeys = new Set(ledger.links.filter((l) => l.op.undone).map((l) => `${l.from}>${l.to}`));
  for (const link of ledger.links) {
    if (link.op.undone || !survivingIds.has(link.from) || !survivingIds.has(link.to)) continue;
    if (ledger.unlinkedPairs.has(pairKey(link.from, link.to)) || undoneLinkKeys.has(`${link.from}>${link.to}`)) continue;
    checkedLinks++;
    expect(
      community.relatedTerms(link.from).map((t) => t.id),
      `${where}: ${describeOp(link.op)}`,
    ).toContain(link.to);
    expect(
      community.relatedTerms(link.to).map((t) => t.id),
      `${where}: ${describeOp(link.op)}, seen from the other side`,
    ).toContain(link.from);
  }
  // Links show both ways for every term.
  for (const term of community.glossary.list()) {
    for (const other of community.relatedTerms(term.id)) {
      expect(
        community.relatedTerms(other.id).map((t) => t.id),
        `${where}: link ${term.id} - ${other.id} is one-sided`,
      ).toContain(term.id);
    }
  }

  const summary: RunSummary = {
    seed,
    ops: ledger.ops.length,
    checkedInserts,
    checkedEntries: survivingEntries.length,
    checkedLinks,
    undone: ledger.ops.filter((op) => op.undone).length,
    emptiedTitles,
    ms: performance.now() - started,
  };
  network.destroy();
  return summary;
}

/**
 * An encoded state as one line per unit (character, value, deleted slot), whatever the
 * splitting of items: a split item's right half has the left half's last id as origin.
 */
export function canonicalState(update: Uint8Array): string[] {
  const { structs, ds } = Y.decodeUpdate(update);
  const lines: string[] = [];
  const id = (value: Y.ID | null): string => (value ? `${value.client}:${value.clock}` : '-');
  for (const struct of structs) {
    const { client, clock } = struct.id;
    if (!(struct instanceof Y.Item)) {
      for (let i = 0; i < struct.length; i++) lines.push(`${client}:${clock + i} ${struct.constructor.name}`);
      continue;
    }
    const parent = struct.parent instanceof Y.ID ? id(struct.parent) : String(struct.parent as unknown);
    const units: unknown[] = struct.content.getContent();
    const name = struct.content.constructor.name;
    for (let i = 0; i < struct.length; i++) {
      const origin = i === 0 ? id(struct.origin) : `${client}:${clock + i - 1}`;
      const value = units.length === struct.length ? units[i] : units[0];
      const shown = value instanceof Y.AbstractType ? value.constructor.name : JSON.stringify(value ?? null);
      // The parent is encoded only for a unit with neither origin (otherwise it is implied).
      const place = origin === '-' && struct.rightOrigin === null ? `${parent} ${struct.parentSub ?? ''}` : '';
      lines.push(`${client}:${clock + i} ${name} ${origin} ${id(struct.rightOrigin)} ${place} ${shown}`);
    }
  }
  const deleted: string[] = [];
  for (const [client, items] of ds.clients)
    for (const item of items) for (let i = 0; i < item.len; i++) deleted.push(`${client}:${item.clock + i}`);
  return [...lines, ...deleted.sort().map((d) => `deleted ${d}`)];
}

/** Every root type (all maps in a community document) as JSON. */
function docJson(doc: Y.Doc): Record<string, unknown> {
  return Object.fromEntries([...doc.share.keys()].sort().map((key) => [key, doc.getMap(key).toJSON()]));
}

function isSubsequence(needle: string, haystack: string): boolean {
  const wanted = Array.from(needle);
  let i = 0;
  for (const ch of haystack) if (ch === wanted[i]) i++;
  return i === wanted.length;
}

describe(`convergence fuzz: ${peers} peers, ${opsPerSeed} operations per seed, ${seeds.length} seed(s)`, () => {
  it('every replica converges and keeps what nobody removed', { timeout: longMode ? 3_600_000 : 30_000 }, () => {
    const started = performance.now();
    const summaries = seeds.map((seed) => runSeed(seed));
    const total = (key: keyof RunSummary): number => summaries.reduce((sum, s) => sum + s[key], 0);
    console.info(
      `fuzz: ${summaries.length} seeds x ${opsPerSeed} ops on ${peers} peers in ${(performance.now() - started).toFixed(0)} ms; ` +
        `checked ${total('checkedEntries')} entries, ${total('checkedInserts')} text inserts, ${total('checkedLinks')} links; ${total('undone')} ops undone; ${total('emptiedTitles')} titles emptied by undo`,
    );
    // The checks must have had something to check.
    expect(total('checkedEntries')).toBeGreaterThan(0);
    expect(total('checkedInserts')).toBeGreaterThan(0);
    if (seeds.length >= 3) expect(total('checkedLinks')).toBeGreaterThan(0);
  });
});
