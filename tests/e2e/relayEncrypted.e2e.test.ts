import { build } from 'esbuild';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chromiumForFile } from './app.js';
import { WebSocket } from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { startRelay, type RunningRelay } from '../../relay/server.js';
import { EncryptedRelay } from '../../renderer/transport/relay/EncryptedRelay.js';
import { memberColours } from '../../shared/model/colours.js';
import { relayDocumentNameFor } from '../../shared/protocol/roomName.js';
import type * as Kit from './relayKit.js';

type Kit = typeof Kit;

// The relay client in real Chromium (its WebCrypto Ed25519, AES-GCM and HKDF, and the
// browser WebSocket) with a member in Node, through a members-only relay: the key, token
// and envelope formats agree across both, and the page's presence arrives.
const secret = 'Y2hyb21pdW0tcmVsYXktc2VjcmV0LTMyLWJ5dGVzLWxvbmc';
const documentName = relayDocumentNameFor('community-chromium', secret);

const browser = chromiumForFile();
let relay: RunningRelay;
let folder: string;
let bundle: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'commonplace-relay-chromium-'));
  relay = await startRelay({ host: '127.0.0.1', port: 0, databasePath: path.join(folder, 'relay.sqlite'), warn: () => undefined });
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, 'relayKit.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'relayKit',
    platform: 'browser',
    write: false,
  });
  bundle = result.outputFiles[0]?.text ?? '';
});
afterAll(async () => {
  await relay.close();
  await rm(folder, { recursive: true, force: true });
});

describe('EncryptedRelay in Chromium', () => {
  it('a member in Chromium and one in Node converge through a members-only relay', async () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    awareness.setLocalState({ user: { name: 'Node member', color: memberColours[0], memberId: 'node' }, location: null });
    const rejected: string[] = [];
    const nodeMember = await EncryptedRelay.start({ doc, awareness, secret, documentName, urls: [relay.url], WebSocketPolyfill: WebSocket, onRejected: (reason) => rejected.push(reason) });
    try {
      const context = await browser().newContext();
      const page = await context.newPage();
      // WebCrypto needs a secure context: a loopback http origin is one, about:blank is not.
      await page.goto(`http://127.0.0.1:${relay.port}/`);
      await page.addScriptTag({ content: bundle });
      await page.evaluate(
        async ({ secret, documentName, url, color }) => {
          const kit = (window as unknown as { relayKit: Kit }).relayKit;
          const doc = new kit.Y.Doc();
          const awareness = new kit.Awareness(doc);
          awareness.setLocalState({ user: { name: 'Chromium member', color, memberId: 'chromium' }, location: null });
          const relay = await kit.EncryptedRelay.start({ doc, awareness, secret, documentName, urls: [url] });
          Object.assign(window, { pageDoc: doc, pageRelay: relay, pageAwareness: awareness });
          doc.getText('story').insert(0, 'Written in Chromium. ');
        },
        { secret, documentName, url: relay.url, color: memberColours[1] },
      );
      await vi.waitFor(
        () => {
          expect(doc.getText('story').toJSON()).toBe('Written in Chromium. ');
          expect([...awareness.getStates().values()].map((state) => (state as { user: { name: string } }).user.name).sort()).toEqual(['Chromium member', 'Node member']);
        },
        { timeout: 20_000, interval: 50 },
      );
      doc.getText('story').insert(doc.getText('story').length, 'Answered from Node.');
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { pageDoc: Y.Doc }).pageDoc.getText('story').toJSON()), { timeout: 20_000 })
        .toBe('Written in Chromium. Answered from Node.');
      expect(await page.evaluate(() => (window as unknown as { pageRelay: EncryptedRelay }).pageRelay.status.state)).toBe('connected');
      expect(rejected).toEqual([]);
      await context.close();
    } finally {
      nodeMember.destroy();
      awareness.destroy();
    }
  });
});
