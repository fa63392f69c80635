/**
 * Keyboard shortcuts as data: matched against key events and written out for people,
 * the platform's way ("Ctrl+Shift+N" on Windows and Linux, "⇧⌘N" on a Mac).
 */
export interface Shortcut {
  /** The key as `KeyboardEvent.key` gives it ("k", "/", ","), compared without case. */
  readonly key: string;
  /** Matched on `KeyboardEvent.code` instead when set ("Digit1"), for Alt+digit on a Mac. */
  readonly code?: string;
  /** Ctrl on Windows and Linux, Cmd on a Mac. */
  readonly mod?: boolean;
  readonly shift?: boolean;
  readonly alt?: boolean;
  /** A plain key ("/") would type into a field, so it only works outside fields. */
  readonly notWhileTyping?: boolean;
}

export interface KeyLike {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

export function isMacPlatform(userAgent: string = typeof navigator === 'undefined' ? '' : navigator.userAgent): boolean {
  return /Mac|iPhone|iPad/.test(userAgent);
}

const isLetter = (key: string): boolean => /^[a-z]$/i.test(key);

export function matches(event: KeyLike, shortcut: Shortcut, mac: boolean, typing = false): boolean {
  if (typing && shortcut.notWhileTyping) return false;
  const mod = mac ? event.metaKey : event.ctrlKey;
  const otherMod = mac ? event.ctrlKey : event.metaKey;
  if (mod !== Boolean(shortcut.mod) || otherMod) return false;
  if (event.altKey !== Boolean(shortcut.alt)) return false;
  // Symbols such as "/" need Shift on some layouts (Italian: Shift+7), so Shift only counts for letters and named shortcuts.
  if ((isLetter(shortcut.key) || shortcut.code || shortcut.shift) && event.shiftKey !== Boolean(shortcut.shift)) return false;
  if (shortcut.code) return event.code === shortcut.code;
  return event.key.toLowerCase() === shortcut.key.toLowerCase();
}

const keyLabel = (key: string): string => (key.length === 1 ? key.toUpperCase() : key);

/** How the shortcut is shown, e.g. "Ctrl+Shift+N" or "⇧⌘N". */
export function formatShortcut(shortcut: Shortcut, mac: boolean): string {
  const key = keyLabel(shortcut.key);
  if (mac) return `${shortcut.alt ? '⌥' : ''}${shortcut.shift ? '⇧' : ''}${shortcut.mod ? '⌘' : ''}${key}`;
  return [shortcut.mod && 'Ctrl', shortcut.alt && 'Alt', shortcut.shift && 'Shift', key].filter(Boolean).join('+');
}

/** The same, for `aria-keyshortcuts` ("Control+Shift+N"). */
export function ariaShortcut(shortcut: Shortcut, mac: boolean): string {
  return [shortcut.mod && (mac ? 'Meta' : 'Control'), shortcut.alt && 'Alt', shortcut.shift && 'Shift', keyLabel(shortcut.key)]
    .filter(Boolean)
    .join('+');
}

/** True when the key event comes from somewhere the person types. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  return (target as Element).closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/** Lower case and without accents, so "glossario" finds "Glossario" and "caffe" finds "Café". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** Every word of the query appears somewhere in the text. */
export function matchesQuery(text: string, query: string): boolean {
  const haystack = foldForSearch(text);
  return foldForSearch(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
