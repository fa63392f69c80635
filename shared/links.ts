import { z } from 'zod';
import { refusal, zodRefusal, type ErrorCode } from './CommonplaceError.js';

/**
 * Links are untrusted wherever they come from (a peer, a file, the clipboard), so every
 * place that follows or stores one goes through these schemas. zod's URL check parses
 * with the platform's WHATWG URL parser, the same one that will later follow the link.
 */

/** Links the desktop shell may hand to the operating system. */
export const externalLinkSchema = z
  .string(refusal('linkNotText'))
  .max(4096, refusal('linkTooLong'))
  .pipe(z.url({ protocol: /^(https?|mailto)$/, ...refusal('externalLinkOnly') }));

/** Links stored in documents (resources, rich text): web pages only. */
export const webLinkSchema = z
  .string(refusal('linkNotText'))
  .trim()
  .max(4096, refusal('linkTooLong'))
  .pipe(z.url({ protocol: /^https?$/, ...refusal('webLinkOnly') }));

export type LinkCheck = { ok: true; url: string } | { ok: false; reason: ErrorCode };

/** Checks a link against a schema and returns why it was refused, as an error code. */
export function checkLink(schema: z.ZodType<string>, url: unknown): LinkCheck {
  const result = schema.safeParse(url);
  if (result.success) return { ok: true, url: result.data };
  return { ok: false, reason: zodRefusal(result.error, 'linkNotAllowed').code };
}
