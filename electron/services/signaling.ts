import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { z } from 'zod';
import { hostForUrl, listen } from './listen.js';
import { warnToConsole, type Warn } from './logging.js';
import { SHORT_CODE_TOPIC_PREFIX, shortCodeRefusal } from '../../shared/protocol/shortCode.js';

/**
 * A signaling server for y-webrtc, speaking the protocol of y-webrtc's bin/server.js:
 * peers subscribe to topics (room names), publish messages that are relayed to every
 * subscriber of the topic with a `clients` count added, and ping to keep the connection
 * alive. The server never sees document content, only WebRTC offers and answers.
 *
 * Unlike the reference server, everything a connection can make us hold or send is
 * bounded, because this one listens on the LAN and on the web server's own origin.
 */

export interface SignalingLimits {
  /** Largest text message accepted; larger ones close the connection with 1009. */
  readonly maxMessageBytes: number;
  /** Sustained messages per second per connection (token bucket refill rate). */
  readonly messagesPerSecond: number;
  /** Messages a connection may send in a burst (token bucket capacity). */
  readonly messageBurst: number;
  readonly maxTopicsPerConnection: number;
  readonly maxTopicLength: number;
  /** Open connections across the whole hub; more are refused with HTTP 503. */
  readonly maxConnections: number;
  /**
   * Open connections from one remote address; more are refused with HTTP 503, so one
   * device cannot take every slot of maxConnections.
   */
  readonly maxConnectionsPerAddress: number;
  /**
   * A connection that has not subscribed to a topic this long after opening is closed:
   * y-webrtc subscribes as soon as it connects, so an unsubscribed one only holds a slot.
   */
  readonly subscribeDeadlineMs: number;
  /**
   * A connection that sends no message for this long is terminated. Only application
   * messages count (y-webrtc's JSON ping among them), never WebSocket pong frames, which
   * every client library answers by itself and so prove nothing.
   */
  readonly idleTimeoutMs: number;
  /**
   * Bytes queued for one receiver that is not reading. Past this the receiver is
   * dropped rather than letting its backlog grow in our memory.
   */
  readonly maxBufferedBytes: number;
  /**
   * Short-code topics (SHORT_CODE_TOPIC_PREFIX) one connection may subscribe to in its life.
   * Each is one attempt at a code; the app opens a connection per attempt.
   */
  readonly codeAttemptsPerConnection: number;
  /** Short-code topics subscribed from one address within codeAttemptWindowMs. */
  readonly codeAttemptsPerAddress: number;
  readonly codeAttemptWindowMs: number;
}

export const defaultSignalingLimits: SignalingLimits = Object.freeze({
  // An SDP offer with its candidates is a few kilobytes; 64 KiB leaves room for encryption
  // and base64 without letting one message pin much memory.
  maxMessageBytes: 64 * 1024,
  // Joining a busy room trickles many ICE candidates at once, hence the generous burst.
  messagesPerSecond: 50,
  messageBurst: 200,
  maxTopicsPerConnection: 100,
  maxTopicLength: 256,
  maxConnections: 256,
  // A device runs one connection per signaling URL whatever the number of rooms, so 16
  // leaves room for several apps and browser tabs behind one address (a NAT, a proxy).
  maxConnectionsPerAddress: 16,
  subscribeDeadlineMs: 10_000,
  // y-webrtc clients send a JSON ping after 15 s of silence, so a healthy one is never near this.
  idleTimeoutMs: 60_000,
  maxBufferedBytes: 1024 * 1024,
  // A person joining uses one, an inviter one per code made. The code's own defence is that
  // one wrong run burns it; this bounds how many nameplates one device can probe.
  codeAttemptsPerConnection: 4,
  codeAttemptsPerAddress: 30,
  codeAttemptWindowMs: 10 * 60 * 1000,
});

const limitsSchema = z.object({
  maxMessageBytes: z.number().int().positive(),
  messagesPerSecond: z.number().positive(),
  messageBurst: z.number().int().positive(),
  maxTopicsPerConnection: z.number().int().positive(),
  maxTopicLength: z.number().int().positive(),
  maxConnections: z.number().int().positive(),
  maxConnectionsPerAddress: z.number().int().positive(),
  subscribeDeadlineMs: z.number().int().positive(),
  idleTimeoutMs: z.number().int().positive(),
  maxBufferedBytes: z.number().int().positive(),
  codeAttemptsPerConnection: z.number().int().positive(),
  codeAttemptsPerAddress: z.number().int().positive(),
  codeAttemptWindowMs: z.number().int().positive(),
});

