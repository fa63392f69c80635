import type { SignalingEndpoints } from '../../shared/bridge/contract.js';
import { startLanSignaling, type LanSignaling } from './lanHost.js';
import { warnToConsole, type Warn } from './logging.js';

/**
 * The desktop app's LAN signaling for the lifetime of the process: started once after
 * `ready`, asked for its endpoints by the renderer, stopped once on quit. The app works
 * without it (a relay or an internet signaling server still can be used), so failing to
 * start is reported, never thrown. Kept out of electron/main so each of those rules is
 * tested without Electron.
 */
export interface LanSignalingService {
  /** Empty lists until the server is listening, and after it failed or stopped. */
  endpoints(): SignalingEndpoints;
  /**
   * Stops announcing and closes the server, waiting for a start still in progress.
   * Idempotent; resolves after at most `timeoutMs` so a stuck mDNS socket cannot hold up
   * quitting the app.
   */
  stop(timeoutMs?: number): Promise<void>;
}

export interface LanSignalingServiceOptions {
  /** `startLanSignaling` with its defaults; injectable for tests. */
  readonly start?: () => Promise<LanSignaling>;
  readonly warn?: Warn;
  /** Origins besides the app's own that may use the LAN server (the dev server's, in development). */
  readonly allowedOrigins?: readonly string[];
}

const none: SignalingEndpoints = { local: [], discovered: [] };

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function runLanSignaling(options: LanSignalingServiceOptions = {}): LanSignalingService {
  const warn = options.warn ?? warnToConsole;
  const start = options.start ?? (() => startLanSignaling({ warn, allowedOrigins: options.allowedOrigins }));
  let running: LanSignaling | undefined;
  let stopping = false;
  const starting: Promise<LanSignaling | undefined> = start().then(
    (host) => {
      if (!stopping) running = host;
      return host;
    },
    (error: unknown) => {
      warn(`lan signaling: could not start, so devices on this network will not find this one: ${describe(error)}`);
      return undefined;
    },
  );

  let stopped: Promise<void> | undefined;
  return {
    endpoints() {
      if (!running) return none;
      return { local: running.localUrls(), discovered: running.discovered() };
    },
    stop(timeoutMs = 3000) {
      stopping = true;
      running = undefined;
      stopped ??= starting
        .then((host) => host?.stop())
        .catch((error: unknown) => {
          warn(`lan signaling: could not stop cleanly: ${describe(error)}`);
        });
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          warn(`lan signaling: still stopping after ${timeoutMs} ms; quitting anyway.`);
          resolve();
        }, timeoutMs);
        timer.unref();
      });
      return Promise.race([stopped, deadline]).finally(() => {
        clearTimeout(timer);
      });
    },
  };
}
