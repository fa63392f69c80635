import type { CommonplaceBridge } from './contract.js';

/** The bridge methods that cross into the main process (everything but constants). */
export type BridgeMethod = Exclude<keyof CommonplaceBridge, 'capabilities'>;

/**
 * Channel names, namespaced so a stray `invoke('x')` can never match one. Kept apart from
 * the schemas (shared/bridge/ipc.ts) so the sandboxed preload bundles no validation library.
 */
export const ipcChannels = {
  getAppInfo: 'commonplace:app:get-info',
  openExternal: 'commonplace:shell:open-external',
  saveFile: 'commonplace:files:save',
  openFile: 'commonplace:files:open',
  getSignalingEndpoints: 'commonplace:signaling:get-endpoints',
  printToPdf: 'commonplace:files:print-to-pdf',
  printProgress: 'commonplace:files:print-progress',
  cancelPrint: 'commonplace:files:cancel-print',
  keepAutomaticBackup: 'commonplace:backups:keep',
  setPersonalBackupPassphrase: 'commonplace:backups:set-personal-passphrase',
  hasPersonalBackupPassphrase: 'commonplace:backups:has-personal-passphrase',
  keepPersonalBackup: 'commonplace:backups:keep-personal',
} as const satisfies Record<BridgeMethod, `commonplace:${string}`>;

export type IpcArgs<M extends BridgeMethod> = Parameters<CommonplaceBridge[M]>;
export type IpcResult<M extends BridgeMethod> = Awaited<ReturnType<CommonplaceBridge[M]>>;
