import { distinctColours, isMemberColour, type PresentColour } from '../../../shared/model/colours.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The colour each person present is shown in, from the presence states (awareness): their
 * own, or the nearest free one when someone who came earlier shows it (distinctColours).
 * "Who's here" and the carets in a story both read it here, so a person has one colour on
 * a screen, and the same on every screen. Cheap enough to run as carets move: no parsing
 * beyond the two fields it needs; anyone without a palette colour is left out.
 */
export function shownColours(states: ReadonlyMap<number, unknown>): Map<number, string> {
  const members: PresentColour[] = [];
  states.forEach((state, clientId) => {
    const user = isRecord(state) ? state.user : null;
    if (!isRecord(user) || !isMemberColour(user.color)) return;
    // Someone whose app does not say when they came counts as the latest to come.
    const since = isRecord(state) && Number.isSafeInteger(state.since) && (state.since as number) >= 0 ? (state.since as number) : Number.MAX_SAFE_INTEGER;
    members.push({ clientId, colour: user.color, since });
  });
  return distinctColours(members);
}
