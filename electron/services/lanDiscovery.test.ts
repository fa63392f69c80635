import { networkInterfaces } from 'node:os';
import { Bonjour } from 'bonjour-service';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  announceSignaling,
  browseSignaling,
  createInstanceId,
  discoveryProtocolVersion,
  endpointFromService,
  signalingServiceType,
  type SignalingEndpoint,
  type Stoppable,
} from './lanDiscovery.js';

// These tests use real mDNS multicast on this machine's interfaces (multicast is looped
// back to the sending host), so they fail, rather than skip, where multicast is blocked.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track<T extends Stoppable>(stoppable: T): T {
  cleanups.push(() => stoppable.stop());
  return stoppable;
}

function browseAll(ignoreInstanceId?: string): { ups: SignalingEndpoint[]; downs: SignalingEndpoint[]; warnings: string[] } {
  const seen = { ups: [] as SignalingEndpoint[], downs: [] as SignalingEndpoint[], warnings: [] as string[] };
  track(
    browseSignaling(
      { onUp: (endpoint) => seen.ups.push(endpoint), onDown: (endpoint) => seen.downs.push(endpoint), ignoreInstanceId },
      { warn: (message) => seen.warnings.push(message) },
    ),
  );
  return seen;
}

const ownIPv4 = (): string[] =>
  Object.values(networkInterfaces())
    .flat()
    .flatMap((entry) => (entry?.family === 'IPv4' ? [entry.address] : []));

const mdnsTimeout = { timeout: 10_000, interval: 20 };

describe('LAN discovery over mDNS', () => {
  it('finds an announcement with its address, port and instance id, and hears it leave', async () => {
    const instanceId = createInstanceId();
    const seen = browseAll();
    const announcement = track(announceSignaling({ port: 4321, instanceId, name: 'Test device' }, { warn: (message) => seen.warnings.push(message) }));

    await vi.waitFor(() => {
      expect(seen.ups.filter((endpoint) => endpoint.instanceId === instanceId)).toHaveLength(1);
    }, mdnsTimeout);
    const endpoint = seen.ups.find((candidate) => candidate.instanceId === instanceId)!;
    const host = /^ws:\/\/([\d.]+):4321$/.exec(endpoint.url)?.[1];
    expect(ownIPv4()).toContain(host);

    await announcement.stop();
    await vi.waitFor(() => {
      expect(seen.downs).toContainEqual(endpoint);
    }, mdnsTimeout);
    // Only announcements from elsewhere (other tests, other devices) may have been ignored.
    expect(seen.warnings.filter((warning) => !warning.startsWith('lan discovery: ignored'))).toEqual([]);
    expect(seen.warnings.join('\n')).not.toContain(instanceId.slice(0, 8));
  });

  it("skips this process's own announcement and still reports others", async () => {
    const own = createInstanceId();
    const other = createInstanceId();
    const seen = browseAll(own);
    track(announceSignaling({ port: 5001, instanceId: own, name: 'Me' }, { warn: () => undefined }));
    track(announceSignaling({ port: 5002, instanceId: other, name: 'Someone else' }, { warn: () => undefined }));
    await vi.waitFor(() => {
      expect(seen.ups.map((endpoint) => endpoint.instanceId)).toContain(other);
    }, mdnsTimeout);
    // Both went out at about the same time; wait a little longer so that a report of our
    // own announcement, had it been let through, would have arrived.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen.ups.map((endpoint) => endpoint.instanceId)).not.toContain(own);
  });

  it('ignores malformed announcements and those of another protocol version', async () => {
    const seen = browseAll();
    const raw = new Bonjour({}, () => undefined);
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          raw.unpublishAll(() => {
            raw.destroy(() => {
              resolve();
            });
          });
        }),
    );
    const suffix = createInstanceId().slice(0, 8);
    const futureId = createInstanceId();
    const bad = [
      { name: `no-id-${suffix}`, txt: { v: discoveryProtocolVersion } },
      { name: `bad-id-${suffix}`, txt: { v: discoveryProtocolVersion, id: 'NOT-A-HEX-ID' } },
      { name: `future-${suffix}`, txt: { v: '99', id: futureId } },
    ];
    for (const { name, txt } of bad) raw.publish({ name, type: signalingServiceType, port: 6000, txt });
    const good = createInstanceId();
    track(announceSignaling({ port: 6001, instanceId: good, name: 'Good' }, { warn: () => undefined }));

    await vi.waitFor(() => {
      expect(seen.ups.map((endpoint) => endpoint.instanceId)).toContain(good);
      for (const { name } of bad) expect(seen.warnings.join('\n')).toContain(name);
    }, mdnsTimeout);
    expect(seen.ups.map((endpoint) => endpoint.instanceId)).not.toContain(futureId);
    expect(seen.warnings.join('\n')).toMatch(/protocol version "99"/);
    expect(seen.warnings.join('\n')).toMatch(/txt\.id/);
  });

  it('reports a throwing callback instead of letting it escape into the mDNS socket handler', async () => {
    const instanceId = createInstanceId();
    const warnings: string[] = [];
    const downs: SignalingEndpoint[] = [];
    track(
      browseSignaling(
        {
          onUp: (endpoint) => {
            if (endpoint.instanceId === instanceId) throw new Error('listener bug');
          },
          onDown: (endpoint) => downs.push(endpoint),
        },
        { warn: (message) => warnings.push(message) },
      ),
    );
    const announcement = track(announceSignaling({ port: 7001, instanceId, name: 'Thrower' }, { warn: () => undefined }));
    await vi.waitFor(() => {
      expect(warnings).toContain('lan discovery: a browse callback failed: listener bug');
    }, mdnsTimeout);
    await announcement.stop();
    await vi.waitFor(() => {
      expect(downs.map((endpoint) => endpoint.instanceId)).toContain(instanceId);
    }, mdnsTimeout);
  });

  it('refuses to announce with an instance id it would not accept from others', () => {
    expect(() => announceSignaling({ port: 1, instanceId: 'me', name: 'x' }, { warn: () => undefined })).toThrow(/instanceId/);
  });
});

