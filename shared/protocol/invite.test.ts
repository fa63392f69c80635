import { describe, expect, it } from 'vitest';
import { decodeInvite, encodeInvite, type Invite } from './invite.js';
import { newCommunitySecret, relayDocumentNameFor, roomNameFor } from './roomName.js';
import { CommonplaceError, type ErrorCode } from '../CommonplaceError.js';

const invite: Invite = {
  communityId: '3f2a6c1e-0b7d-4e59-9c41-2d7f00a1b2c3',
  communityName: 'Trauma-informed care network',
  secret: newCommunitySecret((bytes) => bytes.fill(7)),
  signaling: ['ws://192.168.1.20:4444', 'wss://signal.example.org/signal'],
};

describe('invite codes', () => {
  it('round-trip', () => {
    const code = encodeInvite(invite);
    expect(code.startsWith('cp1.')).toBe(true);
    expect(decodeInvite(code)).toEqual(invite);
    // Pasted with line breaks and spaces, as email clients do.
    expect(decodeInvite(` ${code.slice(0, 20)}\n${code.slice(20)} `)).toEqual(invite);
  });

  it('refuse malformed, truncated, tampered and foreign codes with a clear message', () => {
    const code = encodeInvite(invite);
    const [prefix, body, sum] = code.split('.') as [string, string, string];
    const flipped = body.slice(0, 10) + (body[10] === 'A' ? 'B' : 'A') + body.slice(11);
    const cases: [string, ErrorCode][] = [
      ['', 'pasteInvite'],
      ['hello', 'notInvite'],
      [`${prefix}.${body}`, 'inviteIncomplete'],
      [code.slice(0, code.length - 5), 'inviteChanged'],
      [`${prefix}.${flipped}.${sum}`, 'inviteChanged'],
      [`${prefix}.${body.slice(0, 30)}.${sum}`, 'inviteChanged'],
      ['x'.repeat(5000), 'inviteTooLong'],
    ];
    for (const [input, refused] of cases) expect(() => decodeInvite(input), input.slice(0, 40)).toThrow(new CommonplaceError(refused));
  });

  it('refuses invites with hostile contents even with a valid checksum', () => {
    expect(() => encodeInvite({ ...invite, signaling: ['javascript:alert(1)'] })).toThrow();
    expect(() => encodeInvite({ ...invite, secret: 'short' })).toThrow();
  });
});

describe('room names', () => {
  it('are a hash of the id, never the name', () => {
    const room = roomNameFor(invite.communityId);
    expect(room).toMatch(/^[0-9a-f]{64}$/);
    expect(room).not.toContain('care');
    expect(roomNameFor(invite.communityId)).toBe(room);
    expect(roomNameFor('other')).not.toBe(room);
  });

  it('the relay document name cannot be computed from what signaling sees', () => {
    const relayName = relayDocumentNameFor(invite.communityId, invite.secret);
    expect(relayName).toMatch(/^[0-9a-f]{64}$/);
    expect(relayName).not.toBe(roomNameFor(invite.communityId));
    expect(relayDocumentNameFor(invite.communityId, 'another-secret-entirely')).not.toBe(relayName);
  });
});
