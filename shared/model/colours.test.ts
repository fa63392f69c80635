import { describe, expect, it } from 'vitest';
import { distinctColours, memberColours } from './colours.js';

const [raspberry, teal, violet] = memberColours;

describe('distinctColours', () => {
  it('keeps everyone’s own colour when nobody shares it', () => {
    const shown = distinctColours([
      { clientId: 7, colour: teal, since: 2 },
      { clientId: 3, colour: raspberry, since: 1 },
    ]);
    expect([...shown]).toEqual([
      [3, raspberry],
      [7, teal],
    ]);
  });

  it('gives the later of two people with the same colour the free colour nearest to it, in whatever order they are listed', () => {
    const first = { clientId: 900, colour: raspberry, since: 1000 };
    const later = { clientId: 5, colour: raspberry, since: 2000 };
    const one = distinctColours([first, later]);
    const other = distinctColours([later, first]);
    expect(one.get(900)).toBe(raspberry);
    expect(one.get(5)).not.toBe(raspberry);
    expect(memberColours).toContain(one.get(5));
    expect([...other].sort()).toEqual([...one].sort());
    // The nearest by red, green and blue: rust (#b3461f) is closest to raspberry (#b4236b).
    expect(one.get(5)).toBe('#b3461f');
  });

  it('orders people who came at the same moment by client id', () => {
    const shown = distinctColours([
      { clientId: 9, colour: violet, since: 5 },
      { clientId: 4, colour: violet, since: 5 },
    ]);
    expect(shown.get(4)).toBe(violet);
    expect(shown.get(9)).not.toBe(violet);
  });

  it('gives distinct colours to as many people as there are colours, then lets the rest keep their own', () => {
    const crowd = Array.from({ length: memberColours.length + 2 }, (_, i) => ({ clientId: i, colour: teal, since: i }));
    const shown = distinctColours(crowd);
    const firstEight = crowd.slice(0, memberColours.length).map((m) => shown.get(m.clientId));
    expect(new Set(firstEight).size).toBe(memberColours.length);
    expect(shown.get(memberColours.length)).toBe(teal);
  });

  it('leaves a colour that is not one of the palette as it is', () => {
    const shown = distinctColours([
      { clientId: 1, colour: '#000000', since: 1 },
      { clientId: 2, colour: '#000000', since: 2 },
    ]);
    expect(shown.get(2)).toBe('#000000');
  });
});
