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

/** One person present, as far as their colour goes: who, the colour they chose, when they came. */
export interface PresentColour {
  readonly clientId: number;
  readonly colour: string;
  /** When they joined (their clock, ms); the same number on every device. */
  readonly since: number;
}

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as [number, number, number];
const distance = (a: string, b: string): number => {
  const [x, y] = [rgb(a), rgb(b)];
  return (x[0] - y[0]) ** 2 + (x[1] - y[1]) ** 2 + (x[2] - y[2]) ** 2;
};

/**
 * The colour each present person is shown in: the one they chose, unless someone who came
 * earlier already shows it; then the free colour nearest to their choice. Everyone is
 * ordered by when they came (then by client id), so every device shows the same colours.
 * Only the display changes: nobody's chosen colour is rewritten. With more people than
 * colours, the later ones keep their own choice.
 */
export function distinctColours(members: readonly PresentColour[]): Map<number, string> {
  const shown = new Map<number, string>();
  const taken = new Set<string>();
  const ordered = [...members].sort((a, b) => a.since - b.since || a.clientId - b.clientId);
  for (const member of ordered) {
    let colour = member.colour;
    if (taken.has(colour) && isMemberColour(colour)) {
      const free = memberColours.filter((each) => !taken.has(each));
      // The nearest by red, green and blue; a tie goes to the earlier colour in the list.
      colour = free.reduce<string | undefined>((best, each) => (best === undefined || distance(each, member.colour) < distance(best, member.colour) ? each : best), undefined) ?? colour;
    }
    taken.add(colour);
    shown.set(member.clientId, colour);
  }
  return shown;
}
