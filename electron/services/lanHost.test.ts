import type { NetworkInterfaceInfo } from 'node:os';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { connectClient } from '../../tests/unit/support/wsClient.js';
import { startLanSignaling, type LanSignaling } from './lanHost.js';

// Two hosts in one process find each other through real mDNS multicast on this machine.
// They listen on loopback here (production listens on 0.0.0.0), which mDNS does not mind:
// it announces the port and the interface addresses, not the listening address.

const started: LanSignaling[] = [];
afterAll(async () => {
  await Promise.all(started.map((host) => host.stop()));
});

async function start(options: Parameters<typeof startLanSignaling>[0] = {}): Promise<{ host: LanSignaling; warnings: string[] }> {
  const warnings: string[] = [];
  const host = await startLanSignaling({ host: '127.0.0.1', warn: (message) => warnings.push(message), ...options });
  started.push(host);
  return { host, warnings };
}

const mdnsTimeout = { timeout: 10_000, interval: 20 };

describe('LAN signaling host', () => {
  it('serves signaling, finds the other host on the LAN but not itself, and hears it leave', async () => {
    const a = await start({ name: 'Device A' });
    const b = await start({ name: 'Device B' });
    const changes: string[][] = [];
    a.host.onChange((urls) => changes.push(urls));

    const bUrls = b.host.localUrls();
    expect(bUrls.length).toBeGreaterThan(0);
    await vi.waitFor(() => {
      expect(a.host.discovered().filter((url) => bUrls.includes(url))).toHaveLength(1);
    }, mdnsTimeout);
    await vi.waitFor(() => {
      expect(b.host.discovered().filter((url) => a.host.localUrls().includes(url))).toHaveLength(1);
    }, mdnsTimeout);
    for (const own of a.host.localUrls()) expect(a.host.discovered()).not.toContain(own);
    expect(changes.at(-1)).toEqual(a.host.discovered());

    const client = await connectClient(`ws://127.0.0.1:${a.host.port}`);
    await client.sync();
    await client.close();

    const bUrl = a.host.discovered().find((url) => bUrls.includes(url))!;
    await b.host.stop();
    await vi.waitFor(() => {
      expect(a.host.discovered()).not.toContain(bUrl);
    }, mdnsTimeout);
    expect(changes.at(-1)).not.toContain(bUrl);
    // Other tests may announce malformed services at the same time; those are ignored by design.
    expect([...a.warnings, ...b.warnings].filter((warning) => !warning.startsWith('lan discovery: ignored'))).toEqual([]);
  });

  it('lists a URL for each non-internal IPv4 address', async () => {
    const interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = {
      lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
      eth0: [
        { address: '192.168.1.20', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '192.168.1.20/24' },
        { address: 'fd00::2', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: 'fd00::2/64', scopeid: 0 },
      ],
      wlan0: [{ address: '10.0.0.7', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:02', internal: false, cidr: '10.0.0.7/24' }],
    };
    const { host } = await start({ networkInterfaces: () => interfaces });
    expect(host.localUrls()).toEqual([`ws://192.168.1.20:${host.port}`, `ws://10.0.0.7:${host.port}`]);
    expect(host.instanceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('stops idempotently and closes its signaling server', async () => {
    const { host } = await start();
    await Promise.all([host.stop(), host.stop()]);
    await expect(connectClient(`ws://127.0.0.1:${host.port}`)).rejects.toThrow();
  });
});
