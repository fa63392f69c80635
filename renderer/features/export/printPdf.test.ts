import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PrintProgress, PrintToPdfRequest, SaveFileResult } from '../../../shared/bridge/contract.js';
import { printPdf, printProgressEveryMs } from './printPdf.js';

/** The desktop main process as the dialog sees it: a printing that goes a part at a time. */
function fakeMain() {
  const calls: string[] = [];
  let progress: PrintProgress | null = null;
  let finish: (result: SaveFileResult) => void = () => undefined;
  let job = '';
  return {
    calls,
    setProgress: (next: PrintProgress | null) => {
      progress = next;
    },
    finish: (result: SaveFileResult) => finish(result),
    get job() {
      return job;
    },
    bridge: {
      printToPdf: (request: PrintToPdfRequest) => {
        job = request.job;
        calls.push(`print ${request.parts.length} parts as ${request.suggestedName}`);
        return new Promise<SaveFileResult>((resolve) => {
          finish = resolve;
        });
      },
      printProgress: (asked: string) => {
        calls.push(asked === job ? 'progress?' : 'progress of another job?');
        return Promise.resolve(progress);
      },
      cancelPrint: (asked: string) => {
        calls.push(asked === job ? 'cancel' : 'cancel another job');
        finish({ saved: false });
        return Promise.resolve();
      },
    },
  };
}

describe('printPdf', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports the parts printed while the main process prints, and what it saved', async () => {
    const main = fakeMain();
    const seen: string[] = [];
    const printing = printPdf(main.bridge, { parts: ['a', 'b', 'c'], suggestedName: 'booklet.pdf' }, { signal: new AbortController().signal, onProgress: (done, total) => seen.push(`${done}/${total}`) });
    await vi.advanceTimersByTimeAsync(printProgressEveryMs); // the save dialog is still open
    main.setProgress({ done: 1, total: 3 });
    await vi.advanceTimersByTimeAsync(printProgressEveryMs);
    main.setProgress({ done: 3, total: 3 });
    await vi.advanceTimersByTimeAsync(printProgressEveryMs);
    main.finish({ saved: true, name: 'booklet.pdf' });
    await expect(printing).resolves.toEqual({ saved: true, name: 'booklet.pdf' });
    expect(seen).toEqual(['1/3', '3/3']);
    expect(main.job).toMatch(/^[0-9a-f-]{36}$/);
    // No more questions once it has ended.
    const asked = main.calls.length;
    await vi.advanceTimersByTimeAsync(printProgressEveryMs * 4);
    expect(main.calls).toHaveLength(asked);
    expect(main.calls[0]).toBe('print 3 parts as booklet.pdf');
    expect(main.calls.slice(1).every((call) => call === 'progress?')).toBe(true);
  });

  it('stops the printing in the main process when the person stops the export', async () => {
    const main = fakeMain();
    const stop = new AbortController();
    const printing = printPdf(main.bridge, { parts: ['a', 'b'], suggestedName: 'booklet.pdf' }, { signal: stop.signal });
    const settled = expect(printing).rejects.toMatchObject({ code: 'exportCancelled' });
    await vi.advanceTimersByTimeAsync(printProgressEveryMs);
    stop.abort();
    await settled;
    expect(main.calls).toContain('cancel');
  });

  it('does not start when already stopped', async () => {
    const main = fakeMain();
    const stop = new AbortController();
    stop.abort();
    await expect(printPdf(main.bridge, { parts: ['a'], suggestedName: 'a.pdf' }, { signal: stop.signal })).rejects.toMatchObject({ code: 'exportCancelled' });
    expect(main.calls).toEqual([]);
  });
});
