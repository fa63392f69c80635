import {
  makeShortCode,
  readShortCodeMessage,
  shortCodeRefusal,
  shortCodeTopic,
  ShortCodeClaim,
  ShortCodeOffer,
  type ShortCode,
  type ShortCodeMessage,
  type ShortCodeRefusal,
} from '../../shared/protocol/shortCode.js';
import { CommonplaceError } from '../../shared/CommonplaceError.js';
import { readSignalingText } from './signaling.js';

/**
 * Carries a short-code exchange (shared/protocol/shortCode.ts) over y-webrtc signaling
 * servers: both devices subscribe to the nameplate's topic and publish the exchange's
 * messages there. The server relays them like any other signaling; it sees the nameplate,
 * key shares and tags, and a sealed invite, none of which tell it the code or the invite.
 */

/** y-webrtc's servers close a connection silent for a minute; this keeps a waiting one open. */
const PING_MS = 20_000;

interface TopicSocket {
  publish(data: ShortCodeMessage): void;
  close(): void;
}

interface TopicHandlers {
  readonly onOpen: () => void;
  /** Every publish on the topic, with the server's count of subscribers. */
  readonly onPublish: (data: unknown, clients: number | undefined, socket: TopicSocket) => void;
  readonly onClose: (reason: string, opened: boolean) => void;
}

function openTopic(url: string, topic: string, handlers: TopicHandlers): TopicSocket {
  let socket: WebSocket | null = null;
  let opened = false;
  let ping: ReturnType<typeof setInterval> | undefined;
  let ended = false;
  const end = (reason: string): void => {
    if (ended) return;
    ended = true;
    clearInterval(ping);
    handlers.onClose(reason, opened);
  };
  const handle: TopicSocket = {
    publish(data) {
      if (socket && socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'publish', topic, data }));
    },
    close() {
      ended = true;
      clearInterval(ping);
      socket?.close();
    },
  };
  try {
    socket = new WebSocket(url);
  } catch {
    queueMicrotask(() => end(''));
    return handle;
  }
  const live = socket;
  live.onopen = () => {
    opened = true;
    live.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
    ping = setInterval(() => live.send(JSON.stringify({ type: 'ping' })), PING_MS);
    handlers.onOpen();
  };
  live.onmessage = (event: MessageEvent) => {
    const message = readSignalingText(event.data);
    if (typeof message !== 'object' || message === null) return;
    const { type, topic: about, data, clients } = message as Record<string, unknown>;
    if (type === 'publish' && about === topic) handlers.onPublish(data, typeof clients === 'number' ? clients : undefined, handle);
  };
  live.onclose = (event: CloseEvent) => end(event.reason);
  live.onerror = () => end('');
  return handle;
}

/**
 * Looks a short code up through `urls` and returns the long invite it stands for, or
 * throws a CommonplaceError saying why not. Nothing is stored either way.
 */
export function claimShortCode(code: ShortCode, urls: readonly string[], timeoutMs = 20_000): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const servers = [...new Set(urls)];
    if (servers.length === 0) {
      reject(new CommonplaceError('shortCodeNoSignaling'));
      return;
    }
    const claim = new ShortCodeClaim(code);
    const first = claim.start();
    const sockets: TopicSocket[] = [];
    /** Servers that can no longer help: closed, or where nobody else listens on the topic. */
    const useless = new Set<TopicSocket>();
    let anyOpened = false;
    let answered = false;
    let settled = false;
    const finish = (outcome: { invite: string } | { refusal: ShortCodeRefusal }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const socket of sockets) socket.close();
      if ('invite' in outcome) resolve(outcome.invite);
      else reject(new CommonplaceError(outcome.refusal));
    };
    const giveUpIfNothingLeft = (): void => {
      if (useless.size < sockets.length || answered) return;
      finish({ refusal: anyOpened ? 'shortCodeNotFound' : 'shortCodeNoSignaling' });
    };
    const timer = setTimeout(() => finish({ refusal: answered ? 'shortCodeNoAnswer' : anyOpened ? 'shortCodeNotFound' : 'shortCodeNoSignaling' }), timeoutMs);
    const topic = shortCodeTopic(code.nameplate);
    for (const url of servers) {
      const socket: TopicSocket = openTopic(url, topic, {
        onOpen: () => {
          anyOpened = true;
          void first.then((message) => socket.publish(message));
        },
        onPublish: (data, clients, from) => {
          const message = readShortCodeMessage(data);
          if (!message || settled) return;
          // Our own first message, echoed with the count: alone on the topic, nobody offers the code here.
          if (message.step === 'a' && message.sid === claim.sid) {
            if (clients === 1) {
              useless.add(from);
              giveUpIfNothingLeft();
            }
            return;
          }
          void claim.receive(message).then((step) => {
            if (step.kind === 'ignore') return;
            answered = true;
            if (step.kind === 'reply') from.publish(step.message);
            else if (step.kind === 'invite') finish({ invite: step.invite });
            else {
              // Tell the inviter at once, so its screen says a wrong code was tried.
              if (step.reply) from.publish(step.reply);
              finish({ refusal: step.refusal });
            }
          });
        },
        onClose: (reason) => {
          if (reason === shortCodeRefusal) {
            finish({ refusal: 'shortCodeTooManyAttempts' });
            return;
          }
          useless.add(socket);
          giveUpIfNothingLeft();
        },
      });
      sockets.push(socket);
    }
  });
}

