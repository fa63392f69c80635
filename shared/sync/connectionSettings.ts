import type * as Y from 'yjs';
import { z } from 'zod';
import type { Community } from '../model/Community.js';
import { localOrigin } from '../model/origins.js';

/**
 * Where a community looks for its peers beyond the local network: signaling servers,
 * STUN/TURN servers and a relay. Nothing here by default: no third-party server is
 * contacted until a member adds one. Kept in the community document so every member
 * uses the same servers; the room secret is never here (it lives on each device).
 */

const wsUrl = z
  .string()
  .trim()
  .max(300)
  .regex(/^wss?:\/\/[^\s/?#]+(\/[^\s]*)?$/, { error: 'Use a WebSocket address starting with ws:// or wss://.' });

export const iceServerSchema = z.strictObject({
  urls: z
    .string()
    .trim()
    .max(300)
    .regex(/^(stun|turn|turns):[^\s]+$/, { error: 'Use an address starting with stun:, turn: or turns:.' }),
  username: z.string().max(200).optional(),
  credential: z.string().max(200).optional(),
});

export const connectionSettingsSchema = z.strictObject({
  signaling: z.array(wsUrl).max(8, { error: 'Please use at most 8 signaling servers.' }),
  iceServers: z.array(iceServerSchema).max(8, { error: 'Please use at most 8 STUN or TURN servers.' }),
  relay: z.union([z.literal(''), wsUrl]),
});

export type ConnectionSettings = z.infer<typeof connectionSettingsSchema>;
export type IceServer = z.infer<typeof iceServerSchema>;

export const noServers: ConnectionSettings = { signaling: [], iceServers: [], relay: '' };

function settingsMap(community: Community): Y.Map<unknown> {
  return community.doc.getMap('connection');
}

/** The community's servers; anything a peer wrote that does not validate is ignored. */
export function readConnectionSettings(community: Community): ConnectionSettings {
  const map = settingsMap(community);
  const parsed = connectionSettingsSchema.safeParse({ signaling: map.get('signaling') ?? [], iceServers: map.get('iceServers') ?? [], relay: map.get('relay') ?? '' });
  return parsed.success ? parsed.data : noServers;
}

/** Validates and stores; throws with the first problem's message and changes nothing. */
export function writeConnectionSettings(community: Community, settings: ConnectionSettings): ConnectionSettings {
  const parsed = connectionSettingsSchema.safeParse(settings);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'Those server settings are not valid.');
  const map = settingsMap(community);
  community.doc.transact(() => {
    map.set('signaling', parsed.data.signaling);
    map.set('iceServers', parsed.data.iceServers);
    map.set('relay', parsed.data.relay);
  }, localOrigin);
  return parsed.data;
}
