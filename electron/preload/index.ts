import { contextBridge, ipcRenderer } from 'electron';
import type { CommonplaceBridge } from '../../shared/bridge/contract.js';
import { ipcChannels, type BridgeMethod, type IpcArgs, type IpcResult } from '../../shared/bridge/ipcChannels.js';

// The whole desktop surface the renderer sees. Nothing else of Electron or Node crosses:
// no ipcRenderer, no generic invoke, only these named calls on the channels of one map.
function invoke<M extends BridgeMethod>(method: M, ...args: IpcArgs<M>): Promise<IpcResult<M>> {
  return ipcRenderer.invoke(ipcChannels[method], ...args) as Promise<IpcResult<M>>;
}

const commonplace = {
  capabilities: { pdf: 'file', automaticBackups: true },
  getAppInfo: () => invoke('getAppInfo'),
  openExternal: (url) => invoke('openExternal', url),
  saveFile: (request) => invoke('saveFile', request),
  openFile: (request) => invoke('openFile', request),
  getSignalingEndpoints: () => invoke('getSignalingEndpoints'),
  printToPdf: (request) => invoke('printToPdf', request),
  printProgress: (job) => invoke('printProgress', job),
  cancelPrint: (job) => invoke('cancelPrint', job),
  keepAutomaticBackup: (request) => invoke('keepAutomaticBackup', request),
  setPersonalBackupPassphrase: (passphrase) => invoke('setPersonalBackupPassphrase', passphrase),
  hasPersonalBackupPassphrase: () => invoke('hasPersonalBackupPassphrase'),
  keepPersonalBackup: (state) => invoke('keepPersonalBackup', state),
} satisfies CommonplaceBridge;

contextBridge.exposeInMainWorld('commonplace', commonplace);
