import { z } from 'zod';

/**
 * Links are untrusted wherever they come from (a peer, a file, the clipboard), so every
 * place that follows or stores one goes through these schemas. zod's URL check parses
 * with the platform's WHATWG URL parser, the same one that will later follow the link.
 */

/** Links the desktop shell may hand to the operating system. */
export const externalLinkSchema = z
  .string({ error: 'A link must be text.' })
  .max(4096, { error: 'That link is too long.' })
  .pipe(z.url({ protocol: /^(https?|mailto)$/, error: 'Only web (http, https) and email (mailto) links can be opened.' }));

/** Links stored in documents (resources, rich text): web pages only. */
export const webLinkSchema = z
  .string({ error: 'A link must be text.' })
  .trim()
  .max(4096, { error: 'That link is too long.' })
  .pipe(z.url({ protocol: /^https?$/, error: 'Only web links (http or https) are allowed.' }));

export type LinkCheck = { ok: true; url: string } | { ok: false; reason: string };

/** Checks a link against a schema and returns the person-readable reason when refused. */
export function checkLink(schema: z.ZodType<string>, url: unknown): LinkCheck {
  const result = schema.safeParse(url);
  if (result.success) return { ok: true, url: result.data };
  return { ok: false, reason: result.error.issues[0]?.message ?? 'That link is not allowed.' };
}
