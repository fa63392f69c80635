import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from './ErrorCard.js';

export interface EntryListItem {
  readonly id: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly badge?: string;
}

/**
 * The list side of every kind: items as buttons (so they are reachable by Tab and work
 * with Enter and Space), the selected one marked with aria-current.
 */
export function EntryList({ label, items, selectedId, onSelect, empty }: { label: string; items: readonly EntryListItem[]; selectedId: string | null; onSelect: (id: string) => void; empty: ReactNode }) {
  const { t } = useTranslation();
  if (items.length === 0) return <div className="empty-state">{empty}</div>;
  return (
    <ul className="entry-list" aria-label={label}>
      {items.map((item) => (
        <li key={item.id}>
          <ErrorBoundary resetOn={item} title={() => item.title}>
            <button type="button" className="entry-list-item" aria-current={item.id === selectedId ? 'true' : undefined} onClick={() => onSelect(item.id)}>
              <span className="entry-title">{item.title || t('common.untitled')}</span>
              {item.badge && <span className="badge">{item.badge}</span>}
              {item.subtitle && <span className="entry-subtitle">{item.subtitle}</span>}
            </button>
          </ErrorBoundary>
        </li>
      ))}
    </ul>
  );
}

/** The two-pane frame shared by every kind: header with the "New …" action, list, detail. */
export function KindLayout({ title, intro, newLabel, onNew, list, detail }: { title: string; intro: string; newLabel: string; onNew: (() => void) | null; list: ReactNode; detail: ReactNode }) {
  return (
    <div className="kind-layout">
      <div className="kind-header">
        <div>
          <h1 tabIndex={-1}>{title}</h1>
          <p className="hint">{intro}</p>
        </div>
        {onNew && (
          <button type="button" className="primary" onClick={onNew}>
            {newLabel}
          </button>
        )}
      </div>
      <div className="kind-panes">
        <div className="kind-list">{list}</div>
        <div className="kind-detail">
          <ErrorBoundary resetOn={detail}>{detail}</ErrorBoundary>
        </div>
      </div>
    </div>
  );
}
