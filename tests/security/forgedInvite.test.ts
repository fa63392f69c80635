import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { PersonalDoc } from '../../shared/model/PersonalDoc.js';
import { decodeInvite, encodeInvite, inviteEffect, type Invite } from '../../shared/protocol/invite.js';
import { CommonplaceError } from '../../shared/CommonplaceError.js';

const communityId = 'c0mmun1ty-care-circle';
const secret = 'a'.repeat(43);
const genuine: Invite = { communityId, communityName: 'Care circle', secret, signaling: ['ws://192.168.1.20:4444'] };
/** Made by someone who knows only the id (from an old invite or a backup's metadata). */
const forged: Invite = { communityId, communityName: 'Care circle', secret: 'm'.repeat(43), signaling: ['wss://attacker.invalid/signal'], relay: 'wss://attacker.invalid/relay' };

function deviceWithCommunity(): PersonalDoc {
  const personal = new PersonalDoc(new Y.Doc());
  personal.acceptInvite(genuine, { useServers: true });
  return personal;
}

describe('a forged invite for a community already on this device (issue 15.3)', () => {
  it('is refused with a clear message, and neither the secret nor the servers change', () => {
    const personal = deviceWithCommunity();
    const before = Y.encodeStateAsUpdate(personal.doc);
    // Even with the servers ticked: the secret decides, and nothing is stored.
    expect(() => personal.acceptInvite(decodeInvite(encodeInvite(forged)), { useServers: true })).toThrow(new CommonplaceError('inviteSecretDiffers'));
    expect(personal.communityAccess(communityId)).toEqual({ secret, inviteSignaling: ['ws://192.168.1.20:4444'] });
    expect(Y.encodeStateAsUpdate(personal.doc)).toEqual(before);
  });

  it('replaces the secret only when the person chose to, and adds its servers only when they chose to', () => {
    const personal = deviceWithCommunity();
    expect(inviteEffect(forged, personal.communityAccess(communityId), true)).toEqual({
      known: true,
      replacesSecret: true,
      newServers: ['wss://attacker.invalid/signal', 'wss://attacker.invalid/relay'],
    });
    personal.acceptInvite(forged, { replaceSecret: true });
    expect(personal.communityAccess(communityId)).toEqual({ secret: forged.secret, inviteSignaling: ['ws://192.168.1.20:4444'] });
  });

  it('the same invite again changes nothing and asks nothing', () => {
    const personal = deviceWithCommunity();
    expect(inviteEffect(genuine, personal.communityAccess(communityId), true)).toEqual({ known: true, replacesSecret: false, newServers: [] });
    personal.acceptInvite(genuine);
    expect(personal.communityAccess(communityId)).toEqual({ secret, inviteSignaling: ['ws://192.168.1.20:4444'] });
  });
});

describe('servers named in an invite (issue 15.3)', () => {
  it('are never kept for a new community unless the person ticked them', () => {
    const personal = new PersonalDoc(new Y.Doc());
    expect(inviteEffect(forged, null, false)).toEqual({ known: false, replacesSecret: false, newServers: ['wss://attacker.invalid/signal', 'wss://attacker.invalid/relay'] });
    personal.acceptInvite(forged);
    expect(personal.communityAccess(communityId)).toEqual({ secret: forged.secret, inviteSignaling: [] });
    expect(personal.communities.map((c) => c.name)).toEqual(['Care circle']);
    personal.acceptInvite(forged, { useServers: true });
    expect(personal.communityAccess(communityId)).toEqual({ secret: forged.secret, inviteSignaling: ['wss://attacker.invalid/signal'], inviteRelay: 'wss://attacker.invalid/relay' });
  });
});
