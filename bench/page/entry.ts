/**
 * Code the benchmark puts into the app's page (bundled by esbuild, evaluated over the
 * DevTools protocol): its own Yjs, model and SearchIndex for the floors and the search
 * measure, IndexedDB helpers, and probes that time keystrokes and paints.
 *
 * It drives the app only through window.__commonplace (test hooks) and the DOM: objects of
 * the app's own Yjs must not be mixed with this bundle's copy of Yjs.
 */
import type { Editor } from '@tiptap/core';
import * as Y from 'yjs';
import { Community } from '../../shared/model/Community.js';
import { SearchIndex } from '../../shared/search/SearchIndex.js';
import type { OpenCommunity } from '../../renderer/app/Workspace.js';
import type {} from '../../renderer/app/testHooks.js';
import { Rng } from '../../tests/fuzz/prng.js';

type Patch = readonly [number, number, string];

export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const epochNow = (): number => performance.timeOrigin + performance.now();

// Chromium's Prioritized Task Scheduling API (not in TypeScript's DOM library yet).
declare const scheduler: { postTask(callback: () => void, options: { priority: 'user-blocking' }): Promise<void> };

/**
 * When the next frame has been produced, page clock: `frame` is a user-blocking task
 * posted from the next requestAnimationFrame, which runs as soon as that frame's style,
 * layout, paint and commit are done; `queued` is an ordinary task posted from the same
 * frame, which also waits for whatever ordinary tasks were queued meanwhile (work an app
 * defers until after the paint, timers, storage replies). The frame is on screen at
 * `frame`; `queued` is what this bench measured until November 2026, kept in the notes.
 */
function afterPaintTimes(): Promise<{ frame: number; queued: number }> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      let frame = 0;
      void scheduler.postTask(() => (frame = performance.now()), { priority: 'user-blocking' });
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ frame: frame || performance.now(), queued: performance.now() });
      channel.port2.postMessage(0);
    });
  });
}

/** When the next frame has been produced (see afterPaintTimes). */
function afterPaint(): Promise<number> {
  return afterPaintTimes().then((t) => t.frame);
}

function yieldTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}

/** The TipTap editor whose ProseMirror element has this accessible name. */
export function editorByLabel(label: string): Editor {
  const element = document.querySelector<HTMLElement & { editor?: Editor }>(`.ProseMirror[aria-label="${label}"]`);
  if (!element?.editor) throw new Error(`No editor labelled ${label}`);
  return element.editor;
}

async function firstCommunity(): Promise<OpenCommunity> {
  const workspace = window.__commonplace?.workspace;
  const id = workspace?.personal.communities[0]?.id;
  if (!workspace || !id) throw new Error('No workspace or community: are test hooks on?');
  return workspace.openCommunity(id);
}

// ---------- keystroke to paint ----------

export interface KeyRecord {
  /** keydown's timestamp, page clock (ms since time origin) */
  readonly key: number;
  /** first DOM change in the target after it */
  mutated: number;
  /** the frame after that change was produced */
  painted: number;
  /** an ordinary task after that frame (see afterPaintTimes) */
  queued: number;
}

let keyRecords: KeyRecord[] = [];
let stopProbe: (() => void) | null = null;

/**
 * Times each keystroke from keydown to the next frame after the target's DOM changed: a
 * MutationObserver sees the change, a requestAnimationFrame waits for the frame, and a
 * user-blocking task posted from it runs once that frame's style, layout, paint and commit
 * are done (afterPaintTimes; an ordinary task's time is kept too).
 */
export function startKeystrokeProbe(selector: string): void {
  stopProbe?.();
  keyRecords = [];
  const target = document.querySelector(selector);
  if (!target) throw new Error(`Nothing matches ${selector}`);
  let pending: KeyRecord | null = null;
  const onKey = (event: KeyboardEvent): void => {
    if (event.key.length !== 1) return;
    pending = { key: event.timeStamp, mutated: 0, painted: 0, queued: 0 };
  };
  const observer = new MutationObserver(() => {
    const record = pending;
    if (!record || record.mutated) return;
    pending = null;
    record.mutated = performance.now();
    void afterPaintTimes().then((t) => {
      record.painted = t.frame;
      record.queued = t.queued;
      keyRecords.push(record);
      // For BENCH_TRACE: each keystroke as a span on the trace's timeline.
      performance.measure(`key ${keyRecords.length}`, { start: record.key, end: record.painted });
    });
  });
  window.addEventListener('keydown', onKey, true);
  observer.observe(target, { subtree: true, childList: true, characterData: true });
  stopProbe = () => {
    window.removeEventListener('keydown', onKey, true);
    observer.disconnect();
  };
}

