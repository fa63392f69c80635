/**
 * Runs in a Chromium page for tests/e2e/contract.e2e.test.ts: the real library classes
 * (y-indexeddb's IndexeddbPersistence, y-webrtc's WebrtcProvider) beside ours
 * (openPersistedDoc, MeshRoom), so a library upgrade that changes what we rely on (the
 * stored format, the signaling protocol and its encryption) fails a test.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import { Awareness } from 'y-protocols/awareness';
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import { MeshRoom } from '../../../renderer/transport/meshRoom.js';
import { outboxOf } from '../../../renderer/transport/outbox.js';
import { openPersistedDoc } from '../../../renderer/storage/openPersistedDoc.js';

const presence = (name: string) => ({ user: { name, color: '#1f6f8b', memberId: name }, location: null });

/** y-indexeddb opens the database, appends `text`, and closes once its writes have committed. */
async function theirsAppend(name: string, text: string): Promise<string> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, doc);
  await persistence.whenSynced;
  const body = doc.getText('body');
  body.insert(body.length, text);
  const result = body.toJSON();
  // Closing waits for the transactions already made (IndexedDB commits them first).
  await persistence.destroy();
  return result;
}

async function theirsRead(name: string): Promise<string> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, doc);
  await persistence.whenSynced;
  const text = doc.getText('body').toJSON();
  await persistence.destroy();
  return text;
}

/** Ours opens, appends `text` (compacting first when asked), and closes once stored. */
async function oursAppend(name: string, text: string, compact: boolean): Promise<{ text: string; records: number }> {
  const stored = await openPersistedDoc(name);
  const body = stored.doc.getText('body');
  body.insert(body.length, text);
  const result = body.toJSON();
  await stored.whenStored();
  if (compact) await stored.compact();
  const { storedUpdates } = await stored.measure();
  await stored.destroy();
  return { text: result, records: storedUpdates };
}

/**
 * Opens a stored document whose outbox exists already (as if sync had started first): what
 * storage loads must not be handed on as one's own edits (to peers, windows, or written back).
 */
async function loadedIsNotLocal(name: string): Promise<{ text: string; handedOn: number }> {
  const doc = new Y.Doc();
  const outbox = outboxOf(doc);
  let handedOn = 0;
  const stop = outbox.subscribe({ sources: ['local'], deliver: () => (handedOn += 1) });
  const stored = await openPersistedDoc(name, doc);
  outbox.flush();
  const text = doc.getText('body').toJSON();
  stop();
  await stored.destroy();
  return { text, handedOn };
}

let mesh: { doc: Y.Doc; close: () => void } | null = null;

/** Joins a room with either the real y-webrtc provider or our MeshRoom, on the same signaling server. */
function join(kind: 'theirs' | 'ours', signaling: string, room: string, password: string, name: string): void {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalState(presence(name));
  const peerOpts = { config: { iceServers: [] } };
  if (kind === 'theirs') {
    const provider = new WebrtcProvider(room, doc, { signaling: [signaling], password, awareness, peerOpts });
    mesh = { doc, close: () => provider.destroy() };
  } else {
    const provider = new MeshRoom({ roomName: room, password, signaling: [signaling], awareness, outbox: outboxOf(doc), peerOpts });
    mesh = { doc, close: () => provider.destroy() };
  }
  (window as unknown as { awareness: Awareness }).awareness = awareness;
}

function type(text: string): void {
  const body = mesh?.doc.getText('body');
  body?.insert(body.length, text);
}

const read = (): string => mesh?.doc.getText('body').toJSON() ?? '';
const present = (): string[] =>
  [...(window as unknown as { awareness: Awareness }).awareness.getStates().values()].map((state) => (state as { user: { name: string } }).user.name).sort();

Object.assign(window, { __contract: { theirsAppend, theirsRead, oursAppend, loadedIsNotLocal, join, type, read, present, leave: () => mesh?.close() } });