/** Fills in defaults and rejects nonsense (zero, negative, NaN) before anything listens. */
export function resolveSignalingLimits(overrides: Partial<SignalingLimits> = {}): SignalingLimits {
  const parsed = limitsSchema.safeParse({ ...defaultSignalingLimits, ...overrides });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RangeError(`Invalid signaling limit ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return Object.freeze(parsed.data);
}

/** Close codes a client can see, from RFC 6455 section 7.4.1. */
export const SignalingCloseCode = {
  goingAway: 1001,
  unsupportedData: 1003,
  invalidPayload: 1007,
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
  tryAgainLater: 1013,
} as const;

export interface TokenBucket {
  /** Takes one token; false when the bucket is empty. */
  take(): boolean;
}

export function createTokenBucket(capacity: number, refillPerSecond: number, now: () => number = Date.now): TokenBucket {
  let tokens = capacity;
  let last = now();
  return {
    take() {
      const current = now();
      tokens = Math.min(capacity, tokens + ((current - last) / 1000) * refillPerSecond);
      last = current;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

const nonEmptyTopic = z.string().min(1);
// Loose: y-webrtc relays every field of a publish (its `data`, `to`, `from`) untouched.
const envelopeSchema = z.looseObject({ type: z.string() });
const topicsSchema = z.object({ topics: z.array(nonEmptyTopic).optional() });
const publishSchema = z.looseObject({ type: z.literal('publish'), topic: nonEmptyTopic });

/** The origin of the desktop app's pages (electron/main registers the app: scheme). */
export const appOrigin = 'app://commonplace';

/**
 * Decides from an upgrade request's Origin header whether a connection may open. Browsers
 * always send Origin on a WebSocket, and a page cannot forge it, so this stops any web page
 * the person visits from using a signaling server on their machine or LAN. `undefined`
 * means no Origin header: not a browser page (a Node client, a command-line tool), which
 * could send any Origin it likes anyway.
 */
export type OriginCheck = (origin: string | undefined, request: IncomingMessage) => boolean;

/**
 * Allows the desktop app, clients that are not browser pages, and the listed origins
 * (for example a development server). Exact matches only, after URL normalisation.
 */
export function allowOrigins(extra: readonly string[] = []): OriginCheck {
  const allowed = new Set([appOrigin, ...extra.map((origin) => normaliseOrigin(origin)).filter((origin) => origin !== undefined)]);
  return (origin) => {
    if (origin === undefined) return true;
    const normalised = normaliseOrigin(origin);
    return normalised !== undefined && allowed.has(normalised);
  };
}

/** The origin of a URL (scheme://host[:port], default port dropped), or undefined if it is not one. */
export function normaliseOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    // Only for app:, which URL does not treat as special, is `origin` the string "null".
    return url.origin === 'null' ? `${url.protocol}//${url.host}` : url.origin;
  } catch {
    return undefined;
  }
}

export interface SignalingHubOptions {
  readonly limits?: Partial<SignalingLimits>;
  readonly warn?: Warn;
  /** Which Origin headers may connect; by default allowOrigins(): the app and non-browser clients. */
  readonly allowOrigin?: OriginCheck;
}

export interface SignalingHubStats {
  readonly connections: number;
  readonly topics: number;
}

export interface SignalingHub {
  readonly limits: SignalingLimits;
  /** Takes over an HTTP upgrade request; call it from an http server's 'upgrade' event. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /**
   * Serves upgrades to `path` (any path when omitted) on `server` and refuses every other
   * upgrade, so attach it only to a server whose upgrades are all ours. Returns a detach.
   */
  attach(server: Server, path?: string): () => void;
  stats(): SignalingHubStats;
  /** Closes every connection (1001) and stops the idle sweep. */
  close(): Promise<void>;
}

interface Peer {
  readonly socket: WebSocket;
  readonly address: string;
  readonly topics: Set<string>;
  readonly bucket: TokenBucket;
  readonly opened: number;
  /** Short-code topics subscribed so far. */
  codeAttempts: number;
  /** When the last application message arrived. */
  lastSeen: number;
  subscribed: boolean;
  closed: boolean;
}

