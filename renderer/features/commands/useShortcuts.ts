import { useEffect, useEffectEvent } from 'react';
import type { Command } from './commands.js';
import { isMacPlatform, isTypingTarget, matches } from './shortcuts.js';

/**
 * Runs a command when its shortcut is pressed anywhere in the window, unless a dialog is
 * open (it has the keyboard then) or something closer, such as the editor, used the key.
 */
export function useShortcuts(commands: readonly Command[]): void {
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing || document.querySelector('dialog[open]')) return;
    const mac = isMacPlatform();
    const typing = isTypingTarget(event.target);
    const command = commands.find((c) => c.shortcuts?.some((s) => matches(event, s, mac, typing)));
    if (!command) return;
    event.preventDefault();
    command.run();
  });
  useEffect(() => {
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
