/**
 * Replays real editing traces (josephg/editing-traces format, see
 * tests/fixtures/editing-traces/README.md) through Commonplace's document model: the text
 * lives in one paragraph of a harvest's body, the XmlFragment the editor binds to.
 *
 * Concurrent traces: one Community Y.Doc per agent. Every transaction records its version
 * (for each agent, how many of that agent's transactions it has seen), the snapshot needed
 * to reproduce a branch or a merge. Before an agent applies a transaction, its replica is
 * brought to the merge of the transaction's parents by applying exactly the missing
 * transaction updates of the other agents, in each agent's order. A Yjs state vector alone
 * cannot serve as that snapshot: a transaction that only deletes does not advance a clock.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { Community } from '../../shared/model/Community.js';
import type { Harvest } from '../../shared/model/Harvest.js';
import { localOrigin } from '../../shared/model/origins.js';
import { Rng } from '../fuzz/prng.js';

/** `[position, deleteCount, insertText]`, positions in Unicode code points. */
export type Patch = readonly [number, number, string];

export interface SequentialTrace {
  readonly startContent: string;
  readonly endContent: string;
  readonly txns: readonly { readonly patches: readonly Patch[] }[];
}

export interface ConcurrentTxn {
  readonly parents: readonly number[];
  readonly agent: number;
  readonly patches: readonly Patch[];
  readonly numChildren?: number;
  readonly time?: string;
}

export interface ConcurrentTrace {
  readonly kind: 'concurrent';
  readonly endContent: string;
  readonly numAgents: number;
  readonly txns: readonly ConcurrentTxn[];
}

/** An update with no structs and an empty delete set. */
const emptyUpdate = new Uint8Array([0, 0]);

// Not `new URL(path, import.meta.url)`: under jsdom, Vite rewrites that into a web address.
export const traceDirectory = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/editing-traces/');

function readTrace(fileName: string): unknown {
  return JSON.parse(gunzipSync(readFileSync(traceDirectory + fileName)).toString('utf8'));
}

export function loadConcurrentTrace(fileName: string): ConcurrentTrace {
  const trace = readTrace(fileName) as Partial<ConcurrentTrace>;
  if (trace.kind !== 'concurrent' || !Array.isArray(trace.txns)) throw new Error(`${fileName} is not a concurrent trace.`);
  return trace as ConcurrentTrace;
}

export function loadSequentialTrace(fileName: string): SequentialTrace {
  return readTrace(fileName) as SequentialTrace;
}

/** True when some inserted text is outside the Basic Multilingual Plane, so code points and UTF-16 units differ. */
export function hasAstral(txns: readonly { readonly patches: readonly Patch[] }[]): boolean {
  return txns.some((txn) => txn.patches.some((patch) => /[\uD800-\uDFFF]/.test(patch[2])));
}

/** The UTF-16 index of code point number `codePoints` in `text` (clamped to the end). */
export function codePointToUtf16(text: string, codePoints: number): number {
  let units = 0;
  for (let cp = 0; cp < codePoints && units < text.length; cp++) {
    const code = text.charCodeAt(units);
    units += code >= 0xd800 && code <= 0xdbff && units + 1 < text.length ? 2 : 1;
  }
  return units;
}

/** The UTF-16 length of `count` code points starting at UTF-16 index `from`. */
function codePointSpan(text: string, from: number, count: number): number {
  return codePointToUtf16(text.slice(from), count);
}

