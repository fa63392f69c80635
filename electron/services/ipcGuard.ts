import type { z } from 'zod';
import { ipcContract, type BridgeMethod, type IpcArgs, type IpcResult } from '../../shared/bridge/ipc.js';

/**
 * What a guarded handler needs to know about the event: only the frame that sent it.
 * Structural, so the guard is tested with a plain object and never imports Electron.
 */
export interface IpcSenderEvent {
  readonly senderFrame: { readonly url: string } | null;
}

/** Raised for a refused call; its message is what the renderer sees. */
export class IpcRefusal extends Error {
  override readonly name = 'IpcRefusal';
}

export type MainHandlers = { [M in BridgeMethod]: (...args: IpcArgs<M>) => Promise<IpcResult<M>> };

/**
 * True only for our own UI: the `app://` origin in production, the Vite dev server in
 * development. Any other frame (an injected iframe, a page navigated elsewhere) is refused.
 */
export function createSenderCheck(trustedOrigins: readonly string[]): (event: IpcSenderEvent) => boolean {
  const allowed = new Set(trustedOrigins);
  return (event) => {
    const url = event.senderFrame?.url;
    if (!url) return false;
    try {
      // Not URL.origin: Node gives "null" for custom schemes such as app://.
      const parsed = new URL(url);
      return allowed.has(`${parsed.protocol}//${parsed.host}`);
    } catch {
      return false;
    }
  };
}

/**
 * Wraps a handler so that it runs only for a trusted sender and arguments that match the
 * channel's schema; otherwise it rejects with a clear message and does nothing else.
 */
export function guardHandler<M extends BridgeMethod>(
  method: M,
  handler: MainHandlers[M],
  isTrustedSender: (event: IpcSenderEvent) => boolean,
): (event: IpcSenderEvent, ...args: unknown[]) => Promise<IpcResult<M>> {
  const schema: z.ZodTuple = ipcContract[method].args;
  return async (event, ...args) => {
    if (!isTrustedSender(event)) {
      throw new IpcRefusal(`Refused ${ipcContract[method].channel}: the request did not come from Commonplace's own window.`);
    }
    const parsed = schema.safeParse(args);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new IpcRefusal(`Refused ${ipcContract[method].channel}: ${issue?.message ?? 'invalid arguments'}.`);
    }
    const call = handler as (...a: unknown[]) => Promise<IpcResult<M>>;
    return call(...(parsed.data as unknown[]));
  };
}

/** Guards every handler of the contract; the result is what the glue registers with ipcMain. */
export function guardAllHandlers(
  handlers: MainHandlers,
  isTrustedSender: (event: IpcSenderEvent) => boolean,
): { channel: string; listener: (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown> }[] {
  return (Object.keys(ipcContract) as BridgeMethod[]).map((method) => ({
    channel: ipcContract[method].channel,
    listener: guardHandler(method, handlers[method] as never, isTrustedSender),
  }));
}
