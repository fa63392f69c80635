import type * as Y from 'yjs';
import { z } from 'zod';
import type { Community } from '../model/Community.js';
import type { PersonalDoc } from '../model/PersonalDoc.js';
import { localOrigin } from '../model/origins.js';
import { refusal, zodRefusal } from '../CommonplaceError.js';

/**
 * Where a community looks for its peers beyond the local network: signaling servers,
 * STUN/TURN servers and a relay. Nothing here by default: no third-party server is
 * contacted until a member adds one. Kept in the community document so every member
 * sees the same servers; the room secret is never here (it lives on each device).
 *
 * Any member, or a forged backup merged by one, can change the community's settings, so
 * a device uses them only once its person confirmed them (effectiveConnectionSettings):
 * settings this person saved count as confirmed, anything others changed waits.
 */

const wsUrl = z
  .string()
  .trim()
  .max(300)
  .regex(/^wss?:\/\/[^\s/?#]+(\/[^\s]*)?$/, refusal('websocketAddress'));

export const iceServerSchema = z.strictObject({
  urls: z
    .string()
    .trim()
    .max(300)
    .regex(/^(stun|turn|turns):[^\s]+$/, refusal('iceAddress')),
  username: z.string().max(200).optional(),
  credential: z.string().max(200).optional(),
});

/** At most this many relays: the client tries them in order and fails over along the list. */
export const maxRelays = 4;

/** The relay URLs in failover order, from the stored text (one per line; '' for none). */
export function relayUrlsOf(relay: string): string[] {
  return relay.split(/\s+/).filter((url) => url.length > 0);
}

/**
 * The relays, one URL per line in failover order (stored as text, so settings written by a
 * single-relay version read the same). Each must be a WebSocket address; no repeats.
 */
const relayList = z
  .string()
  .max(maxRelays * 301)
  .transform((text) => relayUrlsOf(text))
  .pipe(
    z
      .array(wsUrl)
      // Spelled out (not interpolated) because the UI translates the model's sentences by their text.
      .max(maxRelays, refusal('tooManyRelays'))
      .refine((urls) => new Set(urls).size === urls.length, refusal('relayTwice')),
  )
  .transform((urls) => urls.join('\n'));

export const connectionSettingsSchema = z.strictObject({
  signaling: z.array(wsUrl).max(8, refusal('tooManySignaling')),
  iceServers: z.array(iceServerSchema).max(8, refusal('tooManyIce')),
  relay: relayList,
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
  if (!parsed.success) throw zodRefusal(parsed.error, 'serverSettingsInvalid');
  const map = settingsMap(community);
  community.doc.transact(() => {
    map.set('signaling', parsed.data.signaling);
    map.set('iceServers', parsed.data.iceServers);
    map.set('relay', parsed.data.relay);
  }, localOrigin);
  return parsed.data;
}

// --- confirmation, kept in the personal document -------------------------------------

/** Community id → the settings this person confirmed, as canonicalKey JSON. Never synced. */
function confirmedMap(personal: PersonalDoc): Y.Map<string> {
  return personal.doc.getMap('confirmedConnections');
}

/** One string per distinct set of settings, whatever order a peer wrote the keys in. */
function canonicalKey(settings: ConnectionSettings): string {
  return JSON.stringify({
    signaling: settings.signaling,
    iceServers: settings.iceServers.map((server) => ({ urls: server.urls, username: server.username ?? null, credential: server.credential ?? null })),
    relay: settings.relay,
  });
}

function readConfirmed(community: Community, personal: PersonalDoc): ConnectionSettings {
  const stored = confirmedMap(personal).get(community.id);
  if (typeof stored !== 'string') return noServers;
  try {
    const raw = JSON.parse(stored) as { signaling?: unknown; iceServers?: { urls?: unknown; username?: unknown; credential?: unknown }[]; relay?: unknown };
    const parsed = connectionSettingsSchema.safeParse({
      signaling: raw.signaling,
      iceServers: Array.isArray(raw.iceServers)
        ? raw.iceServers.map((server) => Object.fromEntries(Object.entries(server).filter(([, value]) => value !== null)))
        : raw.iceServers,
      relay: raw.relay,
    });
    return parsed.success ? parsed.data : noServers;
  } catch {
    return noServers;
  }
}

/**
 * The servers this device uses for the community: the community's settings when this
 * person confirmed exactly them, otherwise the last ones they confirmed (none at first).
 * Pure: reads both documents, writes nothing.
 */
export function effectiveConnectionSettings(community: Community, personal: PersonalDoc): ConnectionSettings {
  const current = readConnectionSettings(community);
  const confirmed = readConfirmed(community, personal);
  return canonicalKey(current) === canonicalKey(confirmed) ? current : confirmed;
}

export interface ConnectionSettingsState {
  /** What the community document says now. */
  readonly current: ConnectionSettings;
  /** What this device uses (see effectiveConnectionSettings). */
  readonly inUse: ConnectionSettings;
  /** The community's settings differ from those in use and wait for this person's confirmation. */
  readonly waiting: boolean;
  /** Servers in the community's settings that this device does not use yet. */
  readonly pending: { readonly signaling: readonly string[]; readonly iceServers: readonly string[]; readonly relay: string };
  /**
   * The members whose devices wrote the community's current settings, from the community's
   * record of which device is whose; `unknown` when a writer is not on that record (a
   * device that never joined, a forged backup).
   */
  readonly changedBy: { readonly members: readonly { readonly memberId: string; readonly name: string }[]; readonly unknown: boolean };
}

export function connectionSettingsState(community: Community, personal: PersonalDoc): ConnectionSettingsState {
  const current = readConnectionSettings(community);
  const inUse = effectiveConnectionSettings(community, personal);
  const usedIce = new Set(inUse.iceServers.map((server) => server.urls));
  return {
    current,
    inUse,
    waiting: canonicalKey(current) !== canonicalKey(inUse),
    pending: {
      signaling: current.signaling.filter((url) => !inUse.signaling.includes(url)),
      iceServers: current.iceServers.map((server) => server.urls).filter((url) => !usedIce.has(url)),
      relay: current.relay !== inUse.relay ? current.relay : '',
    },
    changedBy: writers(community),
  };
}

/**
 * Who wrote the settings: the Yjs client ids that wrote each key's current value, mapped
 * to members through the community's authors (each device records its client id when its
 * person opens the community). The document is not signed, so a hostile member can still
 * claim another member's device; this tells honest changes apart, it proves nothing.
 */
function writers(community: Community): ConnectionSettingsState['changedBy'] {
  const map = settingsMap(community);
  const clients = new Set<number>();
  for (const key of ['signaling', 'iceServers', 'relay']) {
    // Y.Map keeps the item holding each key's current value; its id says which client wrote it.
    const item = map._map.get(key);
    if (item && !item.deleted) clients.add(item.id.client);
  }
  const found = new Map<string, { memberId: string; name: string }>();
  let unknown = false;
  for (const client of clients) {
    const memberId = community.authors.get(String(client));
    if (typeof memberId === 'string') found.set(memberId, { memberId, name: community.member(memberId)?.name ?? '' });
    else unknown = true;
  }
  return { members: [...found.values()], unknown };
}

/** This person accepts the community's current settings: this device starts using them. */
export function confirmConnectionSettings(community: Community, personal: PersonalDoc): ConnectionSettings {
  const current = readConnectionSettings(community);
  remember(community, personal, current);
  return current;
}

function remember(community: Community, personal: PersonalDoc, settings: ConnectionSettings): void {
  personal.doc.transact(() => {
    confirmedMap(personal).set(community.id, canonicalKey(settings));
  }, localOrigin);
}

/**
 * Saves settings this person entered: confirmed on this device, then written to the
 * community. In that order, so whatever reconnects on the community's change already finds
 * them confirmed. Invalid settings throw before either is touched.
 */
export function saveConnectionSettings(community: Community, personal: PersonalDoc, settings: ConnectionSettings): ConnectionSettings {
  const parsed = connectionSettingsSchema.safeParse(settings);
  if (!parsed.success) throw zodRefusal(parsed.error, 'serverSettingsInvalid');
  remember(community, personal, parsed.data);
  return writeConnectionSettings(community, parsed.data);
}
