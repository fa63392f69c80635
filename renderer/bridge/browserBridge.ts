import type { CommonplaceBridge, OpenedFile, SaveFileResult, SignalingEndpoints } from '../../shared/bridge/contract.js';
import { CommonplaceError } from '../../shared/CommonplaceError.js';
import { checkLink, externalLinkSchema } from '../../shared/links.js';

/** Where `npm run web` accepts signaling on its own origin (`signalingPath` in electron/services/webServer.ts). */
export const webSignalingPath = '/signal';

/**
 * A page served over http(s) by `npm run web` finds its peers through the same origin's
 * /signal, over ws:// or wss:// to match the page. Anything else (a file:// page, Vite's dev
 * server, which serves no /signal) has no endpoint of its own. A browser cannot browse mDNS,
 * so nothing is ever discovered.
 */
export function browserSignalingEndpoints(
  page: { readonly protocol: string; readonly host: string },
  devServer: boolean,
): SignalingEndpoints {
  const scheme = page.protocol === 'https:' ? 'wss:' : page.protocol === 'http:' ? 'ws:' : null;
  if (!scheme || !page.host || devServer) return { local: [], discovered: [] };
  return { local: [`${scheme}//${page.host}${webSignalingPath}`], discovered: [] };
}

/**
 * The browser implementation of the desktop bridge: downloads instead of save dialogs,
 * a file input instead of an open dialog. Same interface, same UI.
 */
export function createBrowserBridge(): CommonplaceBridge {
  return {
    // A page cannot write files on its own or print to one: the print dialog saves the PDF,
    // and IndexedDB is the only copy.
    capabilities: { pdf: 'printDialog', automaticBackups: false },
    getAppInfo: () => Promise.resolve({ shell: 'browser', version: __APP_VERSION__, platform: navigator.userAgent }),

    openExternal: (url) => {
      const check = checkLink(externalLinkSchema, url);
      if (!check.ok) return Promise.reject(new CommonplaceError(check.reason));
      // noopener: the opened page gets no handle back to Commonplace.
      window.open(check.url, '_blank', 'noopener,noreferrer');
      return Promise.resolve();
    },

    saveFile: (request): Promise<SaveFileResult> => {
      const blob = new Blob([request.data as BlobPart], { type: request.mimeType });
      const href = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = href;
      anchor.download = request.suggestedName;
      anchor.rel = 'noopener';
      anchor.style.display = 'none';
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      // Revoke later: some browsers read the blob after click() returns.
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
      return Promise.resolve({ saved: true, name: request.suggestedName });
    },

    openFile: (request) =>
      new Promise<OpenedFile | null>((resolve, reject) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.accept = request.extensions.map((extension) => `.${extension}`).join(',');
        input.style.display = 'none';
        input.dataset.commonplaceOpenFile = 'true';
        const finish = (): void => input.remove();
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          finish();
          if (!file) {
            resolve(null);
            return;
          }
          file.arrayBuffer().then(
            (buffer) => resolve({ name: file.name, data: new Uint8Array(buffer) }),
            (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
          );
        });
        input.addEventListener('cancel', () => {
          finish();
          resolve(null);
        });
        document.body.append(input);
        input.click();
      }),

    getSignalingEndpoints: () => Promise.resolve(browserSignalingEndpoints(window.location, import.meta.env.DEV)),

    // The browser's own print dialog offers "Save as PDF"; the HTML runs in a sandboxed
    // frame with scripts off (it has none anyway), removed once printing is done. A print
    // dialog takes one document, so the export sends the whole booklet as one part here.
    printToPdf: (request) =>
      new Promise<SaveFileResult>((resolve, reject) => {
        const [html, ...more] = request.parts;
        if (html === undefined || more.length > 0) {
          reject(new Error('The browser prints a booklet as one document; this one came in parts.'));
          return;
        }
        const frame = document.createElement('iframe');
        frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
        frame.style.position = 'fixed';
        frame.style.width = '0';
        frame.style.height = '0';
        frame.style.border = '0';
        frame.title = request.suggestedName;
        frame.srcdoc = html;
        frame.addEventListener('load', () => {
          frame.contentWindow?.print();
          setTimeout(() => frame.remove(), 1000);
          resolve({ saved: false });
        });
        document.body.append(frame);
      }),

    // The print dialog is the browser's: nothing to follow or stop from here.
    printProgress: () => Promise.resolve(null),
    cancelPrint: () => Promise.resolve(),

    // Automatic file backups are a desktop feature; in a browser IndexedDB is the only copy.
    keepAutomaticBackup: () => Promise.resolve({ kept: false }),
    setPersonalBackupPassphrase: () => Promise.reject(new Error('Automatic backups are kept by the desktop app only.')),
    hasPersonalBackupPassphrase: () => Promise.resolve(false),
    keepPersonalBackup: () => Promise.resolve({ kept: false }),
  };
}
