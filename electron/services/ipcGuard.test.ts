import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ipcContract, type BridgeMethod } from '../../shared/ipc.js';
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
    renderPdf: vi.fn(() => Promise.resolve(new TextEncoder().encode('%PDF-1.7 fake'))),
    backups: { folder: backupsFolder, keep: () => 3 },
  };
}

function expectNothingDone(ports: ReturnType<typeof spyPorts>, label: string): void {
  for (const port of spiedPorts) expect(ports[port], `${label}: ${port}`).not.toHaveBeenCalled();
}

// A valid call per handler, and malformed calls that must be refused before any work.
const validArgs: Record<BridgeMethod, unknown[]> = {
  getAppInfo: [],
  openExternal: ['https://example.org/a'],
  saveFile: [{ suggestedName: 'harvest.md', mimeType: 'text/markdown', data: '# Hi' }],
  openFile: [{ extensions: ['md'] }],
  getSignalingEndpoints: [],
  printToPdf: [{ parts: ['<!doctype html><p>Booklet</p>', '<!doctype html><p>Part two</p>'], suggestedName: 'booklet.pdf' }],
  keepAutomaticBackup: [{ communityId: 'c0ffee00-1234', data: new Uint8Array([1, 2, 3]) }],
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
    [{ parts: [], suggestedName: 'a.pdf' }],
    [{ parts: [''], suggestedName: 'a.pdf' }],
    [{ parts: ['<p>x</p>', 42], suggestedName: 'a.pdf' }],
    [{ parts: '<p>x</p>', suggestedName: 'a.pdf' }],
    [{ html: '<p>x</p>', suggestedName: 'a.pdf' }],
    [{ parts: ['<p>x</p>'], suggestedName: 'a.exe' }],
    [{ parts: ['<p>x</p>'], suggestedName: '../a.pdf' }],
  ],
  keepAutomaticBackup: [[], [{ communityId: '../../etc', data: new Uint8Array([1]) }], [{ communityId: 'c0ffee00-1234', data: new Uint8Array() }], [{ communityId: 'c0ffee00-1234', data: 'bytes' }], [{ communityId: 'c0ffee00-1234', data: new Uint8Array([1]), extra: 1 }]],
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
    expect(ports.renderPdf).toHaveBeenCalledWith(['<!doctype html><p>Booklet</p>', '<!doctype html><p>Part two</p>']);
    expect(await readFile(path.join(folder, 'booklet.pdf'), 'utf8')).toBe('%PDF-1.7 fake');
  });

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
