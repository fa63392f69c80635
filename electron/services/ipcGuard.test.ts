import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { exportCancelled } from '../../shared/export/progress.js';
import { ipcContract, type BridgeMethod } from '../../shared/bridge/ipc.js';
import { createSenderCheck, guardAllHandlers, guardHandler, IpcRefusal, type IpcSenderEvent } from './ipcGuard.js';
import { createMainHandlers, type DesktopPorts } from './mainHandlers.js';

const ours: IpcSenderEvent = { senderFrame: { url: 'app://commonplace/index.html' } };
const strangers: Record<string, IpcSenderEvent> = {
  'another origin': { senderFrame: { url: 'https://evil.example/index.html' } },
  'a file:// page': { senderFrame: { url: 'file:///tmp/index.html' } },
  'a look-alike host': { senderFrame: { url: 'app://commonplace.evil/index.html' } },
  'a destroyed frame': { senderFrame: null },
  'a garbage url': { senderFrame: { url: 'not a url' } },
};
const isTrusted = createSenderCheck(['app://commonplace']);

type SpiedPort = 'openExternal' | 'chooseSavePath' | 'chooseOpenPath' | 'signalingEndpoints' | 'renderPdf';
const spiedPorts: readonly SpiedPort[] = ['openExternal', 'chooseSavePath', 'chooseOpenPath', 'signalingEndpoints', 'renderPdf'];
let backupsFolder = '';

function spyPorts(): DesktopPorts & { [K in SpiedPort]: ReturnType<typeof vi.fn> } {
  return {
    appVersion: '1.2.3',
    platform: 'linux',
    openExternal: vi.fn(() => Promise.resolve()),
    chooseSavePath: vi.fn(() => Promise.resolve(null)),
    chooseOpenPath: vi.fn(() => Promise.resolve(null)),
    signalingEndpoints: vi.fn(() => ({ local: ['ws://192.168.1.20:41234'], discovered: ['ws://192.168.1.31:40001'] })),
    renderPdf: vi.fn((_parts: readonly string[], _options: Parameters<DesktopPorts['renderPdf']>[1]) => Promise.resolve(new TextEncoder().encode('%PDF-1.7 fake'))),
    backups: { folder: backupsFolder, keep: () => 3 },
    personalBackupPassphrase: { set: () => Promise.resolve(), get: () => Promise.resolve(null) },
  };
}

function expectNothingDone(ports: ReturnType<typeof spyPorts>, label: string): void {
  for (const port of spiedPorts) expect(ports[port], `${label}: ${port}`).not.toHaveBeenCalled();
}

