import { afterAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { connectClient, refusedStatus, type TestClient } from '../../tests/unit/support/wsClient.js';
import { SHORT_CODE_TOPIC_PREFIX, shortCodeRefusal } from '../../shared/protocol/shortCode.js';
import {
  createTokenBucket,
  defaultSignalingLimits,
  resolveSignalingLimits,
  SignalingCloseCode,
  startSignalingServer,
  type RunningSignalingServer,
  type SignalingLimits,
} from './signaling.js';

const running: RunningSignalingServer[] = [];
const clients: TestClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await Promise.all(running.map((server) => server.close()));
});

async function serve(limits: Partial<SignalingLimits> = {}, path?: string): Promise<{ server: RunningSignalingServer; warnings: string[] }> {
  const warnings: string[] = [];
  const server = await startSignalingServer({ host: '127.0.0.1', port: 0, path, limits, warn: (message) => warnings.push(message) });
  running.push(server);
  return { server, warnings };
}

async function connect(url: string, options?: Parameters<typeof connectClient>[1]): Promise<TestClient> {
  const client = await connectClient(url, options);
  clients.push(client);
  return client;
}

describe('signaling protocol (y-webrtc bin/server.js)', () => {
  it('relays a publish to every subscriber of the topic, the sender included, with the clients count', async () => {
    const { server } = await serve();
    const [alice, bob, carol] = await Promise.all([connect(server.url), connect(server.url), connect(server.url)]);
    alice.send({ type: 'subscribe', topics: ['room-a'] });
    bob.send({ type: 'subscribe', topics: ['room-a', 'room-b'] });
    carol.send({ type: 'subscribe', topics: ['room-b'] });
    await Promise.all([alice.sync(), bob.sync(), carol.sync()]);

    const publish = { type: 'publish', topic: 'room-a', data: { type: 'announce', from: 'peer-1' }, extra: 'kept' };
    alice.send(publish);
    const relayed = { ...publish, clients: 2 };
    await vi.waitFor(() => {
      expect(bob.messages).toEqual([relayed]);
    });
    await alice.sync();
    await carol.sync();
    expect(alice.messages).toEqual([relayed]);
    expect(carol.messages).toEqual([]);
  });

  it('answers ping with pong', async () => {
    const { server } = await serve();
    const client = await connect(server.url);
    await client.sync();
    expect(client.messages).toEqual([]);
  });

  it('stops relaying after unsubscribe and forgets topics when connections close', async () => {
    const { server } = await serve();
    const [alice, bob] = await Promise.all([connect(server.url), connect(server.url)]);
    alice.send({ type: 'subscribe', topics: ['room'] });
    bob.send({ type: 'subscribe', topics: ['room'] });
    await Promise.all([alice.sync(), bob.sync()]);
    bob.send({ type: 'unsubscribe', topics: ['room'] });
    await bob.sync();
    alice.send({ type: 'publish', topic: 'room', data: 'x' });
    await alice.sync();
    await bob.sync();
    expect(alice.messages).toEqual([{ type: 'publish', topic: 'room', data: 'x', clients: 1 }]);
    expect(bob.messages).toEqual([]);

    expect(server.hub.stats()).toEqual({ connections: 2, topics: 1 });
    await alice.close();
    await vi.waitFor(() => {
      expect(server.hub.stats()).toEqual({ connections: 1, topics: 0 });
    });
  });

  it('drops a publish to a topic the sender has not subscribed to', async () => {
    const { server, warnings } = await serve();
    const [alice, bob] = await Promise.all([connect(server.url), connect(server.url)]);
    bob.send({ type: 'subscribe', topics: ['room'] });
    await bob.sync();
    alice.send({ type: 'publish', topic: 'room', data: 'spray' });
    await alice.sync();
    await bob.sync();
    expect(bob.messages).toEqual([]);
    expect(alice.socket.readyState).toBe(alice.socket.OPEN);
    expect(warnings.join('\n')).toMatch(/not subscribed/);
  });

  it('ignores unknown message types, as y-webrtc does', async () => {
    const { server } = await serve();
    const client = await connect(server.url);
    client.send({ type: 'from-the-future', topics: 42 });
    await client.sync();
    expect(client.socket.readyState).toBe(client.socket.OPEN);
  });
});

