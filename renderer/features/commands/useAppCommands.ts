import { Archive, ArchiveRestore, Download, History, Languages, LogIn, Maximize2, Monitor, Moon, PanelLeft, Plus, Search, Settings, Sun, Trash2, Upload, UserPlus, Users } from 'lucide-react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { entryKinds, sectionOf, type EntryKind } from '../../../shared/model/Entry.js';
import type { PersonalDoc, Theme } from '../../../shared/model/PersonalDoc.js';
import { uiLanguage } from '../../app/preferences.js';
import { useAnnounce } from '../../components/Announcer.js';
import { kindIcons } from '../../components/kindIcons.js';
import { useDocSnapshot } from '../../hooks/useDocSnapshot.js';
import { languageName, supportedLanguages } from '../../i18n/index.js';
import { requestAction, useAnsweredActions, type RequestableAction } from './actionRequests.js';
import type { Command } from './commands.js';
import type { Shortcut } from './shortcuts.js';

const themeIcons = { system: Monitor, light: Sun, dark: Moon } as const;

export const shortcuts = {
  /** Works everywhere, the story editor included (there Ctrl/Cmd+K makes a link). */
  palette: { key: 'p', mod: true, shift: true },
  /** The habit from other apps, outside the editor. */
  paletteOutsideEditor: { key: 'k', mod: true },
  searchMod: { key: 'f', mod: true },
  searchSlash: { key: '/', notWhileTyping: true },
  newEntry: { key: 'n', mod: true, shift: true },
  settings: { key: ',', mod: true },
  writingMode: { key: 'e', mod: true, shift: true },
  kind: (index: number): Shortcut => ({ key: String(index + 1), code: `Digit${index + 1}`, alt: true }),
} as const;

export interface ShellActions {
  readonly personal: PersonalDoc;
  /** The open community, or null on home. */
  readonly community: { readonly id: string; readonly kind: EntryKind; readonly readOnly: boolean } | null;
  readonly openPalette: () => void;
  readonly focusSearch: () => void;
  readonly goToKind: (kind: EntryKind) => void;
  /** Opens the "New …" dialog of the kind shown. */
  readonly newEntry: () => void;
  readonly newCommunity: () => void;
  readonly join: () => void;
  readonly openSettings: () => void;
  readonly openCommunity: (id: string) => void;
  readonly toggleNavigation: () => void;
  /** Null where there is nothing to write in (home, search). */
  readonly toggleWriting: (() => void) | null;
}

/** The app's commands for the palette and the shortcuts, in the current language. */
export function useAppCommands(actions: ShellActions): Command[] {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const { personal, community } = actions;
  const communities = useDocSnapshot(personal, () => personal.communities);
  const settings = useDocSnapshot(personal, () => personal.settings);
  const go = t('commands.groupGo');
  const create = t('commands.groupCreate');
  const prefs = t('commands.groupPreferences');
  const keep = t('export.toolsHeading');
  const answered = useAnsweredActions();
  /** A command for a dialog another part of the screen owns, offered only while that part is shown. */
  const requested = (action: RequestableAction, label: string, group: string, icon: Command['icon']): Command[] =>
    answered.has(action) ? [{ id: action, label, group, icon, run: () => requestAction(action) }] : [];

  const commands: Command[] = [
    { id: 'palette', label: t('commands.title'), group: prefs, shortcuts: [shortcuts.palette, shortcuts.paletteOutsideEditor], hidden: true, run: actions.openPalette },
    {
      id: 'search',
      label: t('commands.search'),
      group: go,
      icon: Search,
      shortcuts: [shortcuts.searchMod, shortcuts.searchSlash],
      run: actions.focusSearch,
    },
  ];
  if (community) {
    entryKinds.forEach((kind, index) => {
      commands.push({
        id: `kind:${kind}`,
        label: t('commands.goTo', { place: t(`kinds.${kind}`) }),
        group: go,
        icon: kindIcons[kind],
        shortcuts: [shortcuts.kind(index)],
        run: () => actions.goToKind(kind),
      });
    });
    // "New …" of every kind: the kind shown has the shortcut; another kind is opened first.
    // A community opened read-only still takes dilemmas (they start in the private journal).
    for (const kind of entryKinds) {
      if (community.readOnly && kind !== 'dilemma') continue;
      const here = kind === community.kind;
      commands.push({
        id: here ? 'new-entry' : `new:${kind}`,
        label: t(`${sectionOf(kind)}.new`),
        group: create,
        icon: Plus,
        shortcuts: here ? [shortcuts.newEntry] : undefined,
        run: here
          ? actions.newEntry
          : () => {
              actions.goToKind(kind);
              actions.newEntry();
            },
      });
    }
  }
  commands.push(
    {
      id: 'new-community',
      label: t('communities.new'),
      group: create,
      icon: Plus,
      shortcuts: community ? undefined : [shortcuts.newEntry],
      run: actions.newCommunity,
    },
    { id: 'join', label: t('join.button'), group: create, icon: LogIn, run: actions.join },
  );
  commands.push(
    ...requested('invite', t('invite.button'), create, UserPlus),
    ...requested('export', t('export.open'), keep, Download),
    ...requested('import', t('import.open'), keep, Upload),
    ...requested('backup', t('backup.open'), keep, Archive),
    ...requested('restore', t('backup.restoreOpen'), keep, ArchiveRestore),
    ...requested('history', t('commands.history'), go, History),
    ...requested('trash', t('trash.open'), go, Trash2),
  );
  for (const membership of communities) {
    if (membership.id === community?.id) continue;
    commands.push({
      id: `community:${membership.id}`,
      label: t('commands.openCommunity', { name: membership.name }),
      group: go,
      icon: Users,
      run: () => actions.openCommunity(membership.id),
    });
  }
  commands.push({ id: 'navigation', label: t('layout.toggleNavigation'), group: prefs, icon: PanelLeft, run: actions.toggleNavigation });
  if (actions.toggleWriting)
    commands.push({ id: 'writing', label: t('layout.writingMode'), group: prefs, icon: Maximize2, shortcuts: [shortcuts.writingMode], run: actions.toggleWriting });
  commands.push({
    id: 'settings',
    label: t('settings.title'),
    group: prefs,
    icon: Settings,
    shortcuts: [shortcuts.settings],
    run: actions.openSettings,
  });
  for (const theme of ['light', 'dark', 'system'] as const satisfies readonly Theme[]) {
    if (theme === settings.theme) continue;
    commands.push({
      id: `theme:${theme}`,
      label: t(`commands.theme.${theme}`),
      group: prefs,
      icon: themeIcons[theme],
      run: () => {
        personal.setTheme(theme);
        announce(t('commands.themeChanged', { theme: t(`settings.themes.${theme}`) }));
      },
    });
  }
  for (const code of supportedLanguages) {
    if (code === i18next.language) continue;
    commands.push({
      id: `language:${code}`,
      label: t('commands.useLanguage', { language: languageName(code) }),
      group: prefs,
      icon: Languages,
      run: () => {
        personal.setLanguage(code);
        announce(i18next.getFixedT(uiLanguage(code))('settings.saved'));
      },
    });
  }
  return commands;
}
