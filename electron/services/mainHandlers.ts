import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SignalingEndpoints } from '../../shared/bridge.js';
import { decodeBackup } from '../../shared/backup/backupFile.js';
import { writeRollingBackup } from './autoBackup.js';
import type { MainHandlers } from './ipcGuard.js';
import { openExternalSafely } from './webGuards.js';

/**
 * What the handlers need from Electron, as plain functions. The glue passes Electron's
 * dialogs and shell; tests pass spies, so "a refused call does nothing" is observable.
 */
export interface DesktopPorts {
  readonly appVersion: string;
  readonly platform: string;
  openExternal(url: string): Promise<void>;
  /** Native save dialog; `null` when the person cancels. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /** Native open dialog; `null` when the person cancels. */
  chooseOpenPath(extensions: readonly string[]): Promise<string | null>;
  /** This device's LAN signaling URLs and the ones found nearby (see lanService.ts). */
  signalingEndpoints(): SignalingEndpoints;
  /** Prints a booklet's parts to one PDF in hidden, script-less windows (printBooklet.ts). */
  renderPdf(parts: readonly string[]): Promise<Uint8Array>;
  /** Where automatic backups go (userData/backups) and how many per community to keep. */
  readonly backups: { readonly folder: string; keep(): number };
}

export const largestOpenFile = 100 * 1024 * 1024;

/** The implementation behind every bridge call that crosses into the main process. */
export function createMainHandlers(ports: DesktopPorts): MainHandlers {
  return {
    getAppInfo: () => Promise.resolve({ shell: 'desktop', version: ports.appVersion, platform: ports.platform }),
    // Electronegativity OPEN_EXTERNAL_JS_CHECK: `safe` has passed externalLinkSchema in
    // openExternalSafely (http, https, mailto only; tested in webGuards.test.ts).
    openExternal: (url) => openExternalSafely(url, (safe) => ports.openExternal(safe)), // eng-disable OPEN_EXTERNAL_JS_CHECK
    saveFile: async (request) => {
      const chosen = await ports.chooseSavePath(request.suggestedName);
      if (!chosen) return { saved: false };
      await writeFile(chosen, request.data);
      return { saved: true, name: path.basename(chosen) };
    },
    openFile: async (request) => {
      const chosen = await ports.chooseOpenPath(request.extensions);
      if (!chosen) return null;
      if ((await stat(chosen)).size > largestOpenFile) throw new Error('That file is larger than 100 MB, too large to open.');
      return { name: path.basename(chosen), data: new Uint8Array(await readFile(chosen)) };
    },
    getSignalingEndpoints: () => Promise.resolve(ports.signalingEndpoints()),
    printToPdf: async (request) => {
      const chosen = await ports.chooseSavePath(request.suggestedName);
      if (!chosen) return { saved: false };
      await writeFile(chosen, await ports.renderPdf(request.parts));
      return { saved: true, name: path.basename(chosen) };
    },
    keepAutomaticBackup: async (request) => {
      // The renderer could be compromised: keep only a real backup of the community it names.
      const decoded = decodeBackup(request.data);
      if (decoded.meta.communityId !== request.communityId) throw new Error('That backup belongs to another community.');
      if (decoded.meta.secret) throw new Error('Automatic backups never include the community secret.');
      await writeRollingBackup({ folder: ports.backups.folder, communityId: request.communityId, bytes: request.data, keep: ports.backups.keep() });
      return { kept: true, count: ports.backups.keep() };
    },
  };
}