export function stopKeystrokeProbe(): { toPaint: number[]; toDom: number[]; toQueued: number[] } {
  stopProbe?.();
  stopProbe = null;
  return {
    toPaint: keyRecords.map((r) => r.painted - r.key),
    toDom: keyRecords.map((r) => r.mutated - r.key),
    toQueued: keyRecords.map((r) => r.queued - r.key),
  };
}

/** A bare contenteditable outside the app, for the typing floor. */
/**
 * A plain contenteditable for the typing floor. With `copyOf`, it holds a copy of that
 * element's content with the same class (the same story, laid out the same way) and the
 * caret in its middle paragraph: what the browser alone needs to take a key in this story.
 */
export function addBareEditable(copyOf?: string): string {
  const id = copyOf ? 'bench-bare-copy' : 'bench-bare';
  const element = document.createElement('div');
  element.id = id;
  element.contentEditable = 'true';
  if (copyOf) {
    const source = document.querySelector(copyOf);
    if (!source) throw new Error(`No ${copyOf} to copy.`);
    element.className = source.className;
    element.innerHTML = source.innerHTML;
    element.style.cssText = 'position:fixed;inset:0;overflow:auto;background:#fff;z-index:9999';
  } else {
    element.style.cssText = 'position:fixed;bottom:0;left:0;width:300px;height:80px;white-space:pre-wrap;background:#fff;z-index:9999';
    element.textContent = 'Floor: ';
  }
  document.body.append(element);
  if (copyOf) {
    const blocks = element.querySelectorAll('p');
    const middle = blocks[Math.floor(blocks.length / 2)];
    if (middle) {
      middle.scrollIntoView({ block: 'center' });
      element.focus();
      const range = document.createRange();
      range.selectNodeContents(middle);
      range.collapse(false);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    }
  }
  return `#${id}`;
}

/** Takes a floor element away again. */
export function removeBareEditable(selector: string): void {
  document.querySelector(selector)?.remove();
}

// ---------- sync: sender and receivers ----------

let sentKeys: number[] = [];
let received: { length: number; doc: number; painted: number }[] = [];

/** Records the epoch time of every character keydown. */
export function startSender(): void {
  sentKeys = [];
  window.addEventListener(
    'keydown',
    (event) => {
      if (event.key.length === 1) sentKeys.push(performance.timeOrigin + event.timeStamp);
    },
    true,
  );
}

export function sentTimes(): number[] {
  return sentKeys;
}

/** On every document update, the editor's text length, and the epoch time the next frame was produced. */
export async function startReceiver(label: string): Promise<void> {
  received = [];
  const opened = await firstCommunity();
  const editor = editorByLabel(label);
  opened.community.doc.on('update', () => {
    const length = editor.state.doc.textContent.length;
    const doc = epochNow();
    void afterPaint().then((t) => received.push({ length, doc, painted: performance.timeOrigin + t }));
  });
}

export function receivedTimes(): { length: number; doc: number; painted: number }[] {
  return received;
}

export function editorTextLength(label: string): number {
  return editorByLabel(label).state.doc.textContent.length;
}

/** Words in the editor, blocks separated by a space. */
export function editorWords(label: string): number {
  const { doc } = editorByLabel(label).state;
  return doc.textBetween(0, doc.content.size, ' ').split(/\s+/).filter(Boolean).length;
}

export function editorText(label: string): string {
  return editorByLabel(label).state.doc.textContent;
}

// ---------- sync: a peer that was offline ----------

export async function setPaused(paused: boolean): Promise<void> {
  const opened = await firstCommunity();
  if (paused) opened.sync?.pause();
  else opened.sync?.resume();
}

export async function syncPeers(): Promise<number> {
  return (await firstCommunity()).sync?.status().peers ?? 0;
}

/** Edits as a person would, through the editor: typing runs, backspaces and jumps. */
export async function editInEditor(label: string, edits: number, seed: number): Promise<void> {
  const editor = editorByLabel(label);
  const rng = new Rng(seed);
  const random = (): number => rng.next();
  const letters = 'etaoin shrdlu cmfwyp vbgkjq xz';
  for (let i = 0; i < edits; i++) {
    const { view } = editor;
    const size = view.state.doc.content.size;
    let at = view.state.selection.from;
    if (random() < 0.05) at = 1 + Math.floor(random() * Math.max(1, size - 2));
    const tr = view.state.tr;
    if (random() < 0.15 && at > 2) tr.delete(at - 1, at);
    else tr.insertText(letters[Math.floor(random() * letters.length)] ?? 'e', at);
    view.dispatch(tr);
    if (i % 20 === 0) await yieldTask();
  }
}

