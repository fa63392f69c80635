/**
 * Colours people are given for their name and caret. Each keeps at least 4.5:1 contrast
 * with white text and is distinct from its neighbours, so carets stay readable in light
 * and dark themes.
 */
export const memberColours = [
  '#b4236b', // raspberry
  '#1f6f8b', // teal
  '#7a4fb3', // violet
  '#2f7a3a', // moss
  '#b3461f', // rust
  '#2557a7', // blue
  '#8a5a00', // ochre
  '#5f6b1f', // olive
] as const;

export type MemberColour = (typeof memberColours)[number];

export function isMemberColour(value: unknown): value is MemberColour {
  return typeof value === 'string' && (memberColours as readonly string[]).includes(value);
}

/** A colour for a new person; `random` is injectable so tests are deterministic. */
export function pickMemberColour(random: () => number = Math.random): MemberColour {
  return memberColours[Math.floor(random() * memberColours.length) % memberColours.length] ?? memberColours[0];
}
