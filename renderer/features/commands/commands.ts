import type { ComponentType } from 'react';
import type { Shortcut } from './shortcuts.js';

/** One thing the person can do from the keyboard or the command palette. */
export interface Command {
  readonly id: string;
  /** In the UI language; names from documents (a community) are inserted as they are. */
  readonly label: string;
  /** A heading the palette groups by ("Go to", "Create", "Preferences"). */
  readonly group: string;
  readonly shortcuts?: readonly Shortcut[];
  readonly icon?: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
  /** Left out of the palette (the palette's own shortcut). */
  readonly hidden?: boolean;
  readonly run: () => void;
}
