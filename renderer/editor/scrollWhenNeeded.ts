import { Extension } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';
import { Plugin } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { afterNextPaint } from '../timing/afterNextPaint.js';

/** ProseMirror scrolls when the caret comes this close to an edge of what the person sees... */
const SCROLL_THRESHOLD_PX = 32;
/** ...and leaves this much room past it: typing at the bottom of the window keeps a few lines of air below. */
const SCROLL_MARGIN_PX = 128;
/** How many characters of change may pile up before the next measurement (each moves the caret a line at most). */
const MAX_UNMEASURED = 2;

export interface ScrollWhenNeededOptions {
  /** When the caret is measured again (default: after the next paint, when layout is fresh). */
  readonly schedule: (measure: () => void) => void;
}

/**
 * ProseMirror scrolls the selection into view after every keystroke, and to know whether
 * it must, it measures the caret: a forced layout of the whole story before the frame is
 * drawn (a real share of every key in a long harvest: docs/PERFORMANCE.md, "Typing in a long
 * harvest"), which the frame then does again.
 *
 * A key that adds or removes a character moves the caret by a line at most. So after each
 * frame (when measuring is cheap: layout is fresh) we note whether the caret is farther
 * from every edge than ProseMirror's scroll threshold plus `MAX_UNMEASURED` lines; while it
 * is, a change of up to `MAX_UNMEASURED` characters cannot bring it within the threshold,
 * ProseMirror would find nothing to scroll, and the measuring is skipped. Anything else (a
 * jump, a paste, a scroll, a bigger edit from someone else) waits for the next measurement,
 * and ProseMirror scrolls as it always does. When it does scroll, it leaves
 * `SCROLL_MARGIN_PX` of room, so typing at the bottom of the window is mostly skipped too.
 */
export const ScrollWhenNeeded = Extension.create<ScrollWhenNeededOptions>({
  name: 'scrollWhenNeeded',

  addOptions() {
    return { schedule: afterNextPaint };
  },

  addProseMirrorPlugins() {
    const { schedule } = this.options;
    // Per editor: whether the caret was comfortably in view when last measured, and how
    // many characters have changed since.
    let comfortable = false;
    let unmeasured = Infinity;
    let scheduled = false;
    let current: EditorView | null = null;

    const measure = (): void => {
      scheduled = false;
      const view = current;
      if (!view || view.isDestroyed) return;
      unmeasured = 0;
      comfortable = caretWellInView(view);
    };
    const measureLater = (): void => {
      if (scheduled) return;
      scheduled = true;
      schedule(measure);
    };
    const onScroll = (): void => {
      comfortable = false;
      measureLater();
    };

    return [
      new Plugin({
        props: {
          handleScrollToSelection: () => comfortable && unmeasured <= MAX_UNMEASURED,
          scrollThreshold: SCROLL_THRESHOLD_PX,
          scrollMargin: SCROLL_MARGIN_PX,
        },
        view(view) {
          current = view;
          const win = view.dom.ownerDocument.defaultView;
          // Capture: a scroll of any container the story sits in.
          view.dom.ownerDocument.addEventListener('scroll', onScroll, { capture: true, passive: true });
          win?.addEventListener('resize', onScroll, { passive: true });
          measureLater();
          return {
            // Runs before ProseMirror decides to scroll, for every new state.
            update(updated, previous) {
              const moved = changedCharacters(previous, updated.state);
              if (moved === 0) return;
              unmeasured += moved;
              measureLater();
            },
            destroy() {
              current = null;
              view.dom.ownerDocument.removeEventListener('scroll', onScroll, { capture: true });
              win?.removeEventListener('resize', onScroll);
            },
          };
        },
      }),
    ];
  },
});

/**
 * How many characters a new state changed around the caret: the size of the document's
 * changed range (or Infinity for anything but a small change), and how far the caret moved
 * beyond that. 0 when neither the document nor the caret moved.
 */
export function changedCharacters(previous: EditorState, next: EditorState): number {
  let changed = 0;
  if (previous.doc !== next.doc) {
    const start = previous.doc.content.findDiffStart(next.doc.content);
    if (start !== null) {
      const end = previous.doc.content.findDiffEnd(next.doc.content);
      if (!end) return Infinity;
      changed = Math.max(end.a - start, end.b - start, 0);
      // Something other than text changed size (a paragraph split or joined, a node added).
      if (!previous.doc.resolve(Math.min(start, previous.doc.content.size)).parent.isTextblock) return Infinity;
    }
  }
  const jump = Math.abs(next.selection.head - previous.selection.head);
  if (jump > changed + 1) return Infinity;
  return Math.max(changed, jump);
}

/** Whether the caret is farther than the scroll threshold plus MAX_UNMEASURED lines inside every box that clips the story, and the window. */
function caretWellInView(view: EditorView): boolean {
  if (!view.hasFocus()) return false;
  let caret: { top: number; bottom: number };
  try {
    caret = view.coordsAtPos(view.state.selection.head);
  } catch {
    return false;
  }
  const margin = SCROLL_THRESHOLD_PX + MAX_UNMEASURED * Math.max(caret.bottom - caret.top, 16);
  const win = view.dom.ownerDocument.defaultView;
  let top = 0;
  let bottom = win?.innerHeight ?? 0;
  for (let node = view.dom.parentElement; node; node = node.parentElement) {
    const overflow = win?.getComputedStyle(node).overflowY;
    if (overflow === 'visible' || overflow === undefined) continue;
    const box = node.getBoundingClientRect();
    top = Math.max(top, box.top);
    bottom = Math.min(bottom, box.bottom);
  }
  return caret.top - top >= margin && bottom - caret.bottom >= margin;
}
