import { z } from 'zod';
import { memberColours } from '../model/colours.js';

/**
 * Presence (y-webrtc awareness) is the third kind of data, apart from the document and
 * the session: who is here and where. It comes from peers, so it is validated like
 * everything else that arrives from the network.
 */
export const presenceSchema = z.looseObject({
  /** Read by TipTap's collaboration caret: the name and colour on a caret. */
  user: z.strictObject({ name: z.string().min(1).max(60), color: z.enum(memberColours), memberId: z.string().max(64) }),
  /** Which entry the person has open, e.g. `harvest:<id>`, or null. */
  location: z.string().max(160).nullable(),
  /** y-prosemirror's caret: relative positions, opaque to us but bounded. */
  cursor: z.union([z.null(), z.looseObject({ anchor: z.unknown(), head: z.unknown() })]).optional(),
});

export type Presence = z.infer<typeof presenceSchema>;
