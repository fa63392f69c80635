// @vitest-environment jsdom
import { act, createElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary, EntryTitleContext } from '../../renderer/components/ErrorCard.js';
import { initialiseI18n } from '../../renderer/i18n/index.js';

// React's act() checks this flag to know it is running in a test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Entry({ title }: { title: string }): ReactNode {
  // Stands for a view that overflows the stack on a story nested 9,000 deep.
  if (title === 'Deep story') throw new RangeError('Maximum call stack size exceeded');
  return createElement('p', null, `Showing ${title}`);
}

let root: Root | null = null;
const host = (): HTMLElement => document.body;
const show = (node: ReactNode): void => {
  act(() => {
    root ??= createRoot(host());
    root.render(node);
  });
};

beforeAll(async () => {
  await initialiseI18n('en');
});
afterEach(() => {
  act(() => root?.unmount());
  root = null;
});

describe('an entry that cannot be shown (issue 15.2)', () => {
  it('becomes an error card with its title, and the next entry shows again', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const view = (title: string) => createElement(ErrorBoundary, { resetOn: title, title: () => title, children: createElement(Entry, { title }) });
    show(view('Deep story'));
    expect(host().textContent).toContain('This entry could not be shown');
    expect(host().textContent).toContain('Deep story');
    expect(host().querySelector('[role="alert"]')).not.toBeNull();
    show(view('Spring circle'));
    expect(host().textContent).toBe('Showing Spring circle');
    quiet.mockRestore();
  });

  it('takes its title from the entry on screen, and does without one it cannot read', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const unreadable = (): string => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    show(createElement(EntryTitleContext.Provider, { value: () => 'Deep story', children: createElement(ErrorBoundary, { children: createElement(Entry, { title: 'Deep story' }) }) }));
    expect(host().textContent).toContain('Deep story');
    show(createElement(ErrorBoundary, { resetOn: 2, title: unreadable, children: createElement(Entry, { title: 'Deep story' }) }));
    expect(host().textContent).toContain('This entry could not be shown');
    expect(host().textContent).not.toContain('Deep story');
    quiet.mockRestore();
  });
});
