import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog.js';
import type { Command } from './commands.js';
import { formatShortcut, isMacPlatform, matchesQuery } from './shortcuts.js';

/**
 * Ctrl/Cmd+K: every action with its shortcut, filtered as you type. A combobox that
 * owns a listbox (the ARIA pattern): focus stays in the field, the arrow keys move the
 * active option, Enter runs it, Escape closes and focus goes back where it was.
 */
export function CommandPalette({ commands, onClose }: { commands: readonly Command[]; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const mac = isMacPlatform();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const visible = useMemo(() => commands.filter((c) => !c.hidden && matchesQuery(`${c.label} ${c.group}`, query)), [commands, query]);
  const current = Math.min(active, Math.max(visible.length - 1, 0));
  const optionId = (index: number): string => `${id}-option-${index}`;

  useEffect(() => {
    document.getElementById(`${id}-option-${current}`)?.scrollIntoView({ block: 'nearest' });
  }, [id, current]);

  const run = (command: Command | undefined): void => {
    if (!command) return;
    onClose();
    // After the palette has closed and given focus back, so the command can move it on.
    window.setTimeout(command.run, 0);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    const last = visible.length - 1;
    if (event.key === 'ArrowDown') setActive(current >= last ? 0 : current + 1);
    else if (event.key === 'ArrowUp') setActive(current <= 0 ? last : current - 1);
    else if (event.key === 'PageDown') setActive(Math.min(last, current + 5));
    else if (event.key === 'PageUp') setActive(Math.max(0, current - 5));
    else if (event.key === 'Enter') run(visible[current]);
    else return;
    event.preventDefault();
  };

  return (
    <Dialog title={t('commands.title')} onClose={onClose} describedBy={`${id}-help`}>
      <div className="palette">
        <label htmlFor={`${id}-input`} className="visually-hidden">
          {t('commands.filterLabel')}
        </label>
        <input
          id={`${id}-input`}
          role="combobox"
          aria-expanded={visible.length > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={visible.length > 0 ? optionId(current) : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('commands.placeholder')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <p id={`${id}-help`} className="hint">
          {t('commands.help')}
        </p>
        <ul id={`${id}-list`} role="listbox" aria-label={t('commands.listLabel')} className="palette-list">
          {visible.map((command, index) => {
            const Icon = command.icon;
            return (
              <li
                key={command.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === current}
                className="palette-option"
                onMouseMove={() => setActive(index)}
                onClick={() => run(command)}
              >
                {Icon ? <Icon size={16} aria-hidden /> : <span className="palette-icon-space" aria-hidden="true" />}
                <span className="palette-label">{command.label}</span>
                {command.shortcuts?.map((shortcut) => (
                  <kbd key={formatShortcut(shortcut, mac)}>{formatShortcut(shortcut, mac)}</kbd>
                ))}
              </li>
            );
          })}
        </ul>
        <p role="status" className="hint">
          {visible.length === 0 ? t('commands.none') : t('commands.count', { count: visible.length })}
        </p>
      </div>
    </Dialog>
  );
}