/** Resolves with the time from now until the editor's text equals `expected`. */
export function waitForText(label: string, expected: string, timeoutMs: number): Promise<number> {
  const started = performance.now();
  const editor = editorByLabel(label);
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      if (editor.state.doc.textContent === expected) {
        editor.off('update', onUpdate);
        resolve(performance.now() - started);
        return true;
      }
      return false;
    };
    const onUpdate = (): void => void check();
    editor.on('update', onUpdate);
    if (check()) return;
    setTimeout(() => {
      editor.off('update', onUpdate);
      reject(
        new Error(
          `The editor did not reach the expected text in ${timeoutMs} ms (has ${editor.state.doc.textContent.length} chars, expected ${expected.length}).`,
        ),
      );
    }, timeoutMs);
  });
}

// ---------- storage ----------

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openDatabase(name: string): Promise<IDBDatabase> {
  const req = indexedDB.open(name);
  // The same stores as y-indexeddb creates, so it opens this database as its own.
  req.onupgradeneeded = () => {
    req.result.createObjectStore('updates', { autoIncrement: true });
    req.result.createObjectStore('custom');
  };
  return request(req);
}

/** Writes a Yjs update into a y-indexeddb database, as if the app had stored it. */
export async function storeUpdate(databaseName: string, base64: string): Promise<void> {
  const db = await openDatabase(databaseName);
  const tx = db.transaction('updates', 'readwrite');
  tx.objectStore('updates').add(base64ToBytes(base64));
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
  });
  db.close();
}

/** What a y-indexeddb database holds: its updates' bytes and the state they make, encoded once. */
export async function storedBytes(databaseName: string): Promise<{ records: number; bytes: number; encodedState: number; usage: number }> {
  const db = await openDatabase(databaseName);
  const tx = db.transaction('updates', 'readonly');
  const updates = (await request(tx.objectStore('updates').getAll())) as Uint8Array[];
  db.close();
  const doc = new Y.Doc({ gc: false });
  for (const update of updates) Y.applyUpdate(doc, update);
  const encodedState = Y.encodeStateAsUpdate(doc).byteLength;
  doc.destroy();
  const estimate = await navigator.storage.estimate();
  return { records: updates.length, bytes: updates.reduce((n, u) => n + u.byteLength, 0), encodedState, usage: estimate.usage ?? 0 };
}

/** Model edits in the first harvest's body, `perTransaction` keystrokes to a transaction. */
export async function editHarvestBody(edits: number, seed: number, perTransaction = 1): Promise<number> {
  const opened = await firstCommunity();
  const { doc } = opened.community;
  const harvest = opened.community.harvests.list()[0];
  if (!harvest) throw new Error('No harvest to edit');
  const body = harvest.body;
  const rng = new Rng(seed);
  const random = (): number => rng.next();
  const letters = 'etaoin shrdlu cmfwyp vbgkjq xz';
  let cursor = body.length;
  const edit = (): void => {
    if (random() < 0.05) cursor = Math.floor(random() * (body.length + 1));
    if (random() < 0.15 && cursor > 0) {
      body.delete(cursor - 1, 1);
      cursor -= 1;
    } else {
      body.insert(cursor, letters[Math.floor(random() * letters.length)] ?? 'e');
      cursor += 1;
    }
  };
  for (let i = 0; i < edits; i += perTransaction) {
    doc.transact(() => {
      for (let k = i; k < Math.min(edits, i + perTransaction); k++) edit();
    });
    if (i % 100 < perTransaction) await yieldTask();
  }
  return body.length;
}

// ---------- open: the floor, search, memory ----------

/** Y.applyUpdate of the whole state into a fresh document, nothing else: the floor for opening. */
export function decodeFloor(base64: string, runs: number): number[] {
  const bytes = base64ToBytes(base64);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const doc = new Y.Doc({ gc: false });
    const started = performance.now();
    Y.applyUpdate(doc, bytes);
    times.push(performance.now() - started);
    doc.destroy();
  }
  return times;
}

/**
 * One decode of the state in a page that has done nothing else: what opening asks of a
 * freshly loaded window (no optimised code yet, a young heap). A small document is decoded
 * first, as the app decodes the person's own document before a community's, so Yjs's code
 * is compiled, as the app's is from its code cache.
 */
export function decodeFloorFresh(base64: string): number {
  const bytes = base64ToBytes(base64);
  const small = new Y.Doc();
  small.getMap('settings').set('language', 'en');
  small.getText('note').insert(0, 'warm up');
  Y.applyUpdate(new Y.Doc({ gc: false }), Y.encodeStateAsUpdate(small));
  const doc = new Y.Doc({ gc: false });
  const started = performance.now();
  Y.applyUpdate(doc, bytes);
  return performance.now() - started;
}

