import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { isIPv4, isIPv6 } from 'node:net';
import { Bonjour, type Service } from 'bonjour-service';
import { z } from 'zod';
import { hostForUrl } from './listen.js';
import { warnToConsole, type Warn } from './logging.js';

/**
 * Finds Commonplace signaling servers on the local network with mDNS (DNS-SD), so people
 * in the same room connect with no server on the internet and nothing to type.
 *
 * Everything read from the network is validated: any device on the LAN can announce a
 * service of our type, and only well-formed announcements of our protocol are used.
 */

/** DNS-SD service type, announced as _commonplace-signal._tcp.local. */
export const signalingServiceType = 'commonplace-signal';
/** Bumped when the signaling protocol changes incompatibly; other versions are ignored. */
export const discoveryProtocolVersion = '1';

export interface SignalingEndpoint {
  /** ws://host:port of the announcing signaling server. */
  readonly url: string;
  readonly instanceId: string;
}

export interface LanDiscoveryOptions {
  /**
   * An mDNS instance to use (shared, or one bound elsewhere in tests). By default each
   * announce or browse makes its own and destroys it on stop.
   */
  readonly bonjour?: Bonjour;
  readonly warn?: Warn;
}

export interface Stoppable {
  stop(): Promise<void>;
}

const instanceIdPattern = /^[0-9a-f]{32}$/;

/** A random id for this process, so it recognises and skips its own announcement. */
export function createInstanceId(): string {
  return randomBytes(16).toString('hex');
}

// Loose: a later version may add TXT keys, which this one does not need to understand.
const txtSchema = z.looseObject({ v: z.string(), id: z.string().regex(instanceIdPattern) });
const announcedSchema = z.object({
  fqdn: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  txt: txtSchema,
  addresses: z.array(z.string()).optional(),
  referer: z.object({ address: z.string() }).optional(),
});

/**
 * The address to dial. The packet's source address comes first: it is the interface the
 * announcer actually reached us on, whereas its A records may list unreachable ones
 * (a VPN, a container bridge). IPv6 link-local addresses need a zone id a URL cannot
 * carry well, so they are skipped.
 */
function pickHost(addresses: readonly string[], referer: string | undefined): string | undefined {
  const candidates = [...(referer === undefined ? [] : [referer]), ...addresses];
  return candidates.find((address) => isIPv4(address)) ?? candidates.find((address) => isIPv6(address) && !/^fe80:/i.test(address));
}

/** The endpoint an announcement describes, or why it is not one we can use. */
export function endpointFromService(service: unknown): { ok: true; endpoint: SignalingEndpoint } | { ok: false; reason: string } {
  const parsed = announcedSchema.safeParse(service);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `malformed announcement (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})` };
  }
  const { txt, port, addresses, referer } = parsed.data;
  if (txt.v !== discoveryProtocolVersion) return { ok: false, reason: `protocol version ${JSON.stringify(txt.v.slice(0, 16))}, not ${discoveryProtocolVersion}` };
  const host = pickHost(addresses ?? [], referer?.address);
  if (host === undefined) return { ok: false, reason: 'no usable address' };
  return { ok: true, endpoint: { url: `ws://${hostForUrl(host)}:${port}`, instanceId: txt.id } };
}

/** A DNS label is at most 63 bytes, and a dot would split the service name. */
function serviceName(name: string, instanceId: string): string {
  const cleaned = name.replace(/[.\p{Cc}]/gu, ' ').trim() || 'Commonplace';
  let shown = cleaned;
  while (Buffer.byteLength(shown) > 40) shown = shown.slice(0, -1);
  // The id suffix keeps two devices with the same name from colliding during probing.
  return `${shown} ${instanceId.slice(0, 8)}`;
}

/**
 * multicast-dns emits 'error' when it cannot bind (EADDRINUSE, EACCES), and Bonjour does
 * not listen for it, which would crash the process. Bonjour keeps the emitter private,
 * so it is reached structurally.
 */