// A valid call per handler, and malformed calls that must be refused before any work.
const printJob = '6f1c0f7e-3b1a-4c5e-9a51-1d2e3f405162';
const validArgs: Record<BridgeMethod, unknown[]> = {
  getAppInfo: [],
  openExternal: ['https://example.org/a'],
  saveFile: [{ suggestedName: 'harvest.md', mimeType: 'text/markdown', data: '# Hi' }],
  openFile: [{ extensions: ['md'] }],
  getSignalingEndpoints: [],
  printToPdf: [{ job: printJob, parts: ['<!doctype html><p>Booklet</p>', '<!doctype html><p>Part two</p>'], suggestedName: 'booklet.pdf' }],
  printProgress: [printJob],
  cancelPrint: [printJob],
  keepAutomaticBackup: [{ communityId: 'c0ffee00-1234', data: new Uint8Array([1, 2, 3]) }],
  setPersonalBackupPassphrase: ['river of stories at dawn'],
  hasPersonalBackupPassphrase: [],
  keepPersonalBackup: [new Uint8Array([1, 2, 3])],
};
const malformedArgs: Record<BridgeMethod, unknown[][]> = {
  getAppInfo: [['extra']],
  openExternal: [[], [42], ['javascript:alert(1)'], ['file:///etc/passwd'], ['data:text/html,<script>'], ['https://ok.org', 'extra']],
  saveFile: [
    [],
    [{ suggestedName: '../../.bashrc', mimeType: 'text/plain', data: 'x' }],
    [{ suggestedName: '', mimeType: 'text/plain', data: 'x' }],
    [{ suggestedName: 'a.md', mimeType: 'text/plain', data: 42 }],
    [{ suggestedName: 'a.md', mimeType: 'text/plain', data: 'x', path: '/etc/passwd' }],
  ],
  openFile: [[], [{ extensions: [] }], [{ extensions: ['../x'] }], ['md']],
  getSignalingEndpoints: [['extra'], [{}], [undefined], [null, null]],
  printToPdf: [
    [],
    [{ job: printJob, parts: [], suggestedName: 'a.pdf' }],
    [{ job: printJob, parts: [''], suggestedName: 'a.pdf' }],
    [{ job: printJob, parts: ['<p>x</p>', 42], suggestedName: 'a.pdf' }],
    [{ job: printJob, parts: '<p>x</p>', suggestedName: 'a.pdf' }],
    [{ job: printJob, html: '<p>x</p>', suggestedName: 'a.pdf' }],
    [{ job: printJob, parts: ['<p>x</p>'], suggestedName: 'a.exe' }],
    [{ job: printJob, parts: ['<p>x</p>'], suggestedName: '../a.pdf' }],
    [{ parts: ['<p>x</p>'], suggestedName: 'a.pdf' }],
    [{ job: '../../x', parts: ['<p>x</p>'], suggestedName: 'a.pdf' }],
  ],
  printProgress: [[], [42], ['../etc'], ['short'], [printJob, 'extra']],
  cancelPrint: [[], [{}], ['x'.repeat(65)], [null]],
  keepAutomaticBackup: [[], [{ communityId: '../../etc', data: new Uint8Array([1]) }], [{ communityId: 'c0ffee00-1234', data: new Uint8Array() }], [{ communityId: 'c0ffee00-1234', data: 'bytes' }], [{ communityId: 'c0ffee00-1234', data: new Uint8Array([1]), extra: 1 }]],
  setPersonalBackupPassphrase: [[], [''], [42], ['x'.repeat(1001)], ['a long passphrase', 'extra']],
  hasPersonalBackupPassphrase: [['extra']],
  keepPersonalBackup: [[], [new Uint8Array()], ['bytes'], [new Uint8Array([1]), 'extra']],
};

describe('IPC guard', () => {
  const methods = Object.keys(ipcContract) as BridgeMethod[];

  it.each(methods)('%s refuses every untrusted sender and does nothing', async (method) => {
    for (const [label, event] of Object.entries(strangers)) {
      const ports = spyPorts();
      const handler = guardHandler(method, createMainHandlers(ports)[method] as never, isTrusted);
      await expect(handler(event, ...validArgs[method]), label).rejects.toThrow(/did not come from Commonplace's own window/);
      expectNothingDone(ports, label);
    }
  });

  it.each(methods)('%s refuses malformed arguments with a clear error and does nothing', async (method) => {
    for (const args of malformedArgs[method]) {
      const ports = spyPorts();
      const handler = guardHandler(method, createMainHandlers(ports)[method] as never, isTrusted);
      const call = handler(ours, ...args);
      await expect(call).rejects.toBeInstanceOf(IpcRefusal);
      await expect(call).rejects.toThrow(new RegExp(`Refused ${ipcContract[method].channel}: .+`));
      expectNothingDone(ports, JSON.stringify(args));
    }
  });

  it('registers one guarded listener per channel of the contract', () => {
    const registered = guardAllHandlers(createMainHandlers(spyPorts()), isTrusted);
    expect(registered.map((r) => r.channel).sort()).toEqual(Object.values(ipcContract).map((c) => c.channel).sort());
  });

  it('accepts the dev server origin only when it is configured', () => {
    const dev = { senderFrame: { url: 'http://127.0.0.1:5173/' } };
    expect(createSenderCheck(['app://commonplace'])(dev)).toBe(false);
    expect(createSenderCheck(['app://commonplace', 'http://127.0.0.1:5173'])(dev)).toBe(true);
  });
});

describe('main handlers, called through the guard by our own window', () => {
  it('reports app info', async () => {
    const handler = guardHandler('getAppInfo', createMainHandlers(spyPorts()).getAppInfo, isTrusted);
    await expect(handler(ours)).resolves.toEqual({ shell: 'desktop', version: '1.2.3', platform: 'linux' });
  });

  it('opens only safe links externally', async () => {
    const ports = spyPorts();
    const handler = guardHandler('openExternal', createMainHandlers(ports).openExternal, isTrusted);
    await handler(ours, 'mailto:circle@example.org');
    expect(ports.openExternal).toHaveBeenCalledWith('mailto:circle@example.org');
  });

  it('saves to the chosen path, and nothing when cancelled', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'commonplace-save-'));
    const ports = spyPorts();
    const handler = guardHandler('saveFile', createMainHandlers(ports).saveFile, isTrusted);
    await expect(handler(ours, validArgs.saveFile[0])).resolves.toEqual({ saved: false });
    ports.chooseSavePath.mockResolvedValueOnce(path.join(folder, 'booklet.md'));
    await expect(handler(ours, validArgs.saveFile[0])).resolves.toEqual({ saved: true, name: 'booklet.md' });
    expect(await readFile(path.join(folder, 'booklet.md'), 'utf8')).toBe('# Hi');
  });

  it('reads the chosen file, and returns null when cancelled', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'commonplace-open-'));
    await writeFile(path.join(folder, 'notes.md'), 'hello');
    const ports = spyPorts();
    const handler = guardHandler('openFile', createMainHandlers(ports).openFile, isTrusted);
    await expect(handler(ours, { extensions: ['md'] })).resolves.toBeNull();
    ports.chooseOpenPath.mockResolvedValueOnce(path.join(folder, 'notes.md'));
    const opened = await handler(ours, { extensions: ['md'] });
    expect(opened?.name).toBe('notes.md');
    expect(new TextDecoder().decode(opened?.data)).toBe('hello');
  });

  it("reports this device's signaling URLs and the ones discovered on the LAN", async () => {
    const ports = spyPorts();
    const handler = guardHandler('getSignalingEndpoints', createMainHandlers(ports).getSignalingEndpoints, isTrusted);
    await expect(handler(ours)).resolves.toEqual({ local: ['ws://192.168.1.20:41234'], discovered: ['ws://192.168.1.31:40001'] });
    expect(ports.signalingEndpoints).toHaveBeenCalledTimes(1);
    ports.signalingEndpoints.mockReturnValueOnce({ local: [], discovered: [] });
    await expect(handler(ours)).resolves.toEqual({ local: [], discovered: [] });
  });
});

