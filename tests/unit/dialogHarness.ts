import { act, createElement, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { BridgeCapabilities, CommonplaceBridge, OpenedFile, OpenFileRequest, PrintToPdfRequest, SaveFileRequest, SaveFileResult } from '../../shared/bridge/contract.js';
import type { Workspace } from '../../renderer/app/Workspace.js';
import { WorkspaceContext } from '../../renderer/app/WorkspaceContext.js';

// Dialogs through React and the DOM (jsdom) with the real model, and a bridge set on
// window.commonplace as the desktop preload sets it. A test file using this starts with
// `// @vitest-environment jsdom` and imports the dialog after `installBridge()`: renderer/bridge
// picks the shell's bridge when it is loaded.

// React's act() checks this flag to know it is running in a test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** What the shell was asked to do, and how it answers; tests change the answers. */
export interface TestShell {
  capabilities: BridgeCapabilities;
  saved: SaveFileRequest[];
  printed: PrintToPdfRequest[];
  cancelled: string[];
  /** Files the next "Choose a file…" clicks get, in order; none left is a cancelled picker. */
  files: OpenedFile[];
  saveFile: (request: SaveFileRequest) => Promise<SaveFileResult>;
  printToPdf: (request: PrintToPdfRequest) => Promise<SaveFileResult>;
}

export const shell: TestShell = {
  capabilities: { pdf: 'file', automaticBackups: true },
  saved: [],
  printed: [],
  cancelled: [],
  files: [],
  saveFile: (request) => Promise.resolve({ saved: true, name: request.suggestedName }),
  printToPdf: (request) => Promise.resolve({ saved: true, name: request.suggestedName }),
};

/** Back to a shell that saves whatever it is given and has no file waiting. */
export function resetShell(): void {
  shell.capabilities = { pdf: 'file', automaticBackups: true };
  shell.saved = [];
  shell.printed = [];
  shell.cancelled = [];
  shell.files = [];
  shell.saveFile = (request) => Promise.resolve({ saved: true, name: request.suggestedName });
  shell.printToPdf = (request) => Promise.resolve({ saved: true, name: request.suggestedName });
}

const testBridge: CommonplaceBridge = {
  get capabilities() {
    return shell.capabilities;
  },
  getAppInfo: () => Promise.resolve({ shell: 'desktop', version: 'test', platform: 'test' }),
  openExternal: () => Promise.resolve(),
  saveFile: (request) => {
    shell.saved.push(request);
    return shell.saveFile(request);
  },
  openFile: (_request: OpenFileRequest) => Promise.resolve(shell.files.shift() ?? null),
  getSignalingEndpoints: () => Promise.resolve({ local: [], discovered: [] }),
  printToPdf: (request) => {
    shell.printed.push(request);
    return shell.printToPdf(request);
  },
  printProgress: () => Promise.resolve(null),
  cancelPrint: (job) => {
    shell.cancelled.push(job);
    return Promise.resolve();
  },
  keepAutomaticBackup: () => Promise.resolve({ kept: false }),
  setPersonalBackupPassphrase: () => Promise.resolve(),
  hasPersonalBackupPassphrase: () => Promise.resolve(false),
  keepPersonalBackup: () => Promise.resolve({ kept: false }),
};

/** Sets the test bridge where the preload would, and gives jsdom's <dialog> its modal methods. */
export function installBridge(): void {
  (window as { commonplace?: CommonplaceBridge }).commonplace = testBridge;
  // jsdom has <dialog> but not its modal methods; the dialog's own behaviour is tested in e2e.
  const dialogMethods = HTMLDialogElement.prototype as Partial<Pick<HTMLDialogElement, 'showModal' | 'close'>>;
  dialogMethods.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  dialogMethods.close ??= function (this: HTMLDialogElement) {
    this.open = false;
  };
}

let root: Root | null = null;

/** Renders `dialog` inside `workspace`, as the app does. */
export function show(workspace: Workspace, dialog: ReactElement): void {
  act(() => {
    root = createRoot(document.body.appendChild(document.createElement('div')));
    root.render(createElement(WorkspaceContext.Provider, { value: workspace }, dialog));
  });
}

export function unmount(): void {
  act(() => root?.unmount());
  root = null;
  document.body.replaceChildren();
}

export const statusText = (): string => document.querySelector('[role="status"]')?.textContent ?? '';
export const alertText = (): string => document.querySelector('[role="alert"]')?.textContent ?? '';

/** The input of the choice (radio button or checkbox) whose label says `text`. */
export function choice(text: string): HTMLInputElement {
  const label = [...document.querySelectorAll('label')].find((l) => l.textContent.includes(text));
  const input = label?.querySelector('input');
  if (!input) throw new Error(`No choice "${text}"`);
  return input;
}

/** The button that says exactly `text`. */
export function button(text: string): HTMLButtonElement {
  const found = [...document.querySelectorAll('button')].find((b) => b.textContent === text);
  if (!found) throw new Error(`No button "${text}"`);
  return found;
}

export function click(element: HTMLElement): void {
  act(() => element.click());
}

export function typeInto(input: HTMLInputElement, value: string): void {
  act(() => {
    // React listens for the native input event; set the value as a person typing would.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Lets promises and timers run (a file read, an export) until `done` holds. */
export async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (done()) return;
    await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
  }
  throw new Error(`Never: ${what}`);
}
