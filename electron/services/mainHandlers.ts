import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PrintProgress, SignalingEndpoints } from '../../shared/bridge/contract.js';
import { decodeBackup } from '../../shared/backup/backupFile.js';
import { isExportCancelled } from '../../shared/export/progress.js';
import { writeRollingBackup } from './autoBackup.js';
import { keepPersonalBackup, type PassphraseKeeper } from './personalAutoBackup.js';
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
  /**
   * Prints a booklet's parts to one PDF in hidden, script-less windows (printBooklet.ts),
   * counting parts printed; rejects with `exportCancelled()` once `signal` is aborted.
   */
  renderPdf(parts: readonly string[], options: { readonly signal: AbortSignal; onProgress(done: number, total: number): void }): Promise<Uint8Array>;
  /** Where automatic backups go (userData/backups) and how many per community to keep. */
  readonly backups: { readonly folder: string; keep(): number };
  /** The passphrase of automatic personal backups, kept by the system keychain. */
  readonly personalBackupPassphrase: PassphraseKeeper;
}

export const largestOpenFile = 100 * 1024 * 1024;

/** The implementation behind every bridge call that crosses into the main process. */
export function createMainHandlers(ports: DesktopPorts): MainHandlers {
  // Printings under way, by the name the renderer gave each: what printProgress reports
  // and cancelPrint stops. A printing is forgotten when it ends, however it ends.
  const printing = new Map<string, { readonly stop: AbortController; progress: PrintProgress | null }>();
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
      if (printing.has(request.job)) throw new Error('That printing is already under way.');
      const job = { stop: new AbortController(), progress: null as PrintProgress | null };
      const stopped = (): boolean => job.stop.signal.aborted;
      printing.set(request.job, job);
      try {
        const chosen = await ports.chooseSavePath(request.suggestedName);
        if (!chosen || stopped()) return { saved: false };
        job.progress = { done: 0, total: request.parts.length };
        const onProgress = (done: number, total: number): void => {
          job.progress = { done, total };
        };
        let pdf: Uint8Array;
        try {
          pdf = await ports.renderPdf(request.parts, { signal: job.stop.signal, onProgress });
        } catch (failure) {
          if (isExportCancelled(failure)) return { saved: false };
          throw failure;
        }
        // Stopped after the last part was printed: still nothing is saved.
        if (stopped()) return { saved: false };
        await writeFile(chosen, pdf);
        return { saved: true, name: path.basename(chosen) };
      } finally {
        printing.delete(request.job);
      }
    },
    printProgress: (job) => Promise.resolve(printing.get(job)?.progress ?? null),
    cancelPrint: (job) => {
      printing.get(job)?.stop.abort();
      return Promise.resolve();
    },
    keepAutomaticBackup: async (request) => {
      // The renderer could be compromised: keep only a real backup of the community it names.
      const decoded = decodeBackup(request.data);
      if (decoded.meta.communityId !== request.communityId) throw new Error('That backup belongs to another community.');
      if (decoded.meta.secret) throw new Error('Automatic backups never include the community secret.');
      await writeRollingBackup({ folder: ports.backups.folder, communityId: request.communityId, bytes: request.data, keep: ports.backups.keep() });
      return { kept: true, count: ports.backups.keep() };
    },
    setPersonalBackupPassphrase: (passphrase) => ports.personalBackupPassphrase.set(passphrase),
    hasPersonalBackupPassphrase: async () => (await ports.personalBackupPassphrase.get()) !== null,
    keepPersonalBackup: async (state) => {
      const passphrase = await ports.personalBackupPassphrase.get();
      if (passphrase === null) return { kept: false };
      await keepPersonalBackup({ folder: ports.backups.folder, state, passphrase, keep: ports.backups.keep(), appVersion: ports.appVersion });
      return { kept: true, count: ports.backups.keep() };
    },
  };
}
