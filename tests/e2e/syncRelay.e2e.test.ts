import { Server, type Extension } from '@hocuspocus/server';
import * as encoding from 'lib0/encoding';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { startWebServer, type RunningWebServer } from '../../electron/services/webServer.js';
import { chromiumForFile, createCommunity, signedIn, syncStatus } from './app.js';
// Brings in the type of window.__commonplace for page.evaluate callbacks.
import type {} from '../../renderer/app/testHooks.js';

/**
 * 15.4: what comes from a relay passes the same guard as what comes from a peer. A real
 * Hocuspocus server, started here on loopback, turns hostile once the app has synced with it:
 * it sends the app's room a malformed update (one Yjs applies in part before throwing) or a
 * presence entry that is not ours. The app in Chromium must keep its document and its
 * "who's here" unchanged, close the relay and say why.
 */

const browser = chromiumForFile();
let site: RunningWebServer;

beforeAll(async () => {
  site = await startWebServer({ root: 'dist/renderer', port: 0, signaling: false });
});
afterAll(async () => {
  await site.close();
});

function relayMessage(documentName: string, type: number, payload: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  encoding.writeVarUint(encoder, type);
  payload(encoder);
  return encoding.toUint8Array(encoder);
}

/** Adds a root type `evil` with text, but the delete set is cut off: Yjs integrates the text, then throws. */
function halfAnUpdate(documentName: string): Uint8Array {
  const evil = new Y.Doc();
  evil.getText('evil').insert(0, 'EVIL');
  const update = Y.encodeStateAsUpdate(evil);
  return relayMessage(documentName, 0, (encoder) => {
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, update.subarray(0, update.byteLength - 1));
  });
}

function forgedPresence(documentName: string): Uint8Array {
  const forger = new Awareness(new Y.Doc());
  forger.setLocalState({ user: { name: 'Mallory', color: '#b4236b', memberId: 'm' }, location: null, cursor: { anchor: null, head: null }, extra: 'x'.repeat(20_000) });
  return relayMessage(documentName, 1, (encoder) => encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(forger, [forger.clientID])));
}

async function hostileRelay(message: (documentName: string) => Uint8Array): Promise<{ url: string; close: () => Promise<void> }> {
  const extension: Extension = {
    connected: ({ connection, documentName }) => {
      // After the first sync round, as a relay that turned hostile later would.
      setTimeout(() => connection.send(message(documentName)), 1000);
      return Promise.resolve();
    },
  };
  const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false, extensions: [extension] });
  await server.listen();
  return { url: `ws://127.0.0.1:${server.address.port}`, close: () => server.destroy() };
}

const stateOf = (page: Page) =>
  page.evaluate(async () => {
    const workspace = window.__commonplace?.workspace;
    const opened = await workspace?.openCommunity(workspace.personal.communities[0]?.id ?? '');
    const doc = opened?.community.doc;
    return {
      evil: doc?.share.has('evil') ?? false,
      present: opened?.sync?.present().map((member) => member.user.name) ?? [],
      dropped: opened?.sync?.dropped.map((d) => `${d.peerId}: ${d.reason}`) ?? [],
    };
  });

describe('a hostile relay (a real Hocuspocus server)', () => {
  for (const [what, message, reason] of [
    ['a malformed update', halfAnUpdate, /relay: malformed/],
    ['a presence entry that is not ours', forgedPresence, /relay: presence entry/],
  ] as const) {
    it(`cannot change the document or who is here with ${what}; the relay is closed with the reason`, async () => {
      const relay = await hostileRelay(message);
      const a = await signedIn(browser(), site.url, 'Amira', { testHooks: true });
      const warnings: string[] = [];
      a.page.on('console', (entry) => {
        if (entry.type() === 'warning') warnings.push(entry.text());
      });
      await createCommunity(a.page, 'Large gathering');
      await a.page.getByRole('button', { name: 'Connection settings' }).click();
      await a.page.getByLabel('Relay server (Hocuspocus) for large sessions').fill(relay.url);
      await a.page.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => stateOf(a.page).then((s) => s.dropped), { timeout: 30_000 }).toEqual([expect.stringMatching(reason)]);
      const state = await stateOf(a.page);
      expect(state.evil).toBe(false);
      expect(state.present).toEqual(['Amira']);
      expect(warnings.some((warning) => warning.includes('closed the relay'))).toBe(true);
      await expect.poll(() => syncStatus(a.page).textContent()).not.toContain('relay connected');
      await a.context.close();
      await relay.close();
    });
  }
});
