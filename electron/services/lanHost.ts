import { networkInterfaces as osNetworkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { Bonjour } from 'bonjour-service';
import { announceSignaling, browseSignaling, createBonjour, createInstanceId, type Stoppable } from './lanDiscovery.js';
import { warnToConsole, type Warn } from './logging.js';
import { allowOrigins, startSignalingServer, type RunningSignalingServer, type SignalingLimits } from './signaling.js';

/**
 * Live sync in a room with no internet: this device runs a signaling server on the LAN,
 * announces it over mDNS and collects the ones other devices announce. The desktop main
 * process starts it and hands the URLs to y-webrtc; it is plain Node so it is tested here.
 */

export interface LanSignalingOptions {
  /** 0 (the default) picks any free port. */
  readonly port?: number;
  /** 0.0.0.0 by default, since others on the LAN must reach it. */
  readonly host?: string;
  /**
   * Shown by mDNS browsers. Deliberately not the computer's hostname by default, which
   * often carries its owner's name.
   */
  readonly name?: string;
  readonly limits?: Partial<SignalingLimits>;
  /**
   * Browser origins besides the app's own that may connect. Other devices' apps come as
   * app://commonplace; any other web page is refused (see allowOrigins).
   */
  readonly allowedOrigins?: readonly string[];
  /** Most signaling servers taken from mDNS at once; see browseSignaling. */
  readonly maxDiscovered?: number;
  readonly warn?: Warn;
  /** An mDNS instance to use; by default one is made and destroyed on stop. */
  readonly bonjour?: Bonjour;
  /** Where local addresses come from; injectable so tests do not depend on the machine. */
  readonly networkInterfaces?: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
}

export interface LanSignaling {
  /** Announced in TXT so this process can skip its own announcement. */
  readonly instanceId: string;
  readonly port: number;
  /** ws://<address>:<port> for each non-internal IPv4 address of this device. */
  localUrls(): string[];
  /** Signaling servers other devices announce, sorted, without our own. */
  discovered(): string[];
  /** Called with discovered() whenever it changes; returns an unsubscribe. */
  onChange(listener: (discovered: string[]) => void): () => void;
  stop(): Promise<void>;
}

export async function startLanSignaling(options: LanSignalingOptions = {}): Promise<LanSignaling> {
  const warn = options.warn ?? warnToConsole;
  const readInterfaces = options.networkInterfaces ?? osNetworkInterfaces;
  const instanceId = createInstanceId();
  const server: RunningSignalingServer = await startSignalingServer({
    host: options.host ?? '0.0.0.0',
    port: options.port ?? 0,
    limits: options.limits,
    allowOrigin: allowOrigins(options.allowedOrigins),
    warn,
  });

  const byInstance = new Map<string, string>();
  const listeners = new Set<(discovered: string[]) => void>();
  const discovered = (): string[] => [...new Set(byInstance.values())].sort();
  const changed = (): void => {
    const current = discovered();
    for (const listener of [...listeners]) {
      try {
        listener(current);
      } catch (error) {
        // One failing listener must not stop the others from hearing about the change.
        warn(`lan signaling: a change listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  let bonjour: Bonjour | undefined;
  let announcement: Stoppable | undefined;
  let browsing: Stoppable | undefined;
  try {
    // One mDNS socket for both announcing and browsing.
    bonjour = options.bonjour ?? createBonjour(warn);
    announcement = announceSignaling({ port: server.port, instanceId, name: options.name ?? 'Commonplace' }, { bonjour, warn });
    browsing = browseSignaling(
      {
        ignoreInstanceId: instanceId,
        maxEndpoints: options.maxDiscovered,
        onUp: (endpoint) => {
          if (byInstance.get(endpoint.instanceId) === endpoint.url) return;
          byInstance.set(endpoint.instanceId, endpoint.url);
          changed();
        },
        onDown: (endpoint) => {
          // Only if it is still the address we hold: a restart may already have replaced it.
          if (byInstance.get(endpoint.instanceId) !== endpoint.url) return;
          byInstance.delete(endpoint.instanceId);
          changed();
        },
      },
      { bonjour, warn },
    );
  } catch (error) {
    await announcement?.stop();
    if (bonjour && !options.bonjour) bonjour.destroy();
    await server.close();
    throw error;
  }

  const ownBonjour = options.bonjour ? undefined : bonjour;
  let stopped: Promise<void> | undefined;
  return {
    instanceId,
    port: server.port,
    localUrls() {
      return Object.values(readInterfaces())
        .flatMap((entries) => entries ?? [])
        .filter((entry) => entry.family === 'IPv4' && !entry.internal)
        .map((entry) => `ws://${entry.address}:${server.port}`);
    },
    discovered,
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    stop() {
      stopped ??= (async () => {
        listeners.clear();
        await browsing.stop();
        // The goodbye goes out before the socket closes, so others drop us at once.
        await announcement.stop();
        if (ownBonjour) {
          await new Promise<void>((resolve) => {
            ownBonjour.destroy(() => {
              resolve();
            });
          });
        }
        await server.close();
      })();
      return stopped;
    },
  };
}
