import { describe, expect, it } from 'vitest';
import { ariaShortcut, formatShortcut, isMacPlatform, matches, matchesQuery, type KeyLike } from './shortcuts.js';

const key = (overrides: Partial<KeyLike>): KeyLike => ({
  key: '',
  code: '',
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...overrides,
});

describe('keyboard shortcuts', () => {
  it('uses Ctrl on Windows and Linux and Cmd on a Mac', () => {
    const palette = { key: 'k', mod: true };
    expect(matches(key({ key: 'k', ctrlKey: true }), palette, false)).toBe(true);
    expect(matches(key({ key: 'k', metaKey: true }), palette, false)).toBe(false);
    expect(matches(key({ key: 'k', metaKey: true }), palette, true)).toBe(true);
    expect(matches(key({ key: 'k', ctrlKey: true }), palette, true)).toBe(false);
    expect(matches(key({ key: 'k' }), palette, false)).toBe(false);
  });

  it('tells Ctrl+Shift+N from Ctrl+N', () => {
    const newEntry = { key: 'n', mod: true, shift: true };
    expect(matches(key({ key: 'N', ctrlKey: true, shiftKey: true }), newEntry, false)).toBe(true);
    expect(matches(key({ key: 'n', ctrlKey: true }), newEntry, false)).toBe(false);
  });

  it('matches Alt+digit on the physical key, since a Mac types a symbol', () => {
    const second = { key: '2', code: 'Digit2', alt: true };
    expect(matches(key({ key: '™', code: 'Digit2', altKey: true }), second, true)).toBe(true);
    expect(matches(key({ key: '2', code: 'Digit2' }), second, false)).toBe(false);
  });

  it('lets "/" work with Shift (Italian keyboards) but not while typing in a field', () => {
    const search = { key: '/', notWhileTyping: true };
    expect(matches(key({ key: '/', shiftKey: true, code: 'Digit7' }), search, false)).toBe(true);
    expect(matches(key({ key: '/' }), search, false, true)).toBe(false);
  });

  it('writes shortcuts the platform way, for people and for aria-keyshortcuts', () => {
    expect(formatShortcut({ key: 'n', mod: true, shift: true }, false)).toBe('Ctrl+Shift+N');
    expect(formatShortcut({ key: 'n', mod: true, shift: true }, true)).toBe('⇧⌘N');
    expect(formatShortcut({ key: '1', code: 'Digit1', alt: true }, false)).toBe('Alt+1');
    expect(ariaShortcut({ key: 'k', mod: true }, true)).toBe('Meta+K');
    expect(ariaShortcut({ key: 'k', mod: true }, false)).toBe('Control+K');
    expect(isMacPlatform('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)')).toBe(true);
    expect(isMacPlatform('Mozilla/5.0 (X11; Linux x86_64)')).toBe(false);
  });

  it('filters commands by every word, ignoring case and accents', () => {
    expect(matchesQuery('Vai al Glossario', 'glos')).toBe(true);
    expect(matchesQuery('Nuova comunità', 'comunita nuova')).toBe(true);
    expect(matchesQuery('New harvest', 'new glossary')).toBe(false);
  });
});
