import { webcrypto } from 'node:crypto';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { PersonalDoc } from '../model/PersonalDoc.js';
import {
  acceptDeviceLink,
  decodeDeviceLink,
  deviceLinkOf,
  encodeDeviceLink,
  ensureDeviceLink,
  isDeviceLinkCode,
  observeDeviceLink,
  personalRoomName,
} from './deviceLink.js';
import { roomNameFor } from './roomName.js';

const random = (bytes: Uint8Array) => webcrypto.getRandomValues(bytes);
const personal = () => {
  const doc = new PersonalDoc(new Y.Doc());
  doc.initialise();
  return doc;
};

describe('link codes', () => {
  it('round-trip the secret and servers', () => {
    const link = { secret: 'a'.repeat(43), signaling: ['ws://192.168.1.4:4444'] };
    const code = encodeDeviceLink(link);
    expect(code.startsWith('cpd1.')).toBe(true);
    expect(isDeviceLinkCode(` ${code}`)).toBe(true);
    expect(decodeDeviceLink(code)).toEqual(link);
  });

  it('refuse what is not a link code, and a damaged one, with clear messages', () => {
    const code = encodeDeviceLink({ secret: 'b'.repeat(43), signaling: [] });
    expect(() => decodeDeviceLink('  ')).toThrow(expect.objectContaining({ code: 'deviceLinkEmpty' }));
    expect(() => decodeDeviceLink('cp1.abc.def')).toThrow(expect.objectContaining({ code: 'deviceLinkNotALink' }));
    expect(() => decodeDeviceLink(code.slice(0, -2))).toThrow(expect.objectContaining({ code: 'deviceLinkDamaged' }));
    expect(() => decodeDeviceLink(`${code.slice(0, 10)}x${code.slice(11)}`)).toThrow(expect.objectContaining({ code: 'deviceLinkDamaged' }));
  });
});

describe('the link in the personal document', () => {
  it('is made once, on demand, and a link code from another device replaces it', () => {
    const laptop = personal();
    expect(deviceLinkOf(laptop)).toBeNull();
    const made = ensureDeviceLink(laptop, random);
    expect(ensureDeviceLink(laptop, random)).toEqual(made);
    const phone = personal();
    let heard = 0;
    observeDeviceLink(phone, () => (heard += 1));
    ensureDeviceLink(phone, random);
    acceptDeviceLink(phone, decodeDeviceLink(encodeDeviceLink(made)));
    expect(deviceLinkOf(phone)?.secret).toBe(made.secret);
    expect(heard).toBeGreaterThan(0);
  });

  it('names a room only the secret can name, unlike any community room', () => {
    const secret = ensureDeviceLink(personal(), random).secret;
    expect(personalRoomName(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(personalRoomName(secret)).not.toBe(personalRoomName(`${secret}x`));
    expect(personalRoomName(secret)).not.toBe(roomNameFor(secret));
  });

  it('ignores a stored link that is not well formed', () => {
    const doc = personal();
    doc.doc.getMap('deviceLink').set('secret', 'short');
    expect(deviceLinkOf(doc)).toBeNull();
  });
});
