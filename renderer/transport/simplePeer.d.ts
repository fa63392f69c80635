/** The part of simple-peer 9 we use (the package ships no types; y-webrtc imports this same build). */
declare module 'simple-peer/simplepeer.min.js' {
  export interface SimplePeerOptions {
    readonly initiator?: boolean;
    readonly config?: RTCConfiguration;
  }
  // The module's own shape: a default export, which our rule against them cannot change.
  // eslint-disable-next-line no-restricted-syntax
  export default class SimplePeer {
    constructor(options?: SimplePeerOptions);
    readonly connected: boolean;
    signal(data: unknown): void;
    send(data: Uint8Array): void;
    destroy(error?: Error): void;
    on(event: 'signal', listener: (data: { type?: string }) => void): this;
    on(event: 'connect' | 'close', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'data', listener: (data: Uint8Array) => void): this;
  }
}
