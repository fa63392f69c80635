import { Awareness } from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { memberColours } from '../../../shared/model/colours.js';
import { shownColours } from './presenceColours.js';

const [raspberry, teal] = memberColours;
const user = (name: string, color: string) => ({ name, color, memberId: name });

describe('shownColours', () => {
  it('reads the colours of the people in a real awareness, the later of two on one colour giving way', () => {
    const mine = new Awareness(new Y.Doc());
    mine.setLocalState({ user: user('Amira', raspberry), since: 100, location: null });
    const states = new Map(mine.getStates());
    states.set(mine.clientID + 1, { user: user('Giulia', raspberry), since: 200, location: null });
    const shown = shownColours(states);
    expect(shown.get(mine.clientID)).toBe(raspberry);
    expect(shown.get(mine.clientID + 1)).not.toBe(raspberry);
    mine.destroy();
  });

  it('counts a peer that says nothing or nonsense about when it came as the latest, and leaves out states without a palette colour', () => {
    const states = new Map<number, unknown>([
      [1, { user: user('Late', teal), since: -5 }],
      [2, { user: user('Early', teal), since: 10 }],
      [3, { user: user('Odd', teal), since: 'yesterday' }],
      [4, { user: user('Script', '<script>'), since: 1 }],
      [5, null],
      [6, { user: 'teal' }],
    ]);
    const shown = shownColours(states);
    expect(shown.get(2)).toBe(teal);
    expect(shown.get(1)).not.toBe(teal);
    expect(shown.get(3)).not.toBe(teal);
    expect(shown.get(1)).not.toBe(shown.get(3));
    expect([...shown.keys()].sort()).toEqual([1, 2, 3]);
  });
});
