import { Awareness } from 'y-protocols/awareness';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { quietCaretAwareness, sameCaret } from './caretAwareness.js';

function setup() {
  const doc = new Y.Doc();
  const text = doc.getText('story');
  text.insert(0, 'We began in silence.');
  const awareness = new Awareness(doc);
  awareness.setLocalState({ user: { name: 'Amira' }, cursor: null });
  const updates = vi.fn();
  awareness.on('update', updates);
  const at = (index: number) => Y.createRelativePositionFromTypeIndex(text, index);
  // Publishing waits for the frame to be painted; here, for `paint()`.
  const queued: (() => void)[] = [];
  const paint = (): void => queued.splice(0).forEach((publish) => publish());
  return { doc, text, awareness, quiet: quietCaretAwareness(awareness, 'cursor', (publish) => queued.push(publish)), updates, at, paint };
}

describe('the caret as published to others', () => {
  it('publishes a caret that moved once the frame is painted, and not one that stayed where it was', () => {
    const { quiet, updates, at, awareness, paint } = setup();
    quiet.setLocalStateField('cursor', { anchor: at(3), head: at(3) });
    expect(updates).not.toHaveBeenCalled();
    paint();
    expect(updates).toHaveBeenCalledTimes(1);
    // What the caret plugin does after every remote edit: the same place, as a new object.
    quiet.setLocalStateField('cursor', { anchor: at(3), head: at(3) });
    quiet.setLocalStateField('cursor', JSON.parse(JSON.stringify({ anchor: at(3), head: at(3) })));
    paint();
    expect(updates).toHaveBeenCalledTimes(1);
    // Several keys before a frame: only where the caret ended up is published.
    quiet.setLocalStateField('cursor', { anchor: at(4), head: at(4) });
    quiet.setLocalStateField('cursor', { anchor: at(5), head: at(5) });
    quiet.setLocalStateField('cursor', { anchor: at(3), head: at(7) });
    paint();
    expect(updates).toHaveBeenCalledTimes(2);
    expect(sameCaret(awareness.getLocalState()?.cursor, { anchor: at(3), head: at(7) })).toBe(true);
  });

  it('takes the caret away at once, and a move still waiting is never published after it', () => {
    const { quiet, updates, at, awareness, paint } = setup();
    quiet.setLocalStateField('cursor', { anchor: at(3), head: at(3) });
    paint();
    quiet.setLocalStateField('cursor', { anchor: at(9), head: at(9) });
    quiet.setLocalStateField('cursor', null);
    expect(awareness.getLocalState()?.cursor).toBeNull();
    expect(updates).toHaveBeenCalledTimes(2);
    paint();
    quiet.setLocalStateField('cursor', null);
    expect(updates).toHaveBeenCalledTimes(2);
    expect(awareness.getLocalState()?.cursor).toBeNull();
  });

  it('ties a caret to the character after it, so typing at the caret publishes nothing more', () => {
    const { quiet, updates, text, doc, awareness, paint } = setup();
    // As the caret plugin makes them: tied to the character before (assoc -1).
    const before = (index: number) => Y.createRelativePositionFromTypeIndex(text, index, -1);
    quiet.setLocalStateField('cursor', { anchor: before(3), head: before(3) });
    paint();
    expect(updates).toHaveBeenCalledTimes(1);
    for (const [i, letter] of Array.from('and ').entries()) {
      text.insert(3 + i, letter);
      quiet.setLocalStateField('cursor', { anchor: before(4 + i), head: before(4 + i) });
      paint();
    }
    expect(updates).toHaveBeenCalledTimes(1);
    // What others see: the caret after the four letters, where its owner's is.
    const published = awareness.getLocalState()?.cursor as { head: unknown };
    const at = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(published.head), doc);
    expect(at?.index).toBe(7);
    // At the end of the story, too.
    quiet.setLocalStateField('cursor', { anchor: before(text.length), head: before(text.length) });
    paint();
    text.insert(text.length, '!');
    quiet.setLocalStateField('cursor', { anchor: before(text.length), head: before(text.length) });
    paint();
    expect(updates).toHaveBeenCalledTimes(2);
  });

  it('publishes again a caret that someone else typing at the same spot pushed away', () => {
    const { quiet, updates, text, doc, awareness, paint } = setup();
    const before = (index: number) => Y.createRelativePositionFromTypeIndex(text, index, -1);
    const end = text.length;
    quiet.setLocalStateField('cursor', { anchor: before(end), head: before(end) });
    paint();
    // Another person appends at the end, where this caret is; its owner's caret stays put
    // (the editor keeps it before their text) and the caret plugin says so after the edit.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    other.getText('story').insert(end, ' Then stories came.');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    quiet.setLocalStateField('cursor', { anchor: before(end), head: before(end) });
    paint();
    expect(updates).toHaveBeenCalledTimes(2);
    const published = awareness.getLocalState()?.cursor as { head: unknown };
    expect(Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(published.head), doc)?.index).toBe(end);
  });

  it('passes every other field and method through to the real awareness', () => {
    const { quiet, awareness, updates } = setup();
    quiet.setLocalStateField('user', { name: 'Amira' });
    expect(updates).toHaveBeenCalledTimes(1);
    expect(quiet.clientID).toBe(awareness.clientID);
    expect(quiet.getStates()).toBe(awareness.getStates());
    const listener = vi.fn();
    quiet.on('change', listener);
    awareness.setLocalStateField('location', 'harvest:1');
    expect(listener).toHaveBeenCalledTimes(1);
    quiet.off('change', listener);
  });

  it('compares carets by where they point, and never throws on strange values', () => {
    const { at } = setup();
    expect(sameCaret(null, null)).toBe(true);
    expect(sameCaret({ anchor: at(1), head: at(1) }, null)).toBe(false);
    expect(sameCaret({ anchor: at(1), head: at(1) }, { anchor: at(2), head: at(1) })).toBe(false);
    expect(sameCaret({ anchor: 'x', head: 1 }, { anchor: at(2), head: at(1) })).toBe(false);
  });
});