/** Answers a refused upgrade with a status line, then drops the socket. */
function refuseUpgrade(socket: Duplex, status: number, statusText: string): void {
  // A client that resets mid-refusal must not surface as an unhandled 'error'.
  socket.on('error', () => undefined);
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function rawToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function pathnameOf(request: IncomingMessage): string | undefined {
  try {
    return new URL(request.url ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

export function createSignalingHub(options: SignalingHubOptions = {}): SignalingHub {
  const limits = resolveSignalingLimits(options.limits);
  const warn = options.warn ?? warnToConsole;
  // Our own tracking, not ws's, so the count covers exactly the peers we still serve.
  const wss = new WebSocketServer({ noServer: true, clientTracking: false, maxPayload: limits.maxMessageBytes, perMessageDeflate: false });
  const peers = new Set<Peer>();
  const topics = new Map<string, Set<Peer>>();
  const perAddress = new Map<string, number>();
  /** When each address subscribed to a short-code topic, within the last window. */
  const codeAttemptsByAddress = new Map<string, number[]>();
  const allowOrigin = options.allowOrigin ?? allowOrigins();
  let closing = false;

  const leaveTopic = (peer: Peer, topic: string): void => {
    peer.topics.delete(topic);
    const subscribers = topics.get(topic);
    if (!subscribers) return;
    subscribers.delete(peer);
    if (subscribers.size === 0) topics.delete(topic);
  };

  const forget = (peer: Peer): void => {
    if (!peers.delete(peer)) return;
    const count = (perAddress.get(peer.address) ?? 1) - 1;
    if (count > 0) perAddress.set(peer.address, count);
    else perAddress.delete(peer.address);
    for (const topic of [...peer.topics]) leaveTopic(peer, topic);
  };

  const refuse = (peer: Peer, code: number, reason: string): void => {
    if (peer.closed) return;
    peer.closed = true;
    warn(`signaling: closing connection from ${peer.address}: ${reason}`);
    // Leave the topics now: nothing more is relayed to or from a peer we are closing.
    forget(peer);
    peer.socket.close(code, reason);
  };

  const dropSlow = (peer: Peer): void => {
    if (peer.closed) return;
    peer.closed = true;
    warn(`signaling: dropping connection from ${peer.address}: more than ${limits.maxBufferedBytes} bytes waiting to be sent`);
    forget(peer);
    // Not close(): its close frame would wait behind the very backlog we are refusing.
    peer.socket.terminate();
  };

  const send = (peer: Peer, text: string): void => {
    if (peer.closed || peer.socket.readyState !== WebSocket.OPEN) return;
    if (peer.socket.bufferedAmount + Buffer.byteLength(text) > limits.maxBufferedBytes) {
      dropSlow(peer);
      return;
    }
    peer.socket.send(text);
  };

  const subscribe = (peer: Peer, requested: readonly string[]): void => {
    const tooLong = requested.find((topic) => topic.length > limits.maxTopicLength);
    if (tooLong !== undefined) {
      refuse(peer, SignalingCloseCode.policyViolation, `topic name longer than ${limits.maxTopicLength} characters`);
      return;
    }
    const wanted = new Set([...peer.topics, ...requested]);
    if (wanted.size > limits.maxTopicsPerConnection) {
      refuse(peer, SignalingCloseCode.policyViolation, `more than ${limits.maxTopicsPerConnection} topics`);
      return;
    }
    const newCodeTopics = [...new Set(requested)].filter((topic) => topic.startsWith(SHORT_CODE_TOPIC_PREFIX) && !peer.topics.has(topic)).length;
    if (newCodeTopics > 0 && !allowCodeAttempts(peer, newCodeTopics)) {
      refuse(peer, SignalingCloseCode.policyViolation, shortCodeRefusal);
      return;
    }
    if (requested.length > 0) peer.subscribed = true;
    for (const topic of requested) {
      peer.topics.add(topic);
      let subscribers = topics.get(topic);
      if (!subscribers) {
        subscribers = new Set();
        topics.set(topic, subscribers);
      }
      subscribers.add(peer);
    }
  };

  const recentCodeAttempts = (address: string, now: number): number[] => {
    const recent = (codeAttemptsByAddress.get(address) ?? []).filter((at) => now - at < limits.codeAttemptWindowMs);
    if (recent.length > 0) codeAttemptsByAddress.set(address, recent);
    else codeAttemptsByAddress.delete(address);
    return recent;
  };

  const allowCodeAttempts = (peer: Peer, count: number): boolean => {
    const now = Date.now();
    const recent = recentCodeAttempts(peer.address, now);
    if (peer.codeAttempts + count > limits.codeAttemptsPerConnection || recent.length + count > limits.codeAttemptsPerAddress) return false;
    peer.codeAttempts += count;
    codeAttemptsByAddress.set(peer.address, [...recent, ...Array.from({ length: count }, () => now)]);
    return true;
  };

  const publish = (peer: Peer, message: z.infer<typeof publishSchema>): void => {
    // y-webrtc clients always subscribe before publishing; requiring it stops a connection
    // from spraying messages into rooms it has not joined.
    if (!peer.topics.has(message.topic)) {
      warn(`signaling: dropped a publish from ${peer.address} to a topic it has not subscribed to`);
      return;
    }
    const receivers = topics.get(message.topic);
    if (!receivers) return;
    // Serialised once for every receiver; the sender is a subscriber and hears it too, as in y-webrtc.
    const text = JSON.stringify({ ...message, clients: receivers.size });
    for (const receiver of [...receivers]) send(receiver, text);
  };

  const onMessage = (peer: Peer, data: RawData, isBinary: boolean): void => {
    if (peer.closed) return;
    peer.lastSeen = Date.now();
    if (!peer.bucket.take()) {
      refuse(peer, SignalingCloseCode.policyViolation, 'rate limit exceeded');
      return;
    }
    if (isBinary) {
      refuse(peer, SignalingCloseCode.unsupportedData, 'text messages only');
      return;
    }
    const json = parseJson(rawToText(data));
    const envelope = json.ok ? envelopeSchema.safeParse(json.value) : undefined;
    if (!envelope?.success) {
      refuse(peer, SignalingCloseCode.invalidPayload, 'invalid message: expected a JSON object with a string "type"');
      return;
    }
    switch (envelope.data.type) {
      case 'subscribe':
      case 'unsubscribe': {
        const parsed = topicsSchema.safeParse(envelope.data);
        if (!parsed.success) {
          refuse(peer, SignalingCloseCode.invalidPayload, `invalid ${envelope.data.type}: "topics" must be an array of non-empty strings`);
          return;
        }
        const requested = parsed.data.topics ?? [];
        if (envelope.data.type === 'subscribe') subscribe(peer, requested);
        else for (const topic of requested) leaveTopic(peer, topic);
        return;
      }
      case 'publish': {
        const parsed = publishSchema.safeParse(envelope.data);
        if (!parsed.success) {
          refuse(peer, SignalingCloseCode.invalidPayload, 'invalid publish: "topic" must be a non-empty string');
          return;
        }
        publish(peer, parsed.data);
        return;
      }
      case 'ping':
        send(peer, JSON.stringify({ type: 'pong' }));
        return;
      default:
        // Unknown types are ignored, as y-webrtc's server does, so newer clients still work.
        return;
    }
  };

  const accept = (socket: WebSocket, address: string): void => {
    const now = Date.now();
    const peer: Peer = {
      socket,
      address,
      topics: new Set(),
      bucket: createTokenBucket(limits.messageBurst, limits.messagesPerSecond),
      opened: now,
      codeAttempts: 0,
      lastSeen: now,
      subscribed: false,
      closed: false,
    };
    peers.add(peer);
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    // No 'pong' listener on purpose: a pong frame is answered by the client library
    // without the application, so it would keep a connection alive that does nothing.
    socket.on('message', (data, isBinary) => {
      try {
        onMessage(peer, data, isBinary);
      } catch (error) {
        // An exception here would be uncaught and end the process for everyone. One known
        // cause: JSON nested deeply enough to parse but too deep to serialise again.
        refuse(peer, SignalingCloseCode.internalError, 'could not handle message');
        warn(`signaling: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    socket.on('error', (error) => {
      // ws has already sent the close frame (1009 for an oversized message); we only log.
      if (!peer.closed) warn(`signaling: closing connection from ${peer.address}: ${error.message}`);
      peer.closed = true;
      forget(peer);
    });
    socket.on('close', () => {
      peer.closed = true;
      forget(peer);
    });
  };

  // One sweep for all connections rather than a timer each; it runs often enough that
  // neither deadline is overshot by more than half of the shorter one.
  const sweep = setInterval(
    () => {
      const now = Date.now();
      for (const address of [...codeAttemptsByAddress.keys()]) recentCodeAttempts(address, now);
      for (const peer of [...peers]) {
        if (!peer.subscribed && now - peer.opened > limits.subscribeDeadlineMs) {
          refuse(peer, SignalingCloseCode.policyViolation, `no subscribe within ${limits.subscribeDeadlineMs} ms`);
          continue;
        }
        if (now - peer.lastSeen > limits.idleTimeoutMs) {
          warn(`signaling: terminating connection from ${peer.address}: idle for more than ${limits.idleTimeoutMs} ms`);
          peer.closed = true;
          forget(peer);
          peer.socket.terminate();
        }
      }
    },
    Math.max(10, Math.floor(Math.min(limits.idleTimeoutMs, limits.subscribeDeadlineMs) / 2)),
  );
  sweep.unref();

  const hub: SignalingHub = {
    limits,
    handleUpgrade(request, socket, head) {
      if (closing) {
        refuseUpgrade(socket, 503, 'Service Unavailable');
        return;
      }
      const address = request.socket.remoteAddress ?? 'unknown address';
      const origin = request.headers.origin;
      if (!allowOrigin(origin, request)) {
        warn(`signaling: refused a connection from ${address}: origin ${JSON.stringify(origin?.slice(0, 200))} is not allowed`);
        refuseUpgrade(socket, 403, 'Forbidden');
        return;
      }
      if (peers.size >= limits.maxConnections) {
        warn(`signaling: refused a connection from ${address}: already ${limits.maxConnections} connections`);
        refuseUpgrade(socket, 503, 'Service Unavailable');
        return;
      }
      if ((perAddress.get(address) ?? 0) >= limits.maxConnectionsPerAddress) {
        warn(`signaling: refused a connection from ${address}: already ${limits.maxConnectionsPerAddress} connections from that address`);
        refuseUpgrade(socket, 503, 'Service Unavailable');
        return;
      }
      // Without verifyClient, ws completes the handshake synchronously, so the counts
      // above cannot be overtaken by a concurrent upgrade.
      wss.handleUpgrade(request, socket, head, (ws) => {
        accept(ws, address);
      });
    },
    attach(server, path) {
      const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
        if (path === undefined || pathnameOf(request) === path) hub.handleUpgrade(request, socket, head);
        else refuseUpgrade(socket, 404, 'Not Found');
      };
      server.on('upgrade', onUpgrade);
      return () => {
        server.off('upgrade', onUpgrade);
      };
    },
    stats() {
      return { connections: peers.size, topics: topics.size };
    },
    async close() {
      closing = true;
      clearInterval(sweep);
      const sockets = [...peers].map((peer) => peer.socket);
      await Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.readyState === WebSocket.CLOSED) {
                resolve();
                return;
              }
              // A client that never answers the close frame must not hold up shutdown.
              const timer = setTimeout(() => socket.terminate(), 1000);
              socket.once('close', () => {
                clearTimeout(timer);
                resolve();
              });
              socket.close(SignalingCloseCode.goingAway, 'server shutting down');
            }),
        ),
      );
      peers.clear();
      perAddress.clear();
      codeAttemptsByAddress.clear();
      topics.clear();
      wss.close();
    },
  };
  return hub;
}

export interface SignalingServerOptions extends SignalingHubOptions {
  /** Defaults to loopback; pass 0.0.0.0 to serve the LAN. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Serve upgrades only at this path; any path when omitted, as y-webrtc's server does. */
  readonly path?: string;
}

export interface RunningSignalingServer {
  /** ws:// address including the path, with the host as given (0.0.0.0 stays 0.0.0.0). */
  readonly url: string;
  readonly port: number;
  readonly hub: SignalingHub;
  close(): Promise<void>;
}

export async function startSignalingServer(options: SignalingServerOptions = {}): Promise<RunningSignalingServer> {
  const host = options.host ?? '127.0.0.1';
  const hub = createSignalingHub(options);
  const server = createServer((request, response) => {
    // A plain GET is a health check, as with y-webrtc's server.
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
    response.end('okay');
  });
  hub.attach(server, options.path);
  let address;
  try {
    address = await listen(server, options.port ?? 4444, host);
  } catch (error) {
    await hub.close();
    throw error;
  }
  return {
    url: `ws://${hostForUrl(host)}:${address.port}${options.path ?? ''}`,
    port: address.port,
    hub,
    async close() {
      await hub.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