describe('printing to PDF and automatic backups', () => {
  it('renders the HTML and saves the PDF where the person chose, nothing when cancelled', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'commonplace-pdf-'));
    const ports = spyPorts();
    const handler = guardHandler('printToPdf', createMainHandlers(ports).printToPdf, isTrusted);
    await expect(handler(ours, validArgs.printToPdf[0])).resolves.toEqual({ saved: false });
    expect(ports.renderPdf).not.toHaveBeenCalled();
    ports.chooseSavePath.mockResolvedValueOnce(path.join(folder, 'booklet.pdf'));
    await expect(handler(ours, validArgs.printToPdf[0])).resolves.toEqual({ saved: true, name: 'booklet.pdf' });
    const call = ports.renderPdf.mock.calls[0] as Parameters<DesktopPorts['renderPdf']> | undefined;
    expect(call?.[0]).toEqual(['<!doctype html><p>Booklet</p>', '<!doctype html><p>Part two</p>']);
    expect(call?.[1].signal).toBeInstanceOf(AbortSignal);
    expect(await readFile(path.join(folder, 'booklet.pdf'), 'utf8')).toBe('%PDF-1.7 fake');
  });

  it("reports a printing's parts as they are printed and stops it when asked, saving nothing", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'commonplace-pdf-'));
    const target = path.join(folder, 'booklet.pdf');
    // A printing of three parts that prints one and then waits, until it is stopped.
    let printedOne: () => void = () => undefined;
    const oneDone = new Promise<void>((resolve) => {
      printedOne = resolve;
    });
    const ports: DesktopPorts = {
      ...spyPorts(),
      chooseSavePath: () => Promise.resolve(target),
      renderPdf: (parts, options) => {
        options.onProgress(1, parts.length);
        printedOne();
        return new Promise((_, reject) => {
          options.signal.addEventListener('abort', () => {
            reject(exportCancelled());
          });
        });
      },
    };
    const handlers = createMainHandlers(ports);
    const print = guardHandler('printToPdf', handlers.printToPdf, isTrusted);
    const progress = guardHandler('printProgress', handlers.printProgress, isTrusted);
    const cancel = guardHandler('cancelPrint', handlers.cancelPrint, isTrusted);
    await expect(progress(ours, printJob)).resolves.toBeNull();
    const printing = print(ours, { job: printJob, parts: ['<p>1</p>', '<p>2</p>', '<p>3</p>'], suggestedName: 'booklet.pdf' });
    await oneDone;
    await expect(progress(ours, printJob)).resolves.toEqual({ done: 1, total: 3 });
    // The same job cannot be started twice while it runs.
    await expect(print(ours, { job: printJob, parts: ['<p>1</p>'], suggestedName: 'booklet.pdf' })).rejects.toThrow(/already under way/);
    await cancel(ours, printJob);
    await expect(printing).resolves.toEqual({ saved: false });
    await expect(readFile(target)).rejects.toThrow(/ENOENT/);
    await expect(progress(ours, printJob)).resolves.toBeNull();
    // Stopping a printing that is not (or no longer) under way does nothing.
    await expect(cancel(ours, printJob)).resolves.toBeUndefined();
  });

  it('saves nothing when stopped while the save dialog is still open', async () => {
    let choose: (chosen: string) => void = () => undefined;
    const spied = spyPorts();
    const ports: DesktopPorts = {
      ...spied,
      chooseSavePath: () =>
        new Promise<string | null>((resolve) => {
          choose = resolve;
        }),
    };
    const handlers = createMainHandlers(ports);
    const printing = handlers.printToPdf({ job: printJob, parts: ['<p>1</p>'], suggestedName: 'booklet.pdf' });
    await handlers.cancelPrint(printJob);
    choose(path.join(tmpdir(), 'never-written.pdf'));
    await expect(printing).resolves.toEqual({ saved: false });
    expect(spied.renderPdf).not.toHaveBeenCalled();
  });

  it('keeps the personal document sealed only once a passphrase is set, and refuses what is not one', async () => {
    const Y = await import('yjs');
    const { PersonalDoc } = await import('../../shared/model/PersonalDoc.js');
    const { listBackups } = await import('./autoBackup.js');
    backupsFolder = await mkdtemp(path.join(tmpdir(), 'commonplace-auto-'));
    let kept: string | null = null;
    const ports = { ...spyPorts(), personalBackupPassphrase: { set: (p: string | null) => Promise.resolve(void (kept = p)), get: () => Promise.resolve(kept) } };
    const handlers = createMainHandlers(ports);
    const keepPersonal = guardHandler('keepPersonalBackup', handlers.keepPersonalBackup, isTrusted);
    const personal = new PersonalDoc(new Y.Doc());
    personal.initialise();
    personal.setIdentity('Amira');
    const state = Y.encodeStateAsUpdate(personal.doc);
    await expect(keepPersonal(ours, state)).resolves.toEqual({ kept: false });
    await guardHandler('setPersonalBackupPassphrase', handlers.setPersonalBackupPassphrase, isTrusted)(ours, 'river of stories at dawn');
    await expect(guardHandler('hasPersonalBackupPassphrase', handlers.hasPersonalBackupPassphrase, isTrusted)(ours)).resolves.toBe(true);
    await expect(keepPersonal(ours, state)).resolves.toEqual({ kept: true, count: 3 });
    expect(await listBackups(backupsFolder, 'personal', '.cppb')).toHaveLength(1);
    await expect(keepPersonal(ours, new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: 'notPersonalDocument' });
    expect(await listBackups(backupsFolder, 'personal', '.cppb')).toHaveLength(1);
  }, 30_000);

  it('keeps a real backup of the named community, and refuses anything else', async () => {
    const { Community } = await import('../../shared/model/Community.js');
    const { encodeBackup } = await import('../../shared/backup/backupFile.js');
    const { listBackups } = await import('./autoBackup.js');
    backupsFolder = await mkdtemp(path.join(tmpdir(), 'commonplace-auto-'));
    const community = Community.create({ name: 'Circle', creator: { id: 'm1', name: 'Amira', colour: '#2557a7' } });
    const handler = guardHandler('keepAutomaticBackup', createMainHandlers(spyPorts()).keepAutomaticBackup, isTrusted);
    await expect(handler(ours, { communityId: community.id, data: encodeBackup({ community }) })).resolves.toEqual({ kept: true, count: 3 });
    expect(await listBackups(backupsFolder, community.id)).toHaveLength(1);
    await expect(handler(ours, { communityId: community.id, data: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]) })).rejects.toThrow();
    await expect(handler(ours, { communityId: 'another-community', data: encodeBackup({ community }) })).rejects.toThrow(/another community/);
    await expect(handler(ours, { communityId: community.id, data: encodeBackup({ community, includeSecret: 'x'.repeat(43) }) })).rejects.toThrow(/secret/);
    expect(await listBackups(backupsFolder, community.id)).toHaveLength(1);
  });
});