/** Plain text of an unformatted Y.Text / Y.XmlText. */
export function plainText(text: Y.Text): string {
  return (text.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/** Applies patches to a Y.Text, converting code-point positions when the text may hold astral characters. */
export function applyPatches(text: Y.Text, patches: readonly Patch[], astral: boolean): void {
  for (const [pos, del, ins] of patches) {
    if (!astral) {
      if (del > 0) text.delete(pos, del);
      if (ins) text.insert(pos, ins);
      continue;
    }
    const current = plainText(text);
    const at = codePointToUtf16(current, pos);
    if (del > 0) text.delete(at, codePointSpan(current, at, del));
    if (ins) text.insert(at, ins);
  }
}

/** Applies patches to a plain string, the reference replay. */
export function applyPatchesToString(text: string, patches: readonly Patch[], astral = true): string {
  let out = text;
  for (const [pos, del, ins] of patches) {
    if (!astral) {
      out = out.slice(0, pos) + ins + out.slice(pos + del);
      continue;
    }
    const at = codePointToUtf16(out, pos);
    const end = at + codePointSpan(out, at, del);
    out = out.slice(0, at) + ins + out.slice(end);
  }
  return out;
}

/** A harvest whose body (a story, shared/model/storyFormat.ts) holds one paragraph, made through the model. */
export interface HarvestText {
  readonly community: Community;
  readonly harvest: Harvest;
  readonly text: Y.Text;
}

const creator = { id: 'member-trace', name: 'Trace', colour: '#2557a7' as const };

/**
 * A new community with one harvest whose body is one paragraph. The trace's text is the
 * story's only line, left without its closing "\n" (a reader takes it as one paragraph), so
 * the story's plain text is exactly the trace's.
 */
export function createHarvestText(startContent = ''): HarvestText {
  const community = Community.create({ name: 'Trace replay', creator });
  const harvest = community.harvests.create(creator.id, (h) => h.setTitle('Replayed trace'));
  if (startContent) community.doc.transact(() => harvest.body.insert(0, startContent, {}), localOrigin);
  return { community, harvest, text: bodyText(harvest) };
}

/** The text a replay edits: the harvest's story. */
export function bodyText(harvest: Harvest): Y.Text {
  return harvest.body;
}

/** A replica of an existing harvest text in a fresh community document. */
function replicaOf(base: Uint8Array, harvestId: string, clientID: number): HarvestText {
  const doc = Community.newDoc();
  doc.clientID = clientID;
  Y.applyUpdate(doc, base);
  const community = new Community(doc);
  const harvest = community.harvests.get(harvestId);
  if (!harvest) throw new Error('The replica has no harvest.');
  return { community, harvest, text: bodyText(harvest) };
}

export interface SequentialResult {
  readonly ms: number;
  readonly text: string;
  readonly edits: number;
  /** Size of the whole document encoded as one update. */
  readonly bytes: number;
}

function limitTxns<T>(txns: readonly T[], limit?: number): readonly T[] {
  return limit === undefined ? txns : txns.slice(0, limit);
}

/** Replays a sequential trace into a harvest body through the model: each transaction is one local, undoable change. */
export function replaySequentialHarvest(trace: SequentialTrace, limit?: number): SequentialResult {
  const txns = limitTxns(trace.txns, limit);
  const astral = hasAstral(txns);
  const { community, text } = createHarvestText(trace.startContent);
  const started = performance.now();
  for (const txn of txns) community.doc.transact(() => applyPatches(text, txn.patches, astral), localOrigin);
  const ms = performance.now() - started;
  return { ms, text: plainText(text), edits: txns.length, bytes: Y.encodeStateAsUpdate(community.doc).byteLength };
}

/** Replays a sequential trace into a plain Y.Text, the baseline. */
export function replaySequentialYText(trace: SequentialTrace, limit?: number): SequentialResult {
  const txns = limitTxns(trace.txns, limit);
  const astral = hasAstral(txns);
  const doc = new Y.Doc();
  const text = doc.getText('text');
  if (trace.startContent) text.insert(0, trace.startContent);
  const started = performance.now();
  for (const txn of txns) doc.transact(() => applyPatches(text, txn.patches, astral));
  const ms = performance.now() - started;
  return { ms, text: plainText(text), edits: txns.length, bytes: Y.encodeStateAsUpdate(doc).byteLength };
}

/** Replays a sequential trace into a plain string, the reference. */
export function replaySequentialString(trace: SequentialTrace, limit?: number): string {
  const txns = limitTxns(trace.txns, limit);
  const astral = hasAstral(txns) || /[\uD800-\uDFFF]/.test(trace.startContent);
  let text = trace.startContent;
  for (const txn of txns) text = applyPatchesToString(text, txn.patches, astral);
  return text;
}

export interface ConcurrentResult {
  /** Time to replay every transaction on its agent's replica. */
  readonly replayMs: number;
  /** Time to deliver the remaining updates, shuffled, to every replica and to a fresh one. */
  readonly deliverMs: number;
  /** Final text of each agent's replica, then of the fresh replica that got every update shuffled. */
  readonly texts: readonly string[];
  /** Size of the final document encoded as one update. */
  readonly bytes: number;
  readonly updates: number;
  /** Whether every replica's state vector is the same at the end. */
  readonly sameStateVectors: boolean;
}

/**
 * What went wrong in a concurrent replay, one line each (empty when every replica ended at
 * the trace's endContent with the same state vector). Lines, not a boolean, so a failure
 * says which replica and where its text first differs, without printing a whole paper.
 */
export function convergenceProblems(trace: Pick<ConcurrentTrace, 'endContent'>, result: Pick<ConcurrentResult, 'texts' | 'sameStateVectors'>): string[] {
  const expected = trace.endContent;
  const problems = result.texts.flatMap((text, replica) => {
    if (text === expected) return [];
    let at = 0;
    while (at < Math.min(text.length, expected.length) && text[at] === expected[at]) at++;
    return [`replica ${replica}: ${text.length} characters against endContent's ${expected.length}, first differing at ${at}`];
  });
  if (!result.sameStateVectors) problems.push('the replicas end with different state vectors');
  return problems;
}

/** What a concurrent replay runs on: replicas of one start state, each in its own Y.Doc. */
export interface ReplicaKind<R> {
  /** A replica of the start state, with that Yjs client id. */
  readonly replica: (clientID: number) => R;
  readonly doc: (replica: R) => Y.Doc;
  /** Applies one transaction's patches, as that replica's local change. */
  readonly apply: (replica: R, patches: readonly Patch[], astral: boolean) => void;
  readonly read: (replica: R) => string;
}

/** Replicas of a harvest whose body is one paragraph: patches go straight into its Y.XmlText. */
function harvestReplicas(): ReplicaKind<HarvestText> {
  const origin = createHarvestText();
  const base = Y.encodeStateAsUpdate(origin.community.doc);
  return {
    replica: (clientID) => replicaOf(base, origin.harvest.id, clientID),
    doc: (replica) => replica.community.doc,
    apply: (replica, patches, astral) => replica.community.doc.transact(() => applyPatches(replica.text, patches, astral), localOrigin),
    read: (replica) => plainText(replica.text),
  };
}

/**
 * Replays a concurrent trace, one replica per agent, then delivers to every replica the
 * updates it has not seen, in an order shuffled by `seed`, and to one fresh replica all of
 * them shuffled.
 */
export function replayConcurrent(trace: ConcurrentTrace, seed = 1): ConcurrentResult {
  return replayConcurrentOn(trace, harvestReplicas(), seed);
}

/** `replayConcurrent` on any kind of replica. */
export function replayConcurrentOn<R>(trace: ConcurrentTrace, kind: ReplicaKind<R>, seed = 1): ConcurrentResult {
  const { numAgents, txns } = trace;
  const astral = hasAstral(txns);
  const replicas = Array.from({ length: numAgents }, (_, agent) => kind.replica(1000 + agent));
  /** updates[agent][k]: the update of that agent's k-th transaction. */
  const updates: Uint8Array[][] = replicas.map(() => []);
  /** applied[replica][agent]: how many of that agent's transactions the replica holds. */
  const applied = replicas.map(() => new Int32Array(numAgents));
  /** versions[txn]: the snapshot after the transaction, as a count per agent. */
  const versions: Int32Array[] = new Array<Int32Array>(txns.length);
  const remote = Symbol('trace-remote');
  const captured: Uint8Array[] = [];
  for (const replica of replicas) {
    kind.doc(replica).on('update', (update: Uint8Array, from: unknown) => {
      if (from !== remote) captured.push(update);
    });
  }

  const started = performance.now();
  txns.forEach((txn, index) => {
    const agent = txn.agent;
    const replica = replicas[agent];
    const have = applied[agent];
    if (!replica || !have) throw new Error(`Transaction ${index} names agent ${agent}, but the trace has ${numAgents}.`);
    const target = new Int32Array(numAgents);
    for (const parent of txn.parents) {
      const version = versions[parent];
      if (!version) throw new Error(`Transaction ${index} has parent ${parent}, which comes later.`);
      for (let a = 0; a < numAgents; a++) target[a] = Math.max(target[a] ?? 0, version[a] ?? 0);
    }
    // Merge: apply exactly the missing transactions of each other agent, in that agent's order.
    for (let a = 0; a < numAgents; a++) {
      if (a === agent) continue;
      const want = target[a] ?? 0;
      const own = have[a] ?? 0;
      if (own > want)
        throw new Error(
          `Transaction ${index}: agent ${agent} is ahead of its parents for agent ${a}; the trace is not replayable with one replica per agent.`,
        );
      if (own === want) continue;
      const missing = (updates[a] ?? []).slice(own, want);
      Y.applyUpdate(kind.doc(replica), missing.length === 1 ? (missing[0] as Uint8Array) : Y.mergeUpdates(missing), remote);
      have[a] = want;
    }
    if ((target[agent] ?? 0) !== (have[agent] ?? 0))
      throw new Error(`Transaction ${index}: agent ${agent}'s transactions are not totally ordered.`);
    captured.length = 0;
    kind.apply(replica, txn.patches, astral);
    // A transaction whose patches change nothing still counts, with an empty update.
    const update: Uint8Array =
      captured.length === 1 ? (captured[0] as Uint8Array) : captured.length > 1 ? Y.mergeUpdates(captured) : emptyUpdate;
    (updates[agent] as Uint8Array[]).push(update);
    have[agent] = (have[agent] ?? 0) + 1;
    target[agent] = have[agent] ?? 0;
    versions[index] = target;
  });
  const replayMs = performance.now() - started;

  // Out-of-order delivery: each replica gets what it misses, shuffled; Yjs must hold back
  // updates whose dependencies have not arrived and apply them when they do.
  const rng = new Rng(seed);
  const deliverStarted = performance.now();
  const fresh = kind.replica(1000 + numAgents);
  const all: Uint8Array[] = updates.flat();
  for (const [r, replica] of replicas.entries()) {
    const missing: Uint8Array[] = [];
    for (let a = 0; a < numAgents; a++) missing.push(...(updates[a] ?? []).slice(applied[r]?.[a] ?? 0));
    deliverShuffled(kind.doc(replica), missing, rng);
  }
  deliverShuffled(kind.doc(fresh), all, rng);
  const deliverMs = performance.now() - deliverStarted;

  const everyone = [...replicas, fresh];
  const vectors = everyone.map((r) => Buffer.from(Y.encodeStateVector(kind.doc(r))).toString('base64'));
  return {
    replayMs,
    deliverMs,
    texts: everyone.map((r) => kind.read(r)),
    bytes: Y.encodeStateAsUpdate(kind.doc(fresh)).byteLength,
    updates: all.length,
    sameStateVectors: vectors.every((v) => v === vectors[0]),
  };
}

/**
 * Applies updates in a shuffled order. Thousands of single-keystroke updates applied one by
 * one in random order make Yjs re-merge its pending queue each time (quadratic), so they
 * go in shuffled batches: each batch is a random subset merged into one update, and the
 * batches themselves arrive in random order, most before their dependencies.
 */
export function deliverShuffled(doc: Y.Doc, updates: readonly Uint8Array[], rng: Rng, batches = 64): void {
  const shuffled = rng.shuffle(updates);
  const size = Math.max(1, Math.ceil(shuffled.length / batches));
  const groups: Uint8Array[] = [];
  for (let i = 0; i < shuffled.length; i += size) groups.push(Y.mergeUpdates(shuffled.slice(i, i + size)));
  for (const group of rng.shuffle(groups)) Y.applyUpdate(doc, group, 'shuffled-delivery');
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null)
    throw new Error('Some updates were never applied: their dependencies did not arrive.');
}
