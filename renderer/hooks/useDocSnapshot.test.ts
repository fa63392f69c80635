// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { observableType, useChangeCount, type Observable } from './useDocSnapshot.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Something that changes outside React, counting who listens. */
class Model implements Observable {
  readonly listeners = new Set<() => void>();
  observe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  change(): void {
    for (const listener of this.listeners) listener();
  }
}

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.replaceChildren();
  vi.useRealTimers();
});

function Count({ model, throttleMs }: { model: Observable | null; throttleMs?: number }) {
  return createElement('output', null, String(useChangeCount(model, throttleMs)));
}

function shown(model: Observable | null, throttleMs?: number): () => string {
  act(() => {
    root = createRoot(document.body.appendChild(document.createElement('div')));
    root.render(createElement(Count, { model, throttleMs }));
  });
  return () => document.querySelector('output')?.textContent ?? '';
}

describe('useChangeCount', () => {
  it('re-renders with a new count on each change, and stops listening when gone', () => {
    const model = new Model();
    const count = shown(model);
    expect(count()).toBe('0');
    act(() => model.change());
    act(() => model.change());
    expect(count()).toBe('2');
    act(() => root?.unmount());
    root = null;
    expect(model.listeners.size).toBe(0);
  });

  it('counts a burst once when throttled', () => {
    vi.useFakeTimers();
    const model = new Model();
    const count = shown(model, 1000);
    act(() => {
      for (let i = 0; i < 5; i += 1) model.change();
    });
    expect(count()).toBe('0');
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(count()).toBe('1');
  });

  it('follows nothing when given nothing', () => {
    expect(shown(null)()).toBe('0');
  });

  it('follows typing in a Y.Text', () => {
    const doc = new Y.Doc();
    const text = doc.getText('story');
    const count = shown(observableType(text));
    act(() => text.insert(0, 'Hello'));
    expect(count()).toBe('1');
  });
});
