// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import * as Y from 'yjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BridgeCapabilities, CommonplaceBridge, PrintToPdfRequest, SaveFileRequest, SaveFileResult } from '../../../shared/bridge/contract.js';
import { Community } from '../../../shared/model/Community.js';
import { PersonalDoc } from '../../../shared/model/PersonalDoc.js';
import { setHarvestConsent } from '../../../shared/model/sharing.js';
import { Workspace, type OpenCommunity } from '../../app/Workspace.js';
import { WorkspaceContext } from '../../app/WorkspaceContext.js';
import { initialiseI18n } from '../../i18n/index.js';
import type { ExportDialog as ExportDialogType } from './ExportDialog.js';

// The export dialog through React and the DOM (jsdom), with the real model, the real export
// writers (in the page: jsdom has no Worker, so runRender falls back as an old shell would)
// and a bridge set on window.commonplace, as the desktop preload sets it.

// React's act() checks this flag to know it is running in a test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// jsdom has <dialog> but not its modal methods; the dialog's own behaviour is tested in e2e.
const dialogMethods = HTMLDialogElement.prototype as Partial<Pick<HTMLDialogElement, 'showModal' | 'close'>>;
dialogMethods.showModal ??= function (this: HTMLDialogElement) {
  this.open = true;
};
dialogMethods.close ??= function (this: HTMLDialogElement) {
  this.open = false;
};

/** What the shell was asked to do, and how it answers. */
const shell = {
  capabilities: { pdf: 'file', automaticBackups: true } as BridgeCapabilities,
  saved: [] as SaveFileRequest[],
  printed: [] as PrintToPdfRequest[],
  cancelled: [] as string[],
  saveFile: (request: SaveFileRequest): Promise<SaveFileResult> => Promise.resolve({ saved: true, name: request.suggestedName }),
  printToPdf: (request: PrintToPdfRequest): Promise<SaveFileResult> => Promise.resolve({ saved: true, name: request.suggestedName }),
};
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
  openFile: () => Promise.resolve(null),
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

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };
let ExportDialog: typeof ExportDialogType;
let root: Root | null = null;

beforeAll(async () => {
  (window as { commonplace?: CommonplaceBridge }).commonplace = testBridge;
  // Imported after the bridge is set: renderer/bridge picks the shell's bridge when loaded.
  ({ ExportDialog } = await import('./ExportDialog.js'));
  await initialiseI18n('en');
});

beforeEach(() => {
  shell.capabilities = { pdf: 'file', automaticBackups: true };
  shell.saved = [];
  shell.printed = [];
  shell.cancelled = [];
  shell.saveFile = (request) => Promise.resolve({ saved: true, name: request.suggestedName });
  shell.printToPdf = (request) => Promise.resolve({ saved: true, name: request.suggestedName });
});

afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.replaceChildren();
});

function showDialog(): Community {
  const community = Community.create({ name: 'Care network', creator: amira });
  const personal = new PersonalDoc(new Y.Doc());
  community.glossary.create(amira.id, (e) => e.setTerm('Circle'));
  community.harvests.create(amira.id, (h) => {
    h.setTitle('Spring gathering');
    h.setSharedConsent('public');
  });
  community.harvests.create(amira.id, (h) => h.setTitle('Members-only circle'));
  const hard = community.harvests.create(amira.id, (h) => h.setTitle('Hard story'));
  setHarvestConsent(personal, community, hard.id, 'private');
  const opened = { community, readOnly: false } as unknown as OpenCommunity;
  act(() => {
    root = createRoot(document.body.appendChild(document.createElement('div')));
    root.render(createElement(WorkspaceContext.Provider, { value: new Workspace(personal) }, createElement(ExportDialog, { opened, onClose: () => undefined })));
  });
  return community;
}

const summary = (): string => document.querySelector('.export-summary')?.textContent ?? '';
const status = (): string => document.querySelector('[role="status"]')?.textContent ?? '';
const alertText = (): string => document.querySelector('[role="alert"]')?.textContent ?? '';
const saveButton = (): HTMLButtonElement => document.querySelector<HTMLButtonElement>('button[type="submit"]')!;

function choice(text: string): HTMLInputElement {
  const label = [...document.querySelectorAll('label')].find((l) => l.textContent.includes(text));
  const input = label?.querySelector('input');
  if (!input) throw new Error(`No choice "${text}"`);
  return input;
}

