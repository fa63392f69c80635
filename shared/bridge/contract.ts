/**
 * The one interface between the UI and whatever shell hosts it.
 *
 * The desktop preload exposes an object that `satisfies CommonplaceBridge`; the renderer's
 * browser implementation satisfies it too. Where the two differ the bridge declares what it
 * can do (`capabilities`), so the UI never asks which shell it runs in.
 */

/** Which shell hosts the renderer: for the about box and bug reports, never for choosing behaviour. */
export type Shell = 'desktop' | 'browser';

/** What this shell can do, where shells differ. */
export interface BridgeCapabilities {
  /**
   * How `printToPdf` makes a PDF. `file`: it prints the booklet's parts (`toPrintParts`) into
   * one PDF and saves it, reporting progress. `printDialog`: it opens the print dialog on the
   * booklet as one HTML document, and the person saves the PDF from there.
   */
  readonly pdf: 'file' | 'printDialog';
  /** Whether `keepAutomaticBackup` keeps a second copy on disk; without it no backups are sent. */
  readonly automaticBackups: boolean;
}

export interface AppInfo {
  readonly shell: Shell;
  readonly version: string;
  /** `process.platform` on desktop, the browser's user-agent platform otherwise. */
  readonly platform: string;
}

export interface SaveFileRequest {
  /** File name offered to the person, e.g. `harvest-2026-11-21.md`. */
  readonly suggestedName: string;
  readonly mimeType: string;
  readonly data: Uint8Array | string;
}

export type SaveFileResult = { readonly saved: true; readonly name: string } | { readonly saved: false };

export interface OpenFileRequest {
  /** Extensions without the dot, e.g. `['md', 'markdown']`. */
  readonly extensions: readonly string[];
}

export interface OpenedFile {
  readonly name: string;
  readonly data: Uint8Array;
}

/** Where y-webrtc signaling can be reached, for live sync without a server on the internet. */
export interface SignalingEndpoints {
  /**
   * ws:// or wss:// URLs at which this device's own signaling endpoint is reachable, e.g. to
   * put in an invite code. Empty when this shell runs none.
   */
  readonly local: readonly string[];
  /** Other desktops' signaling endpoints found on the local network by mDNS. */
  readonly discovered: readonly string[];
}

export interface PrintToPdfRequest {
  /** Names this printing, so its progress can be asked for and it can be stopped. */
  readonly job: string;
  /**
   * The booklet as self-contained HTML documents (`toPrintParts`; a short booklet is one, the
   * HTML export itself), printed one after another into one PDF, with scripts off.
   */
  readonly parts: readonly string[];
  readonly suggestedName: string;
}

export interface PrintProgress {
  readonly done: number;
  readonly total: number;
}

export interface AutomaticBackupRequest {
  readonly communityId: string;
  /** A backup file (shared/backup), without the community secret. */
  readonly data: Uint8Array;
}

export type AutomaticBackupResult = { readonly kept: true; readonly count: number } | { readonly kept: false };

export interface CommonplaceBridge {
  readonly capabilities: BridgeCapabilities;
  getAppInfo(): Promise<AppInfo>;
  /** Opens an http(s) or mailto link outside the app; rejects any other scheme. */
  openExternal(url: string): Promise<void>;
  /** Desktop: a native save dialog. Browser: a download. */
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
  /** Desktop: a native open dialog. Browser: a file input. `null` when cancelled. */
  openFile(request: OpenFileRequest): Promise<OpenedFile | null>;
  /**
   * Desktop: this device's LAN signaling server and the ones announced nearby.
   * Browser: the serving origin's `/signal` when the page came from `npm run web`.
   */
  getSignalingEndpoints(): Promise<SignalingEndpoints>;
  /**
   * Desktop: asks where to save, prints the parts with Chromium's print engine
   * (webContents.printToPDF) into one PDF and saves it. Browser: opens the print dialog for
   * the one HTML document.
   */
  printToPdf(request: PrintToPdfRequest): Promise<SaveFileResult>;
  /**
   * Desktop: how many of a printing's parts are printed; `null` before it starts printing
   * (the save dialog is open) and after it ends. Browser: always `null`.
   */
  printProgress(job: string): Promise<PrintProgress | null>;
  /** Desktop: stops a printing: no further part is printed and nothing is saved. Browser: nothing to stop. */
  cancelPrint(job: string): Promise<void>;
  /**
   * Desktop: adds a backup to the rolling automatic backups in the user-data folder (the
   * second copy of everything, besides IndexedDB). Browser: nothing to do; `kept: false`.
   */
  keepAutomaticBackup(request: AutomaticBackupRequest): Promise<AutomaticBackupResult>;
  /**
   * Desktop: the passphrase automatic backups of the personal document are sealed with,
   * set once in Settings and kept by the system keychain (safeStorage); null forgets it.
   * It cannot be read back. Browser: rejects (no automatic backups).
   */
  setPersonalBackupPassphrase(passphrase: string | null): Promise<void>;
  /** Whether a passphrase is kept, so the personal document is in the automatic backups. */
  hasPersonalBackupPassphrase(): Promise<boolean>;
  /** Seals the personal document's state (Y.encodeStateAsUpdate) as a .cppb beside the communities' backups; `kept: false` without a passphrase. */
  keepPersonalBackup(state: Uint8Array): Promise<AutomaticBackupResult>;
}
