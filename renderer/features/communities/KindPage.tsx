import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KindSection } from '../../../shared/model/Entry.js';
import { CreateDialog, type CreateChoice } from '../../components/CreateDialog.js';
import { EntryList, KindLayout, type EntryListItem } from '../../components/EntryList.js';
import type { KindViewProps } from './kindView.js';

/** The translation namespace of a kind: its intro, "New …", list label and empty state live there. */
export type KindKey = KindSection;

/** What an empty list of a kind says: what the kind is for, and how to start one. */
export function EmptyList({ kind }: { kind: KindKey }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="empty-title">{t(`${kind}.emptyTitle`)}</p>
      <p>{t(`${kind}.emptyBody`)}</p>
    </>
  );
}

export interface CreateEntry {
  /** The label of the one field the "New …" dialog asks for (a term, a title). */
  readonly fieldLabel: string;
  readonly hint?: string;
  /** A warning to show while typing (a term the glossary already has), or null. */
  readonly warn?: (value: string) => string | null;
  /** Asked in the dialog too, before the entry exists (see CreateChoice). */
  readonly choice?: CreateChoice;
  /** Makes the entry and returns its id, which is then selected. */
  readonly create: (value: string, chosen: string | undefined) => string;
}

export interface KindPageProps<T extends { readonly id: string }> {
  readonly kind: KindKey;
  readonly title: string;
  readonly view: KindViewProps;
  readonly entries: readonly T[];
  readonly toItem: (entry: T) => EntryListItem;
  readonly selected: T | null;
  readonly detail: (entry: T) => ReactNode;
  /** Whether new entries may be made (not in a community opened read-only). */
  readonly canCreate: boolean;
  readonly create: CreateEntry;
}

/**
 * A kind with one list: the header with its "New …" action, the list (or what an empty one
 * says), the selected entry or a hint to pick one, and the "New …" dialog, which the shell
 * can also open (Ctrl/Cmd+Shift+N).
 */
export function KindPage<T extends { readonly id: string }>({ kind, title, view, entries, toItem, selected, detail, canCreate, create }: KindPageProps<T>) {
  const { t } = useTranslation();
  const { selectedId, onSelect, creating, onCreatingChange } = view;
  return (
    <>
      <KindLayout
        title={title}
        intro={t(`${kind}.intro`)}
        newLabel={t(`${kind}.new`)}
        onNew={canCreate ? () => onCreatingChange(true) : null}
        list={<EntryList label={t(`${kind}.listLabel`)} items={entries.map(toItem)} selectedId={selectedId} onSelect={onSelect} empty={<EmptyList kind={kind} />} />}
        detail={selected ? detail(selected) : entries.length > 0 && <p className="hint">{t('common.selectOne')}</p>}
      />
      {creating && canCreate && (
        <CreateDialog
          title={t(`${kind}.new`)}
          fieldLabel={create.fieldLabel}
          hint={create.hint}
          warn={create.warn}
          choice={create.choice}
          create={(value, chosen) => onSelect(create.create(value, chosen))}
          onClose={() => onCreatingChange(false)}
        />
      )}
    </>
  );
}
