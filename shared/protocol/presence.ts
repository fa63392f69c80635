import { z } from 'zod';
import { memberColours } from '../model/colours.js';

/**
 * Presence (y-webrtc awareness) is the third kind of data, apart from the document and
 * the session: who is here and where. It comes from peers, so it is validated like
 * everything else that arrives from the network.
 */

/** A Yjs id: which client wrote a struct, and its clock. Clients are 32-bit numbers. */
const yjsIdSchema = z.strictObject({
  client: z.number().int().min(0).max(0xffff_ffff),
  clock: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

/**
 * A Y.RelativePosition as it travels in a caret: y-tiptap puts the object itself in the
 * awareness state, so JSON carries its absent parts as `null`. The caret layer turns it into a place in the text, so anything it cannot
 * resolve (`null`, a string, an id without a clock) is refused here: a caret it cannot draw
 * once stopped the editor from showing remote edits, and the next keystroke wrote the stale
 * view back over them.
 */
export const relativePositionSchema = z
  .strictObject({
    type: yjsIdSchema.nullish(),
    tname: z.string().min(1).max(100).nullish(),
    item: yjsIdSchema.nullish(),
    assoc: z.number().int().min(-1).max(0).optional(),
  })
  // Yjs resolves a position from its item, or else from its type by name or by id.
  .refine((position) => position.item != null || position.tname != null || position.type != null, {
    error: 'a caret position must name an item or a type',
  });

export const caretSchema = z.strictObject({ anchor: relativePositionSchema, head: relativePositionSchema });

export const presenceSchema = z.looseObject({
  /** Read by TipTap's collaboration caret: the name and colour on a caret. */
  user: z.strictObject({ name: z.string().min(1).max(60), color: z.enum(memberColours), memberId: z.string().max(64) }),
  /** When this person came (their clock, ms): who came later gives way on a shared colour (distinctColours). */
  since: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  /** Which entry the person has open, e.g. `harvest:<id>`, or null. */
  location: z.string().max(160).nullable(),
  /** y-prosemirror's caret: two relative positions, checked to be ones Yjs can resolve. */
  cursor: z.union([z.null(), caretSchema]).optional(),
});

export type Presence = z.infer<typeof presenceSchema>;
