import { describe, expect, it, vi } from 'vitest';
import type { LanSignaling } from './lanHost.js';
import { runLanSignaling } from './lanService.js';

function fakeHost(stop: () => Promise<void> = () => Promise.resolve()): LanSignaling & { stop: ReturnType<typeof vi.fn> } {
  return {
    instanceId: '0'.repeat(32),
    port: 4444,
    localUrls: () => ['ws://192.168.1.20:4444'],
    discovered: () => ['ws://192.168.1.31:5555'],
    onChange: () => () => undefined,
    stop: vi.fn(stop),
  };
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('LAN signaling for the life of the desktop app', () => {
  it('reports no endpoints until the server listens, then its own and the discovered ones', async () => {
    const host = fakeHost();
    const pending = deferred<LanSignaling>();
    const service = runLanSignaling({ start: () => pending.promise, warn: vi.fn() });
    expect(service.endpoints()).toEqual({ local: [], discovered: [] });
    pending.resolve(host);
    await vi.waitFor(() => {
      expect(service.endpoints()).toEqual({ local: ['ws://192.168.1.20:4444'], discovered: ['ws://192.168.1.31:5555'] });
    });
  });

  it('stops once however often it is asked, and reports nothing afterwards', async () => {
    const host = fakeHost();
    const service = runLanSignaling({ start: () => Promise.resolve(host), warn: vi.fn() });
    await vi.waitFor(() => {
      expect(service.endpoints().local).toHaveLength(1);
    });
    await Promise.all([service.stop(), service.stop()]);
    await service.stop();
    expect(host.stop).toHaveBeenCalledTimes(1);
    expect(service.endpoints()).toEqual({ local: [], discovered: [] });
  });

  it('a quit during start waits for the start, then stops what it started', async () => {
    const host = fakeHost();
    const pending = deferred<LanSignaling>();
    const service = runLanSignaling({ start: () => pending.promise, warn: vi.fn() });
    const stopping = service.stop();
    pending.resolve(host);
    await stopping;
    expect(host.stop).toHaveBeenCalledTimes(1);
    expect(service.endpoints()).toEqual({ local: [], discovered: [] });
  });

  it('a failed start is reported, not thrown; the app carries on with no endpoints', async () => {
    const warn = vi.fn();
    const service = runLanSignaling({ start: () => Promise.reject(new Error('EADDRNOTAVAIL')), warn });
    await vi.waitFor(() => {
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not start.*EADDRNOTAVAIL/));
    });
    expect(service.endpoints()).toEqual({ local: [], discovered: [] });
    await expect(service.stop()).resolves.toBeUndefined();
  });

  it('a failing or stuck stop cannot hold up quitting', async () => {
    const warn = vi.fn();
    const failing = runLanSignaling({ start: () => Promise.resolve(fakeHost(() => Promise.reject(new Error('socket gone')))), warn });
    await expect(failing.stop()).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not stop cleanly: socket gone/));

    const stuck = runLanSignaling({ start: () => Promise.resolve(fakeHost(() => new Promise<void>(() => undefined))), warn });
    const started = Date.now();
    await expect(stuck.stop(50)).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/still stopping after 50 ms/));
  });
});
