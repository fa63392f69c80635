import { CommonplaceError } from '../../shared/CommonplaceError.js';
import { checkLink, externalLinkSchema } from '../../shared/links.js';

/**
 * Decisions the main process makes about what the renderer may do, kept free of Electron
 * so each is unit-tested. The glue in electron/main only wires them to Electron events.
 */

/** The renderer never navigates: it is a single-page app and every view is client-side. */
export function allowNavigation(_targetUrl: string): boolean {
  return false;
}

/**
 * Permission requests (camera, microphone, geolocation, notifications...) are all denied:
 * Commonplace needs none of them, and WebRTC data channels need no permission.
 */
export function allowPermission(_permission: string): boolean {
  return false;
}

export type WindowOpenDecision = { action: 'deny'; openExternally: string | null };

/**
 * `window.open` and target=_blank never create a window; a safe web or mail link is
 * handed to the system browser instead, anything else is dropped.
 */
export function decideWindowOpen(url: string): WindowOpenDecision {
  const check = checkLink(externalLinkSchema, url);
  return { action: 'deny', openExternally: check.ok ? check.url : null };
}

/**
 * Opens a link with the operating system only if it is http, https or mailto.
 * `open` is `shell.openExternal` in the app and a spy in tests.
 */
export async function openExternalSafely(url: unknown, open: (url: string) => Promise<void>): Promise<void> {
  const check = checkLink(externalLinkSchema, url);
  if (!check.ok) throw new CommonplaceError(check.reason);
  await open(check.url);
}
