import { availableParallelism } from 'node:os';
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, safeStorage, screen, session, shell } from 'electron';
import { securityHeaders } from '../services/contentSecurity.js';
import { createSenderCheck, guardAllHandlers } from '../services/ipcGuard.js';
import { devServerUrlToUse } from '../services/devServer.js';
import { runLanSignaling, type LanSignalingService } from '../services/lanService.js';
import { defaultDesktopSettings, loadDesktopSettings } from '../services/desktopSettings.js';
import { createMainHandlers } from '../services/mainHandlers.js';
import { createPassphraseKeeper } from '../services/personalAutoBackup.js';
import { readStaticFile } from '../services/staticFiles.js';
import { printBooklet, printingLanes } from '../services/printBooklet.js';
import { printableAreaPx, printPage } from '../services/printLayout.js';
import { allowNavigation, allowPermission, decideWindowOpen } from '../services/webGuards.js';
import { loadWindowState, placeOnDisplays, saveWindowState } from '../services/windowState.js';
import { buildMenuTemplate } from './menu.js';

/*
 * Thin glue between Electron and the plain Node services in ../services. Every decision
 * (what may navigate, which sender is ours, what a link may be) is made there and tested
 * without Electron; this file only wires those decisions to Electron's events.
 */

const APP_ORIGIN = 'app://commonplace';
// Honoured only by an unpackaged app (see devServer.ts); a bad value stops `npm run dev` loudly.
const devServerUrl = devServerUrlToUse(process.env.VITE_DEV_SERVER_URL, app.isPackaged);
const rendererRoot = path.join(__dirname, '..', 'renderer');
const windowStateFile = (): string => path.join(app.getPath('userData'), 'window-state.json');

// Must run before `ready`: app:// behaves like https (secure, standard origin, storage).
protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

let mainWindow: BrowserWindow | null = null;
// Started after `ready`, stopped on quit; undefined before, and once stopping began.
let lanSignaling: LanSignalingService | undefined;

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function createMainWindow(): Promise<void> {
  const placement = placeOnDisplays(
    await loadWindowState(windowStateFile()),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const window = new BrowserWindow({
    ...placement,
    minWidth: 400,
    minHeight: 300,
    show: false,
    title: 'Commonplace',
    backgroundColor: '#f7f5f0',
    webPreferences: {
      // Electronegativity PRELOAD_JS_CHECK asks for a review of every preload. Reviewed: it
      // runs sandboxed and exposes only the named calls of CommonplaceBridge through
      // contextBridge, never ipcRenderer or a generic invoke (electron/preload/index.ts).
      preload: path.join(__dirname, 'preload.cjs'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: true,
      // Middle-click (auxclick) must not be a way around the window-open handler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow = window;
  if (placement.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    void saveWindowState(windowStateFile(), { ...bounds, maximized: window.isMaximized() }).catch(() => undefined);
  });
  window.on('closed', () => {
    mainWindow = null;
  });
  await window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}

function registerAppProtocol(): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'commonplace') return new Response('Not found', { status: 404 });
    const file = await readStaticFile(rendererRoot, url.pathname);
    return new Response(new Uint8Array(file.body), {
      status: file.status,
      headers: { 'Content-Type': file.contentType, ...securityHeaders },
    });
  });
}

function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(allowPermission(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => allowPermission(permission));
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!allowNavigation(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!allowNavigation(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = decideWindowOpen(url);
      // Electronegativity OPEN_EXTERNAL_JS_CHECK: the URL has passed externalLinkSchema in
      // decideWindowOpen (http, https, mailto only; tested in webGuards.test.ts).
      if (decision.openExternally) void shell.openExternal(decision.openExternally); // eng-disable OPEN_EXTERNAL_JS_CHECK
      return { action: decision.action };
    });
  });
}

function chooseSavePath(suggestedName: string): Promise<string | null> {
  const options = { defaultPath: suggestedName };
  const choice = mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options);
  return choice.then((result) => (result.canceled || !result.filePath ? null : result.filePath));
}

function chooseOpenPath(extensions: readonly string[]): Promise<string | null> {
  const options = { properties: ['openFile' as const], filters: [{ name: extensions.join(', '), extensions: [...extensions] }] };
  const choice = mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options);
  return choice.then((result) => (result.canceled ? null : (result.filePaths[0] ?? null)));
}

let desktopSettings = defaultDesktopSettings;

/**
 * Prints a booklet's parts with Chromium's print engine, several hidden windows at once
 * (printBooklet.ts says why), and joins them into one PDF.
 */
function renderPdf(parts: readonly string[], options: { readonly signal: AbortSignal; onProgress(done: number, total: number): void }): Promise<Uint8Array> {
  return printBooklet(parts, printPart, { ...options, concurrency: printingLanes(availableParallelism()) });
}

/**
 * Prints one HTML document in a hidden window that runs no script, has no preload and
 * cannot navigate (the web-contents guards apply to it too).
 */
async function printPart(html: string): Promise<Uint8Array> {
  // Laid out as it will print (printLayout.ts says why): the printable width, print media.
  const area = printableAreaPx();
  const printer = new BrowserWindow({
    show: false,
    width: area.width,
    height: area.height,
    useContentSize: true,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, disableBlinkFeatures: 'Auxclick' },
  });
  const devtools = printer.webContents.debugger;
  try {
    devtools.attach('1.3');
    await devtools.sendCommand('Emulation.setEmulatedMedia', { media: 'print' });
    await printer.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
    return new Uint8Array(await printer.webContents.printToPDF({ printBackground: true, pageSize: printPage.size }));
  } finally {
    if (devtools.isAttached()) devtools.detach();
    printer.destroy();
  }
}

function registerIpc(): void {
  const trusted = [APP_ORIGIN, ...(devServerUrl ? [new URL(devServerUrl).origin] : [])];
  const handlers = createMainHandlers({
    appVersion: app.getVersion(),
    platform: process.platform,
    // Electronegativity OPEN_EXTERNAL_JS_CHECK: this port is called only by
    // openExternalSafely, after externalLinkSchema (tested in webGuards.test.ts and ipcGuard.test.ts).
    openExternal: (url) => shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK
    chooseSavePath,
    chooseOpenPath,
    signalingEndpoints: () => lanSignaling?.endpoints() ?? { local: [], discovered: [] },
    renderPdf,
    backups: { folder: path.join(app.getPath('userData'), 'backups'), keep: () => desktopSettings.backups.keep },
    personalBackupPassphrase: createPassphraseKeeper(path.join(app.getPath('userData'), 'personal-backup-passphrase'), safeStorage),
  });
  for (const { channel, listener } of guardAllHandlers(handlers, createSenderCheck(trusted))) {
    ipcMain.handle(channel, listener);
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow) void createMainWindow();
  });
  app.on('before-quit', (event) => {
    const running = lanSignaling;
    if (!running) return;
    // Hold the quit until the mDNS goodbye is out and the server closed (stop() is bounded
    // by a timeout), so other devices drop this one at once; then quit for real.
    lanSignaling = undefined;
    event.preventDefault();
    void running.stop().finally(() => {
      app.quit();
    });
  });
  void app.whenReady().then(async () => {
    hardenSessions();
    registerAppProtocol();
    desktopSettings = await loadDesktopSettings(path.join(app.getPath('userData'), 'settings.json'));
    registerIpc();
    // In development the renderer's origin is the dev server's, so the LAN server must accept it.
    lanSignaling = runLanSignaling({ allowedOrigins: devServerUrl ? [new URL(devServerUrl).origin] : [] });
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(process.platform, app.name)));
    await createMainWindow();
  });
}
