import { describe, expect, it } from 'vitest';
import { Community } from '../model/Community.js';
import { readConnectionSettings, relayUrlsOf, writeConnectionSettings } from './connectionSettings.js';

const creator = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };
const community = (): Community => Community.create({ name: 'Care network', domain: 'Care', creator });

describe('a list of relays (failover order)', () => {
  it('keeps several relays, one per line, in the order given', () => {
    const care = community();
    const saved = writeConnectionSettings(care, { signaling: [], iceServers: [], relay: '  wss://a.example/relay \n\n ws://127.0.0.1:1234  ' });
    expect(saved.relay).toBe('wss://a.example/relay\nws://127.0.0.1:1234');
    expect(relayUrlsOf(readConnectionSettings(care).relay)).toEqual(['wss://a.example/relay', 'ws://127.0.0.1:1234']);
  });

  it('reads a single relay written by an older version as a list of one', () => {
    const care = community();
    care.doc.getMap('connection').set('relay', 'wss://only.example');
    expect(relayUrlsOf(readConnectionSettings(care).relay)).toEqual(['wss://only.example']);
  });

  for (const [what, relay, message] of [
    ['an address that is not a WebSocket', 'wss://a.example\nhttps://b.example', 'websocketAddress'],
    ['the same relay twice', 'wss://a.example wss://a.example', 'relayTwice'],
    ['more than four relays', 'ws://a ws://b ws://c ws://d ws://e', 'tooManyRelays'],
  ] as const) {
    it(`refuses ${what} with a clear message and changes nothing`, () => {
      const care = community();
      writeConnectionSettings(care, { signaling: [], iceServers: [], relay: 'wss://kept.example' });
      expect(() => writeConnectionSettings(care, { signaling: [], iceServers: [], relay })).toThrow(message);
      expect(readConnectionSettings(care).relay).toBe('wss://kept.example');
    });
  }
});