/** SearchIndex over the same community state, in this page: build time and each query's time. */
export function searchBench(
  base64: string,
  queries: readonly string[],
): { buildMs: number; times: number[]; hits: number[]; entries: number } {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, base64ToBytes(base64));
  const community = new Community(doc);
  const index = new SearchIndex();
  const started = performance.now();
  index.addSource({
    communityId: community.id,
    isPrivate: false,
    collections: [community.glossary, community.harvests, community.dilemmas, community.resourceLists],
  });
  const buildMs = performance.now() - started;
  // Warm up the JIT the way a person's first few searches would.
  for (const query of queries.slice(0, 5)) index.search(query);
  const times: number[] = [];
  const hits: number[] = [];
  for (const query of queries) {
    const t0 = performance.now();
    const result = index.search(query);
    times.push(performance.now() - t0);
    hits.push(result.length);
  }
  return { buildMs, times, hits, entries: index.size };
}

// ---------- traces through the editor ----------

/**
 * Replays a sequential trace keystroke by keystroke through the editor: each transaction
 * of the trace is one ProseMirror transaction dispatched to the view, which the story
 * binding writes to the harvest's story Y.Text and the view renders. Yields to the event loop
 * every few edits so frames and Yjs's observers run as they would while typing.
 */
export async function replayInEditor(
  label: string,
  txns: readonly (readonly Patch[])[],
  yieldEvery: number,
): Promise<{ ms: number; perEdit: number[]; text: string }> {
  const editor = editorByLabel(label);
  const { view } = editor;
  const perEdit: number[] = [];
  // The story keeps lines, not a "\n" inside one paragraph: a trace's line break is a
  // paragraph split, and a flat index i sits at ProseMirror position 1 + i + (line breaks
  // before i), each break costing a paragraph's closing and opening token.
  let flat = '';
  const toPosition = (index: number): number => {
    let breaks = 0;
    for (let i = flat.indexOf('\n'); i !== -1 && i < index; i = flat.indexOf('\n', i + 1)) breaks++;
    return 1 + index + breaks;
  };
  const started = performance.now();
  for (let i = 0; i < txns.length; i++) {
    const t0 = performance.now();
    const tr = view.state.tr;
    for (const [pos, del, ins] of txns[i] ?? []) {
      if (del > 0) {
        tr.delete(toPosition(pos), toPosition(pos + del));
        flat = flat.slice(0, pos) + flat.slice(pos + del);
      }
      if (ins) {
        let at = toPosition(pos);
        ins.split('\n').forEach((segment, k) => {
          if (k > 0) {
            tr.split(at);
            at += 2;
          }
          if (segment) {
            tr.insertText(segment, at);
            at += segment.length;
          }
        });
        flat = flat.slice(0, pos) + ins + flat.slice(pos);
      }
    }
    view.dispatch(tr);
    perEdit.push(performance.now() - t0);
    if (i % yieldEvery === yieldEvery - 1) await yieldTask();
  }
  await afterPaint();
  const doc = view.state.doc;
  return { ms: performance.now() - started, perEdit, text: doc.textBetween(0, doc.content.size, '\n') };
}

/** The same edits into a plain Y.Text in this page: the floor. */
export function replayInYText(txns: readonly (readonly Patch[])[]): { ms: number; text: string } {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  const started = performance.now();
  for (const txn of txns) {
    doc.transact(() => {
      for (const [pos, del, ins] of txn) {
        if (del > 0) text.delete(pos, del);
        if (ins) text.insert(pos, ins);
      }
    });
  }
  return { ms: performance.now() - started, text: text.toJSON() };
}

/**
 * The app's own copy of the harvest's story (its Y.Text) as the trace's plain text: the
 * stored characters without the "\n" that closes the last line (storyFormat.ts).
 */
export async function harvestBodyText(): Promise<string> {
  const opened = await firstCommunity();
  const stored = opened.community.harvests.list()[0]?.body.toJSON() ?? '';
  return stored.endsWith('\n') ? stored.slice(0, -1) : stored;
}

export { afterPaint, yieldTask };

const api = {
  Y,
  addBareEditable,
  removeBareEditable,
  afterPaint,
  decodeFloor,
  decodeFloorFresh,
  editHarvestBody,
  editInEditor,
  editorByLabel,
  editorText,
  editorWords,
  editorTextLength,
  harvestBodyText,
  receivedTimes,
  replayInEditor,
  replayInYText,
  searchBench,
  sentTimes,
  setPaused,
  startKeystrokeProbe,
  startReceiver,
  startSender,
  stopKeystrokeProbe,
  storeUpdate,
  storedBytes,
  syncPeers,
  waitForText,
};

export type BenchApi = typeof api;

declare global {
  interface Window {
    /** Present once the benchmark has injected this bundle (see injectBench). */
    __bench: BenchApi;
  }
}

window.__bench = api;