describe('with the real y-webrtc client', () => {
  it('subscribes to its room, has its announce relayed to the room, and unsubscribes on disconnect', async () => {
    // y-webrtc dials with the global WebSocket, which Node 20 does not have.
    vi.stubGlobal('WebSocket', WebSocket);
    const { WebrtcProvider } = await import('y-webrtc');
    try {
      const { server, warnings } = await serve({}, '/signal');
      const listener = await connect(server.url);
      listener.send({ type: 'subscribe', topics: ['commonplace-room'] });
      await listener.sync();

      const provider = new WebrtcProvider('commonplace-room', new Y.Doc(), { signaling: [server.url] });
      await vi.waitFor(() => {
        expect(listener.messages).toContainEqual({
          type: 'publish',
          topic: 'commonplace-room',
          data: { type: 'announce', from: expect.any(String) as unknown },
          clients: 2,
        });
      });
      expect(server.hub.stats()).toEqual({ connections: 2, topics: 1 });

      provider.disconnect();
      provider.destroy();
      await vi.waitFor(() => {
        expect(server.hub.stats()).toEqual({ connections: 1, topics: 1 });
      });
      expect(warnings).toEqual([]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('signaling limits', () => {
  it('closes a connection that sends a message over the size limit with 1009, and keeps serving others', async () => {
    const { server, warnings } = await serve({ maxMessageBytes: 1024 });
    const [big, other] = await Promise.all([connect(server.url), connect(server.url)]);
    big.send({ type: 'publish', topic: 'room', data: 'x'.repeat(2000) });
    expect((await big.closed).code).toBe(SignalingCloseCode.messageTooBig);
    await other.sync();
    expect(warnings.join('\n')).toMatch(/Max payload size exceeded/i);
  });

  it('accepts a burst up to the bucket size, then closes the connection with 1008', async () => {
    const { server, warnings } = await serve({ messageBurst: 5, messagesPerSecond: 0.001 });
    const steady = await connect(server.url);
    for (let i = 0; i < 4; i += 1) steady.send({ type: 'subscribe', topics: [`t${i}`] });
    await steady.sync(); // the fifth message
    expect(steady.socket.readyState).toBe(steady.socket.OPEN);

    const flood = await connect(server.url);
    for (let i = 0; i < 10; i += 1) flood.send({ type: 'ping' });
    expect(await flood.closed).toEqual({ code: SignalingCloseCode.policyViolation, reason: 'rate limit exceeded' });
    expect(warnings.join('\n')).toMatch(/rate limit exceeded/);
  });

  it('closes a connection that subscribes to too many topics', async () => {
    const { server } = await serve({ maxTopicsPerConnection: 3 });
    const client = await connect(server.url);
    client.send({ type: 'subscribe', topics: ['a', 'b'] });
    client.send({ type: 'subscribe', topics: ['a', 'b', 'c'] }); // a repeat does not count twice
    await client.sync();
    client.send({ type: 'subscribe', topics: ['d'] });
    expect(await client.closed).toEqual({ code: SignalingCloseCode.policyViolation, reason: 'more than 3 topics' });
    await vi.waitFor(() => {
      expect(server.hub.stats().topics).toBe(0);
    });
  });

  it('closes a connection that tries more short codes than allowed, and counts a repeat once', async () => {
    const { server, warnings } = await serve({ codeAttemptsPerConnection: 2 });
    const client = await connect(server.url);
    client.send({ type: 'subscribe', topics: [`${SHORT_CODE_TOPIC_PREFIX}AAAA`, 'room-topic', 'another-room'] });
    client.send({ type: 'subscribe', topics: [`${SHORT_CODE_TOPIC_PREFIX}AAAA`, `${SHORT_CODE_TOPIC_PREFIX}BBBB`] });
    await client.sync();
    client.send({ type: 'subscribe', topics: [`${SHORT_CODE_TOPIC_PREFIX}CCCC`] });
    expect(await client.closed).toEqual({ code: SignalingCloseCode.policyViolation, reason: shortCodeRefusal });
    expect(warnings.join('\n')).toMatch(/too many short-code attempts/);
  });

  it('refuses a flood of short-code attempts from one address across connections, within the window', async () => {
    const { server } = await serve({ codeAttemptsPerAddress: 3, codeAttemptWindowMs: 60_000 });
    for (const nameplate of ['AAAA', 'BBBB', 'CCCC']) {
      const client = await connect(server.url);
      client.send({ type: 'subscribe', topics: [`${SHORT_CODE_TOPIC_PREFIX}${nameplate}`] });
      await client.sync();
      await client.close();
    }
    const flood = await connect(server.url);
    // Rooms are still served from that address; only another code is refused.
    flood.send({ type: 'subscribe', topics: ['room-topic'] });
    await flood.sync();
    flood.send({ type: 'subscribe', topics: [`${SHORT_CODE_TOPIC_PREFIX}DDDD`] });
    expect(await flood.closed).toEqual({ code: SignalingCloseCode.policyViolation, reason: shortCodeRefusal });
  });

  it('allows short-code attempts again once the window has passed', async () => {
    const { server } = await serve({ codeAttemptsPerAddress: 1, codeAttemptWindowMs: 100 });
    const first = await connect(server.url);
    first.send({ type: 'subscribe', topics: [`${SHORT_CODE_TOPIC_PREFIX}AAAA`] });
    await first.sync();
    const second = await connect(server.url);
    second.send({ type: 'subscribe', topics: [`${SHORT_CODE_TOPIC_PREFIX}BBBB`] });
    expect((await second.closed).reason).toBe(shortCodeRefusal);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const third = await connect(server.url);
    third.send({ type: 'subscribe', topics: [`${SHORT_CODE_TOPIC_PREFIX}CCCC`] });
    await third.sync();
    expect(third.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('closes a connection that names a topic longer than the limit', async () => {
    const { server } = await serve({ maxTopicLength: 8 });
    const client = await connect(server.url);
    client.send({ type: 'subscribe', topics: ['12345678'] });
    await client.sync();
    client.send({ type: 'subscribe', topics: ['123456789'] });
    expect(await client.closed).toEqual({ code: SignalingCloseCode.policyViolation, reason: 'topic name longer than 8 characters' });
  });

  it('refuses connections over the overall limit with HTTP 503, and accepts again once one leaves', async () => {
    const { server, warnings } = await serve({ maxConnections: 2 });
    const first = await connect(server.url);
    await connect(server.url);
    expect(await refusedStatus(server.url)).toBe(503);
    expect(warnings.join('\n')).toMatch(/already 2 connections/);
    await first.close();
    await vi.waitFor(() => {
      expect(server.hub.stats().connections).toBe(1);
    });
    await connect(server.url);
  });

  it('terminates a connection that sends nothing, and keeps one that sends y-webrtc pings', async () => {
    const { server, warnings } = await serve({ idleTimeoutMs: 150 });
    const silent = await connect(server.url, { autoPong: false });
    const alive = await connect(server.url);
    const pinging = setInterval(() => {
      alive.send({ type: 'ping' });
    }, 30);
    const started = Date.now();
    const { code } = await silent.closed;
    expect(code).toBe(1006); // terminated: no close frame
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(warnings.join('\n')).toMatch(/idle for more than 150 ms/);
    await new Promise((resolve) => setTimeout(resolve, 400));
    clearInterval(pinging);
    expect(alive.socket.readyState).toBe(alive.socket.OPEN);
    await alive.sync();
  });

  it('drops a receiver that stops reading instead of buffering for it without bound', async () => {
    const { server, warnings } = await serve({ maxBufferedBytes: 256 * 1024, messageBurst: 10_000, messagesPerSecond: 10_000 });
    const [sender, stalled] = await Promise.all([connect(server.url), connect(server.url)]);
    sender.send({ type: 'subscribe', topics: ['room'] });
    stalled.send({ type: 'subscribe', topics: ['room'] });
    await Promise.all([sender.sync(), stalled.sync()]);
    // Stop reading, so the kernel buffers fill and the backlog lands in the server's memory.
    stalled.socket.pause();
    const data = 'x'.repeat(60 * 1024);
    await vi.waitFor(
      async () => {
        for (let i = 0; i < 20; i += 1) sender.send({ type: 'publish', topic: 'room', data });
        await sender.sync();
        expect(warnings.join('\n')).toMatch(/bytes waiting to be sent/);
      },
      { timeout: 15_000, interval: 10 },
    );
    expect(server.hub.stats().connections).toBe(1);
    expect(sender.socket.readyState).toBe(sender.socket.OPEN);
    stalled.socket.resume();
    expect((await stalled.closed).code).toBe(1006);
  });
});

describe('signaling input that is not the protocol', () => {
  it.each([
    ['invalid JSON', '{"type":', SignalingCloseCode.invalidPayload],
    ['a JSON array', '[1,2]', SignalingCloseCode.invalidPayload],
    ['a message without a type', '{"topics":["a"]}', SignalingCloseCode.invalidPayload],
    ['topics that are not strings', '{"type":"subscribe","topics":[1]}', SignalingCloseCode.invalidPayload],
    ['an empty topic', '{"type":"subscribe","topics":[""]}', SignalingCloseCode.invalidPayload],
    ['a publish without a topic', '{"type":"publish","data":"x"}', SignalingCloseCode.invalidPayload],
  ])('closes the connection on %s, and the server keeps serving', async (_label, text, code) => {
    const { server, warnings } = await serve();
    const [bad, good] = await Promise.all([connect(server.url), connect(server.url)]);
    bad.send(text);
    expect((await bad.closed).code).toBe(code);
    expect(warnings).toHaveLength(1);
    await good.sync();
  });

  it('survives a publish nested too deeply to relay', async () => {
    const { server, warnings } = await serve();
    const [bad, good] = await Promise.all([connect(server.url), connect(server.url)]);
    bad.send({ type: 'subscribe', topics: ['room'] });
    await bad.sync();
    const depth = 20_000; // parses, but JSON.stringify overflows the stack
    bad.send(`{"type":"publish","topic":"room","data":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    expect(await bad.closed).toEqual({ code: SignalingCloseCode.internalError, reason: 'could not handle message' });
    expect(warnings.join('\n')).toMatch(/call stack/);
    await good.sync();
  });

  it('closes the connection on a binary message', async () => {
    const { server } = await serve();
    const client = await connect(server.url);
    client.socket.send(Buffer.from([1, 2, 3]));
    expect(await client.closed).toEqual({ code: SignalingCloseCode.unsupportedData, reason: 'text messages only' });
  });
});

describe('standalone signaling server', () => {
  it('answers plain HTTP as a health check and serves only its path when given one', async () => {
    const { server } = await serve({}, '/signal');
    expect(server.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/signal$/);
    const http = server.url.replace(/^ws/, 'http');
    expect(await (await fetch(http)).text()).toBe('okay');
    expect(await refusedStatus(server.url.replace(/\/signal$/, '/other'))).toBe(404);
    await (await connect(server.url)).sync();
  });

  it('closes its connections with 1001 when it stops', async () => {
    const server = await startSignalingServer({ port: 0, warn: () => undefined });
    const client = await connectClient(server.url);
    await server.close();
    expect(await client.closed).toEqual({ code: SignalingCloseCode.goingAway, reason: 'server shutting down' });
    await expect(connectClient(server.url)).rejects.toThrow();
  });

  it('fails clearly when the port is taken', async () => {
    const { server } = await serve();
    await expect(startSignalingServer({ port: server.port, warn: () => undefined })).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('limits and token bucket', () => {
  it('fills in defaults and rejects nonsense limits', () => {
    expect(resolveSignalingLimits()).toEqual(defaultSignalingLimits);
    expect(resolveSignalingLimits({ maxConnections: 3 }).maxConnections).toBe(3);
    expect(() => resolveSignalingLimits({ maxMessageBytes: 0 })).toThrow(/maxMessageBytes/);
    expect(() => resolveSignalingLimits({ messagesPerSecond: Number.NaN })).toThrow(/messagesPerSecond/);
    expect(() => resolveSignalingLimits({ maxConnections: 1.5 })).toThrow(/maxConnections/);
  });

  it('allows a burst of its capacity, then refills at its rate', () => {
    let now = 0;
    const bucket = createTokenBucket(3, 2, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now += 250; // half a token
    expect(bucket.take()).toBe(false);
    now += 250;
    expect(bucket.take()).toBe(true);
    now += 60_000; // never more than the capacity
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });
});
