import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startSignalingServer, type RunningSignalingServer } from '../../electron/services/signaling.js';
import { isCommonplaceError } from '../../shared/CommonplaceError.js';
import { makeShortCode, parseShortCode } from '../../shared/protocol/shortCode.js';
import { claimShortCode, offerShortCode, type OfferConnection } from './shortCodeExchange.js';

/**
 * The short-code exchange over a real signaling server (electron/services/signaling.ts),
 * with ws's client standing in for the browser's WebSocket (Node 20 has none).
 */
let server: RunningSignalingServer;
const invite = 'cp1.eyJ2IjoxfQ.abc';

beforeAll(async () => {
  vi.stubGlobal('WebSocket', WebSocket);
  server = await startSignalingServer({ port: 0, limits: { codeAttemptsPerAddress: 9 }, warn: () => undefined });
});
afterAll(async () => {
  await server.close();
  vi.unstubAllGlobals();
});

const listening = (offer: ReturnType<typeof offerShortCode>) =>
  new Promise<void>((resolve) => {
    offer.onConnection((state: OfferConnection) => {
      if (state === 'listening') resolve();
    });
  });

describe('short code over a signaling server', () => {
  it('brings the invite to the device that types the code; the inviter sees it used', async () => {
    const offer = offerShortCode(invite, [server.url]);
    await listening(offer);
    await expect(claimShortCode(parseShortCode(offer.code.text), [server.url])).resolves.toBe(invite);
    expect(offer.offer.status).toBe('used');
    offer.close();
  });

  it('says no signaling server is reachable when none answers, and not found when nobody offers the code', async () => {
    await expect(claimShortCode(makeShortCode(), ['ws://127.0.0.1:9'])).rejects.toMatchObject({ code: 'shortCodeNoSignaling' });
    await expect(claimShortCode(makeShortCode(), [])).rejects.toMatchObject({ code: 'shortCodeNoSignaling' });
    await expect(claimShortCode(makeShortCode(), [server.url, 'ws://127.0.0.1:9'])).rejects.toMatchObject({ code: 'shortCodeNotFound' });
  });

  it('a wrong code is refused and burns the offer; an inviter that stopped listening is not found', async () => {
    const offer = offerShortCode(invite, [server.url]);
    await listening(offer);
    const wrong = parseShortCode(`${offer.code.nameplate}${offer.code.secret === '000000' ? '000001' : '000000'}`);
    await expect(claimShortCode(wrong, [server.url])).rejects.toMatchObject({ code: 'shortCodeWrong' });
    await vi.waitFor(() => expect(offer.offer.status).toBe('burned'));
    await expect(claimShortCode(offer.code, [server.url])).rejects.toMatchObject({ code: 'shortCodeBurned' });
    offer.close();
    await expect(claimShortCode(offer.code, [server.url])).rejects.toMatchObject({ code: 'shortCodeNotFound' });
  });

  it('tells the joiner when the server refuses more attempts', async () => {
    // Attempts so far from 127.0.0.1 count too; keep trying until the server says no.
    let last: unknown;
    for (let i = 0; i < 12; i += 1) {
      last = await claimShortCode(makeShortCode(), [server.url]).catch((error: unknown) => error);
      if (isCommonplaceError(last, 'shortCodeTooManyAttempts')) break;
    }
    expect(last).toMatchObject({ code: 'shortCodeTooManyAttempts' });
  });
});
