import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Community } from '../../shared/model/Community.js';
import { PersonalDoc } from '../../shared/model/PersonalDoc.js';
import {
  confirmConnectionSettings,
  connectionSettingsState,
  effectiveConnectionSettings,
  noServers,
  readConnectionSettings,
  saveConnectionSettings,
} from '../../shared/protocol/connectionSettings.js';

// A member (or a forged backup merged by one) points the community at their own servers.
// Before: every device applied the community's settings at once. Now each waits for its
// person's confirmation, and says who changed them.

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };
const bruno = { id: 'member-bruno', name: 'Bruno', colour: '#2557a7' as const };
const attacker = { signaling: ['wss://signal.attacker.example'], iceServers: [{ urls: 'turn:turn.attacker.example:3478', username: 'u', credential: 'p' }], relay: 'wss://relay.attacker.example' };
const trusted = { signaling: ['wss://signal.example.org'], iceServers: [], relay: '' };

/** Amira's device and Bruno's, with the community shared between them. */
function twoDevices(): { mine: Community; minePersonal: PersonalDoc; theirs: Community; theirPersonal: PersonalDoc; sync: () => void } {
  const mine = Community.create({ name: 'Care network', domain: 'Care', creator: amira });
  const theirs = new Community(new Y.Doc());
  const sync = (): void => {
    Y.applyUpdate(theirs.doc, Y.encodeStateAsUpdate(mine.doc, Y.encodeStateVector(theirs.doc)));
    Y.applyUpdate(mine.doc, Y.encodeStateAsUpdate(theirs.doc, Y.encodeStateVector(mine.doc)));
  };
  sync();
  theirs.join(bruno);
  sync();
  return { mine, minePersonal: new PersonalDoc(new Y.Doc()), theirs, theirPersonal: new PersonalDoc(new Y.Doc()), sync };
}

describe('server settings changed by someone else', () => {
  it('take effect only after this person confirms them, and say who changed them', () => {
    const { mine, minePersonal, theirs, theirPersonal, sync } = twoDevices();
    saveConnectionSettings(mine, minePersonal, trusted);
    sync();
    confirmConnectionSettings(theirs, theirPersonal);
    expect(effectiveConnectionSettings(theirs, theirPersonal)).toEqual(trusted);

    // Bruno points everyone at his servers.
    saveConnectionSettings(theirs, theirPersonal, attacker);
    sync();
    expect(readConnectionSettings(mine)).toEqual(attacker);
    // Amira's device keeps the servers she confirmed.
    expect(effectiveConnectionSettings(mine, minePersonal)).toEqual(trusted);
    const state = connectionSettingsState(mine, minePersonal);
    expect(state.waiting).toBe(true);
    expect(state.changedBy).toEqual({ members: [{ memberId: bruno.id, name: 'Bruno' }], unknown: false });
    expect(state.pending).toEqual({ signaling: ['wss://signal.attacker.example'], iceServers: ['turn:turn.attacker.example:3478'], relay: 'wss://relay.attacker.example' });

    // Only her confirmation makes them hers.
    confirmConnectionSettings(mine, minePersonal);
    expect(effectiveConnectionSettings(mine, minePersonal)).toEqual(attacker);
    expect(connectionSettingsState(mine, minePersonal).waiting).toBe(false);
  });

  it('settings in a forged backup, from a device nobody knows, are never used unconfirmed', () => {
    const { mine, minePersonal } = twoDevices();
    // A backup is a Yjs update: one made on a device that never joined the community.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(mine.doc));
    const connection = forged.getMap('connection');
    forged.transact(() => {
      connection.set('signaling', attacker.signaling);
      connection.set('iceServers', attacker.iceServers);
      connection.set('relay', attacker.relay);
    });
    Y.applyUpdate(mine.doc, Y.encodeStateAsUpdate(forged, Y.encodeStateVector(mine.doc)));
    expect(effectiveConnectionSettings(mine, minePersonal)).toEqual(noServers);
    const state = connectionSettingsState(mine, minePersonal);
    expect(state.waiting).toBe(true);
    expect(state.changedBy).toEqual({ members: [], unknown: true });
  });

  it('settings this person saves are used at once; invalid ones change nothing', () => {
    const { mine, minePersonal } = twoDevices();
    expect(effectiveConnectionSettings(mine, minePersonal)).toEqual(noServers);
    saveConnectionSettings(mine, minePersonal, trusted);
    expect(effectiveConnectionSettings(mine, minePersonal)).toEqual(trusted);
    expect(() => saveConnectionSettings(mine, minePersonal, { signaling: ['http://not-a-websocket'], iceServers: [], relay: '' })).toThrow('websocketAddress');
    expect(readConnectionSettings(mine)).toEqual(trusted);
    expect(effectiveConnectionSettings(mine, minePersonal)).toEqual(trusted);
  });

  it('confirmation is per community', () => {
    const first = twoDevices();
    const other = Community.create({ name: 'Other', domain: '', creator: amira });
    saveConnectionSettings(first.mine, first.minePersonal, trusted);
    other.doc.getMap('connection').set('signaling', trusted.signaling);
    other.doc.getMap('connection').set('iceServers', []);
    other.doc.getMap('connection').set('relay', '');
    expect(effectiveConnectionSettings(other, first.minePersonal)).toEqual(noServers);
  });
});
