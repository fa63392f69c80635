/** A signaling server's text message as JSON; undefined for binary frames and what does not parse. */
export function readSignalingText(data: unknown): unknown {
  if (typeof data !== 'string') return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * One connection to a y-webrtc signaling server (its JSON protocol: subscribe, unsubscribe,
 * publish, ping/pong), reconnecting on its own. lib0's WebsocketClient did this and is
 * deprecated; this is the part we need.
 */
export class SignalingClient {
  private socket: WebSocket | null = null;
  private attempts = 0;
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private ping: ReturnType<typeof setInterval> | undefined;
  private lastHeard = 0;
  connected = false;

  constructor(
    readonly url: string,
    private readonly handlers: { readonly onOpen: () => void; readonly onClose: () => void; readonly onMessage: (message: unknown) => void },
    /** A server that answers nothing, not even pings, for this long is dropped and dialled again. */
    private readonly silenceMs = 30_000,
  ) {
    this.dial();
  }

  send(message: Record<string, unknown>): void {
    if (this.connected) this.socket?.send(JSON.stringify(message));
  }

  destroy(): void {
    this.closed = true;
    clearTimeout(this.retry);
    clearInterval(this.ping);
    this.socket?.close();
    this.socket = null;
  }

  private dial(): void {
    if (this.closed) return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url);
    } catch {
      this.scheduleRedial();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.connected = true;
      this.attempts = 0;
      this.lastHeard = Date.now();
      this.ping = setInterval(() => {
        if (Date.now() - this.lastHeard > this.silenceMs) socket.close();
        else this.send({ type: 'ping' });
      }, this.silenceMs / 2);
      this.handlers.onOpen();
    };
    socket.onmessage = (event: MessageEvent) => {
      this.lastHeard = Date.now();
      const message = readSignalingText(event.data);
      if (message !== undefined) this.handlers.onMessage(message);
    };
    const onClose = (): void => {
      if (this.socket !== socket) return;
      this.socket = null;
      clearInterval(this.ping);
      const was = this.connected;
      this.connected = false;
      if (was) this.handlers.onClose();
      this.scheduleRedial();
    };
    socket.onclose = onClose;
    socket.onerror = onClose;
  }

  private scheduleRedial(): void {
    if (this.closed) return;
    this.attempts += 1;
    // As y-webrtc: at once first, then a little longer each time, at most 2.5 s.
    this.retry = setTimeout(() => this.dial(), Math.min(Math.log10(this.attempts) * 1200, 2500));
  }
}