export type OfferConnection = 'connecting' | 'listening' | 'unreachable' | 'refused';

export interface ShortCodeOfferHandle {
  readonly code: ShortCode;
  readonly offer: ShortCodeOffer;
  /** Whether any signaling server carries the code; `refused` after too many codes from here. */
  onConnection(listener: (state: OfferConnection) => void): () => void;
  /** Stops listening: the code can no longer be used from then on. */
  close(): void;
}

/** How long a started run may wait for the joiner's confirmation before it counts as a wrong guess. */
const RUN_TIMEOUT_MS = 30_000;
const REDIAL_MS = 2_000;

/**
 * Makes a short code for `invite` and waits on every server in `urls` for the one device
 * that knows it. Listening goes on after the code is used or burned, so a late joiner is
 * told why, until close().
 */
export function offerShortCode(invite: string, urls: readonly string[]): ShortCodeOfferHandle {
  const code = makeShortCode();
  const offer = new ShortCodeOffer(code, invite);
  const topic = shortCodeTopic(code.nameplate);
  const servers = [...new Set(urls)];
  const listeners = new Set<(state: OfferConnection) => void>();
  const open = new Set<string>();
  const down = new Set<string>();
  const sockets = new Map<string, TopicSocket>();
  let state: OfferConnection = servers.length === 0 ? 'unreachable' : 'connecting';
  let closed = false;
  let runTimer: ReturnType<typeof setTimeout> | undefined;
  const redials = new Set<ReturnType<typeof setTimeout>>();
  const setState = (next: OfferConnection): void => {
    if (state === next) return;
    state = next;
    for (const listener of listeners) listener(next);
  };
  const expiry = setTimeout(() => offer.expireIfDue(), Math.max(0, offer.expiresAt - Date.now()));
  offer.onStatus((status) => {
    clearTimeout(runTimer);
    if (status === 'joining') runTimer = setTimeout(() => offer.abandonRun(), RUN_TIMEOUT_MS);
  });
  const dial = (url: string): void => {
    if (closed) return;
    const socket = openTopic(url, topic, {
      onOpen: () => {
        open.add(url);
        down.delete(url);
        setState('listening');
      },
      onPublish: (data, _clients, from) => {
        const message = readShortCodeMessage(data);
        if (!message) return;
        void offer.receive(message).then((reply) => {
          if (reply) from.publish(reply);
        });
      },
      onClose: (reason) => {
        open.delete(url);
        down.add(url);
        if (closed) return;
        if (reason === shortCodeRefusal) {
          setState('refused');
          return;
        }
        if (open.size === 0 && down.size === servers.length) setState('unreachable');
        // A finished code has nothing more to give; each dial would count as another attempt.
        if (offer.finished) return;
        // A server restarting or a network blip must not end the offer: dial again.
        const redial = setTimeout(() => {
          redials.delete(redial);
          dial(url);
        }, REDIAL_MS);
        redials.add(redial);
      },
    });
    sockets.set(url, socket);
  };
  for (const url of servers) dial(url);
  return {
    code,
    offer,
    onConnection(listener) {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      clearTimeout(expiry);
      clearTimeout(runTimer);
      for (const redial of redials) clearTimeout(redial);
      for (const socket of sockets.values()) socket.close();
      // A code nobody listens for any more cannot be used; say so in the dialog's terms.
      offer.expireIfDue(Number.POSITIVE_INFINITY);
    },
  };
}