describe('reading an announcement', () => {
  const id = 'ab'.repeat(16);
  const base = { fqdn: 'x._commonplace-signal._tcp.local', port: 4444, txt: { v: '1', id } };

  it('dials the address the packet came from, before the advertised ones', () => {
    expect(endpointFromService({ ...base, addresses: ['172.17.0.1', '192.168.1.20'], referer: { address: '192.168.1.20' } })).toEqual({
      ok: true,
      endpoint: { url: 'ws://192.168.1.20:4444', instanceId: id },
    });
    expect(endpointFromService({ ...base, addresses: ['fe80::1', '10.0.0.5'] })).toEqual({ ok: true, endpoint: { url: 'ws://10.0.0.5:4444', instanceId: id } });
  });

  it('brackets IPv6 and skips link-local addresses', () => {
    expect(endpointFromService({ ...base, addresses: ['fe80::1', 'fd00::2'], referer: { address: 'fe80::1' } })).toEqual({
      ok: true,
      endpoint: { url: 'ws://[fd00::2]:4444', instanceId: id },
    });
    expect(endpointFromService({ ...base, addresses: ['fe80::1'] })).toEqual({ ok: false, reason: 'no usable address' });
  });

  it.each([
    ['no TXT record', { ...base, txt: undefined, addresses: ['10.0.0.5'] }],
    ['a port out of range', { ...base, port: 70000, addresses: ['10.0.0.5'] }],
    ['a TXT id that is not ours', { ...base, txt: { v: '1', id: 'zz' }, addresses: ['10.0.0.5'] }],
    ['an address that is not an IP', { ...base, addresses: ['evil.example'], referer: { address: 'evil.example' } }],
    ['not an object at all', 'hello'],
  ])('rejects %s', (_label, service) => {
    expect(endpointFromService(service).ok).toBe(false);
  });
});