function click(element: HTMLElement): void {
  act(() => element.click());
}

function typeInto(input: HTMLInputElement, value: string): void {
  act(() => {
    // React listens for the native input event; set the value as a person typing would.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Lets the export run (render, save or print) until `done` holds. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (done()) return;
    await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
  }
  throw new Error(`Never: ${what}`);
}

describe('the export dialog', () => {
  it('shows what is included, and what is left out and why, for the audience chosen', () => {
    showDialog();
    expect(summary()).toContain('Included: 3 entries');
    expect(summary()).toContain('Circle');
    expect(summary()).toContain('Left out: 1 entry');
    expect(summary()).toMatch(/Hard story\s*It is private to you/);

    click(choice('People outside the community'));
    expect(summary()).toContain('Included: 2 entries');
    expect(summary()).toMatch(/Members-only circle\s*Its consent is for this community only/);
  });

  it('with chosen documents, asks for one before it can save', () => {
    showDialog();
    click(choice('Chosen documents'));
    expect(summary()).toContain('Tick at least one document to export.');
    expect(saveButton().disabled).toBe(true);
    // Private harvests are still offered by title, and left out with the reason if ticked.
    click(choice('Circle'));
    expect(summary()).toContain('Included: 1 entry');
    expect(saveButton().disabled).toBe(false);
  });

  it('leaves a section out when it is unticked', () => {
    showDialog();
    click(choice('Story harvests'));
    expect(summary()).toContain('Included: 1 entry');
    expect(summary()).not.toContain('Spring gathering');
  });

  it('saves the booklet under its title, and says so', async () => {
    showDialog();
    typeInto(document.querySelector<HTMLInputElement>('input:not([type])')!, 'Spring report');
    click(saveButton());
    await until(() => shell.saved.length > 0 && status().includes('Saved'), 'saved');
    expect(shell.saved).toHaveLength(1);
    expect(shell.saved[0]?.suggestedName).toBe('spring-report.md');
    expect(shell.saved[0]?.mimeType).toMatch(/^text\/markdown/);
    expect(String(shell.saved[0]?.data)).toContain('Spring gathering');
    expect(String(shell.saved[0]?.data)).not.toContain('Hard story');
    expect(status()).toBe('Saved spring-report.md');
  });

  it('says when the file was not saved, and when saving failed', async () => {
    showDialog();
    shell.saveFile = () => Promise.resolve({ saved: false });
    click(saveButton());
    await until(() => status() === 'The file was not saved.', 'not saved');

    shell.saveFile = () => Promise.reject(new Error('The disk is full.'));
    click(saveButton());
    await until(() => alertText() !== '', 'an error');
    expect(alertText()).toContain('The export could not be made');
    expect(shell.saved).toHaveLength(2);
  });

  it('prints a PDF the way the shell can: to a file in parts, or one document to the print dialog', async () => {
    showDialog();
    click(choice('PDF'));
    click(saveButton());
    await until(() => status() === 'Saved care-network.pdf', 'printed to a file');
    expect(shell.printed).toHaveLength(1);
    expect(shell.printed[0]?.suggestedName).toBe('care-network.pdf');

    shell.capabilities = { pdf: 'printDialog', automaticBackups: false };
    shell.printToPdf = () => Promise.resolve({ saved: false });
    click(saveButton());
    await until(() => shell.printed.length === 2 && status().includes('print dialog'), 'sent to the print dialog');
    expect(shell.printed[1]?.parts).toHaveLength(1);
    expect(shell.printed[1]?.parts[0]).toMatch(/^<!doctype html>/i);
    expect(shell.saved).toHaveLength(0);
  });

  it('stops a printing when asked: the shell is told, nothing is saved and the dialog says so', async () => {
    showDialog();
    let finish: (result: SaveFileResult) => void = () => undefined;
    shell.printToPdf = () => new Promise((resolve) => (finish = resolve));
    click(choice('PDF'));
    click(saveButton());
    await until(() => shell.printed.length === 1, 'printing');
    const stop = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Stop the export')!;
    click(stop);
    expect(shell.cancelled).toEqual([shell.printed[0]?.job]);
    // The shell answers a stopped printing with "not saved".
    act(() => {
      finish({ saved: false });
    });
    await until(() => status() === 'The export was stopped. Nothing was saved.', 'stopped');
    expect(saveButton().disabled).toBe(false);
  });
});