function reportMdnsErrors(bonjour: Bonjour, warn: Warn): void {
  const server: unknown = (bonjour as unknown as { server?: unknown }).server;
  const mdns: unknown = typeof server === 'object' && server !== null ? (server as { mdns?: unknown }).mdns : undefined;
  if (mdns instanceof EventEmitter) {
    mdns.on('error', (error: unknown) => {
      warn(`lan discovery: mDNS is unavailable: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}

/** Makes a Bonjour instance whose errors are reported rather than thrown. */
export function createBonjour(warn: Warn = warnToConsole): Bonjour {
  const bonjour = new Bonjour({}, (error: unknown) => {
    warn(`lan discovery: mDNS send failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  reportMdnsErrors(bonjour, warn);
  return bonjour;
}

function destroyBonjour(bonjour: Bonjour): Promise<void> {
  return new Promise((resolve) => {
    bonjour.destroy(() => {
      resolve();
    });
  });
}

export interface AnnounceOptions {
  readonly port: number;
  readonly instanceId: string;
  /** Human-readable, e.g. the device's name; shown by mDNS browsers. */
  readonly name: string;
}

export function announceSignaling(announcement: AnnounceOptions, options: LanDiscoveryOptions = {}): Stoppable {
  if (!instanceIdPattern.test(announcement.instanceId)) throw new RangeError('instanceId must be 32 lowercase hex characters (see createInstanceId).');
  const warn = options.warn ?? warnToConsole;
  const bonjour = options.bonjour ?? createBonjour(warn);
  const service = bonjour.publish({
    name: serviceName(announcement.name, announcement.instanceId),
    type: signalingServiceType,
    port: announcement.port,
    txt: { v: discoveryProtocolVersion, id: announcement.instanceId },
  });
  service.on('error', (error: unknown) => {
    warn(`lan discovery: could not announce: ${error instanceof Error ? error.message : String(error)}`);
  });
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        // Stopping sends a goodbye, so browsers drop us now rather than when the TTL runs out.
        // Typed only as CallableFunction; its signature is (callback?) => void.
        const stopService = service.stop as (callback: () => void) => void;
        await new Promise<void>((resolve) => {
          stopService(() => {
            resolve();
          });
        });
        if (!options.bonjour) await destroyBonjour(bonjour);
      })();
      return stopped;
    },
  };
}

export interface BrowseOptions {
  readonly onUp: (endpoint: SignalingEndpoint) => void;
  readonly onDown: (endpoint: SignalingEndpoint) => void;
  /** This process's own instance id: its own announcement is not reported. */
  readonly ignoreInstanceId?: string;
  /**
   * How often to ask again and drop announcements whose TTL ran out. A query is cheap,
   * and it finds a device whose announcement was lost on a busy network.
   */
  readonly refreshIntervalMs?: number;
  /**
   * Most endpoints held at once (default defaultMaxDiscovered). Any device on the LAN can
   * announce as many services as it likes, and y-webrtc opens a connection to each URL it
   * is given; announcements past the cap are ignored until one of the known goes away.
   */
  readonly maxEndpoints?: number;
}

export const defaultMaxDiscovered = 16;

export function browseSignaling(browse: BrowseOptions, options: LanDiscoveryOptions = {}): Stoppable {
  const warn = options.warn ?? warnToConsole;
  const bonjour = options.bonjour ?? createBonjour(warn);
  const known = new Map<string, SignalingEndpoint>();
  const maxEndpoints = browse.maxEndpoints ?? defaultMaxDiscovered;

  // These run inside multicast-dns's socket handler, where a throw would be uncaught and
  // end the process; a failing callback is reported instead.
  const report = (callback: (endpoint: SignalingEndpoint) => void, endpoint: SignalingEndpoint): void => {
    try {
      callback(endpoint);
    } catch (error) {
      warn(`lan discovery: a browse callback failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const remove = (fqdn: string): void => {
    const endpoint = known.get(fqdn);
    if (!endpoint) return;
    known.delete(fqdn);
    report(browse.onDown, endpoint);
  };

  const consider = (service: Service): void => {
    const fqdn = service.fqdn;
    const result = endpointFromService(service);
    if (!result.ok) {
      warn(`lan discovery: ignored ${JSON.stringify(fqdn.slice(0, 100))}: ${result.reason}`);
      remove(fqdn);
      return;
    }
    if (result.endpoint.instanceId === browse.ignoreInstanceId) return;
    const previous = known.get(fqdn);
    if (previous === undefined && known.size >= maxEndpoints) {
      warn(`lan discovery: ignored ${JSON.stringify(fqdn.slice(0, 100))}: already ${maxEndpoints} signaling servers found`);
      return;
    }
    if (previous?.url === result.endpoint.url && previous.instanceId === result.endpoint.instanceId) return;
    // A changed record (a restart on a new port) is reported as the old one going away.
    remove(fqdn);
    known.set(fqdn, result.endpoint);
    report(browse.onUp, result.endpoint);
  };

  const browser = bonjour.find({ type: signalingServiceType });
  browser.on('up', consider);
  browser.on('srv-update', consider);
  browser.on('txt-update', consider);
  browser.on('down', (service) => {
    remove(service.fqdn);
  });

  const refresh = setInterval(() => {
    browser.expire();
    browser.update();
  }, browse.refreshIntervalMs ?? 60_000);
  refresh.unref();

  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        clearInterval(refresh);
        browser.stop();
        known.clear();
        if (!options.bonjour) await destroyBonjour(bonjour);
      })();
      return stopped;
    },
  };
}
