import { ArrowDown, ArrowUp } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDate } from '../../../shared/dates.js';
import { consentLevels, harvestItemTypes, type Consent, type Harvest, type HarvestItemType } from '../../../shared/model/Harvest.js';
import type { Community } from '../../../shared/model/Community.js';
import { setHarvestConsent } from '../../../shared/model/sharing.js';
import { parseField, titleSchema } from '../../../shared/model/fields.js';
import { createPrivateHarvest } from '../../../shared/model/privateHarvest.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { useAnnounce } from '../../components/Announcer.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { ErrorMessage, FormActions } from '../../components/FormActions.js';
import { ListField, OverwriteNotice, SelectField, TextField, tryCommit } from '../../components/fields.js';
import { RichTextEditor } from '../../editor/LazyRichTextEditor.js';
import { useDocSnapshot } from '../../hooks/useDocSnapshot.js';
import { useOverwrites } from '../../hooks/useOverwrites.js';
import { useFormat } from '../../i18n/useFormat.js';
import { deleteWithUndoBar } from '../communities/deleteEntry.js';
import { KindPage } from '../communities/KindPage.js';
import { AddedBy } from '../history/AddedBy.js';
import { SessionHeader } from './SessionHeader.js';
import { HistoryButton } from '../history/HistoryButton.js';
import { EntryAcross } from '../offer/EntryAcross.js';
import { ConsentChoice } from './ConsentChoice.js';
import './harvests.css';
import type { KindViewProps } from '../communities/kindView.js';

/**
 * The harvest's choice fields and its title: last-writer-wins (a title is checked whole,
 * 1 to 200 characters, which a character merge of two retypings could break), with a
 * notice when someone else's value replaces this person's.
 */
const choiceKeys = ['title', 'sessionDate', 'online', 'method', 'consent'] as const;

/** Story harvests: what a session produced, with who may see it. */
export function HarvestsView(props: KindViewProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const workspace = useWorkspace();
  const { community, readOnly } = props.opened;
  const harvests = useDocSnapshot(workspace, () =>
    [...community.harvests.list(), ...workspace.personal.privateHarvestsOf(community.id)].sort((a, b) => (b.sessionDate || '').localeCompare(a.sessionDate || '') || b.updatedAt - a.updatedAt),
  );
  return (
    <KindPage
      kind="harvests"
      title={t('kinds.harvest')}
      view={props}
      entries={harvests}
      toItem={(h) => ({ id: h.id, title: h.title, subtitle: [format.day(h.sessionDate), t(`harvests.methods.${h.method}`)].filter(Boolean).join(' · '), badge: t(`harvests.consentShort.${h.consent}`) })}
      selected={harvests.find((h) => h.id === props.selectedId) ?? null}
      detail={(harvest) => <HarvestDetail key={harvest.id} harvest={harvest} props={props} />}
      canCreate={!readOnly}
      create={{
        fieldLabel: t('common.title'),
        hint: t('harvests.newHint'),
        // Asked before anything is written, with nothing pre-selected: a harvest private to me
        // goes straight into the personal document (its title and story never enter the
        // community's history), and nothing is shared until the person says it may be.
        choice: {
          render: (chosen, choose) => <ConsentChoice value={consentLevels.find((level) => level === chosen)} onChoose={choose} asking />,
        },
        create: (title, chosen) => {
          // The title is checked first, so its refusal is not hidden behind the question of consent.
          parseField(titleSchema, title);
          const consent = consentLevels.find((level) => level === chosen);
          if (!consent) throw new Error('Please choose who may see this harvest.');
          const fill = (h: Harvest): void => {
            h.setTitle(title);
            h.setSessionDate(localDate());
            if (consent !== 'private') h.setSharedConsent(consent);
          };
          const memberId = workspace.personal.identity?.id ?? '';
          return (consent === 'private' ? createPrivateHarvest(workspace.personal, community, memberId, fill) : community.harvests.create(memberId, fill)).id;
        },
      }}
    />
  );
}

function HarvestDetail({ harvest, props }: { harvest: Harvest; props: KindViewProps }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { opened, terms } = props;
  const { community, readOnly } = opened;
  const isPrivate = harvest.consent === 'private';
  const s = useDocSnapshot(workspace, () => ({
    title: harvest.title,
    sessionDate: harvest.sessionDate,
    place: harvest.place,
    online: harvest.online,
    method: harvest.method,
    methodOther: harvest.methodOther,
    callingQuestion: harvest.callingQuestion,
    themes: harvest.themes,
    consent: harvest.consent,
    storytellers: harvest.storytellers,
    items: harvest.items,
  }));
  // Choices stay last-writer-wins: when someone else replaces one made here, say so by the field.
  const { notices, dismiss } = useOverwrites(community, harvest, isPrivate ? [] : choiceKeys, workspace.personal.identity?.id);
  const [pendingConsent, setPendingConsent] = useState<Consent | null>(null);
  const [consentError, setConsentError] = useState<string | null>(null);
  const changeConsent = (consent: Consent): void => {
    setConsentError(tryCommit(() => setHarvestConsent(workspace.personal, community, harvest.id, consent)));
    setPendingConsent(null);
  };
  return (
    <article className="detail" aria-labelledby="detail-title">
      <h2 id="detail-title">{s.title}</h2>
      <EntryAcross opened={opened} entry={harvest} />
      {isPrivate && <p className="notice">{t('harvests.privateNotice')}</p>}
      <TextField
        label={t('common.title')}
        value={s.title}
        readOnly={readOnly}
        onCommit={(v) => {
          harvest.setTitle(v);
          dismiss('title');
        }}
      />
      <OverwriteNotice overwrite={notices.get('title')} show={String} />
      <SessionHeader harvest={harvest} session={s} readOnly={readOnly} notices={notices} dismiss={dismiss} />
      <ConsentChoice
        value={s.consent}
        disabled={readOnly}
        leavingPrivate={isPrivate}
        onChoose={(level) => {
          dismiss('consent');
          if (level === s.consent) return;
          // Crossing into private moves the harvest between documents: confirm first. Public
          // was confirmed by the choice itself (which also says that a private one is shared).
          if (level === 'private' || (s.consent === 'private' && level === 'community')) setPendingConsent(level);
          else changeConsent(level);
        }}
      >
        <OverwriteNotice overwrite={notices.get('consent')} show={(v) => t(`harvests.consentLevels.${String(v)}`)} />
        {consentError && (
          <p className="error" role="alert">
            {consentError}
          </p>
        )}
      </ConsentChoice>
      <ListField label={t('harvests.themes')} values={s.themes} inline readOnly={readOnly} hint={t('common.commaSeparated')} onCommit={(v) => harvest.setThemes(v)} />
      <div className="field">
        <span className="label">{t('harvests.body')}</span>
        {!isPrivate && <HistoryButton opened={opened} entry={harvest.map} title={s.title} />}
        <RichTextEditor text={harvest.body} label={t('harvests.body')} terms={terms} readOnly={readOnly} presence={!isPrivate} />
      </div>
      <HarvestItems harvest={harvest} items={s.items} readOnly={readOnly} community={isPrivate ? null : community} />
      {!readOnly && (
        <div className="actions danger-zone">
          <button
            type="button"
            className="danger"
            onClick={() => deleteWithUndoBar(isPrivate ? workspace.personal.privateHarvests : community.harvests, harvest.id, harvest.title, props)}
          >
            {t('harvests.delete')}
          </button>
        </div>
      )}
      {pendingConsent && (
        <ConfirmDialog
          title={t('harvests.consentConfirmTitle')}
          confirmLabel={pendingConsent === 'private' ? t('harvests.makePrivate') : t('harvests.shareWithCommunity')}
          onConfirm={() => changeConsent(pendingConsent)}
          onClose={() => setPendingConsent(null)}
        >
          <p>{pendingConsent === 'private' ? t('harvests.toPrivateExplain') : t('harvests.toSharedExplain')}</p>
        </ConfirmDialog>
      )}
    </article>
  );
}

/** What a button says of its item: the start of its text, enough to tell items apart. */
const itemName = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

function HarvestItems({ harvest, items, readOnly, community }: { harvest: Harvest; items: Harvest['items']; readOnly: boolean; community: Community | null }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const id = useId();
  const [type, setType] = useState<HarvestItemType>('insight');
  const [text, setText] = useState('');
  const [attribution, setAttribution] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  // Reordering moves list elements, which can drop focus: put it back on the same control of the same item.
  const refocus = useRef<{ item: string; control: string } | null>(null);
  useEffect(() => {
    const wanted = refocus.current;
    if (!wanted) return;
    refocus.current = null;
    const item = list.current?.querySelector<HTMLElement>(`[data-item="${CSS.escape(wanted.item)}"]`);
    // At an end, "move up" (or down) is disabled: focus its twin rather than losing focus.
    const controls = [wanted.control, wanted.control === 'up' ? 'down' : 'up', 'edit'];
    controls.map((control) => item?.querySelector<HTMLButtonElement>(`[data-control="${control}"]`)).find((button) => button && !button.disabled)?.focus();
  });
  const move = (itemId: string, step: -1 | 1, control: string): void => {
    const failure = tryCommit(() => {
      if (!harvest.moveItem(itemId, step)) return;
      const now = harvest.items;
      const position = now.findIndex((item) => item.id === itemId);
      announce(t('harvests.itemMoved', { item: itemName(now[position]?.text ?? ''), position: position + 1, total: now.length }));
    });
    setError(failure);
    refocus.current = { item: itemId, control };
  };
  return (
    <section className="field" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('harvests.items')}</h3>
      {items.length === 0 && <p className="hint">{t('harvests.itemsEmpty')}</p>}
      {items.length > 1 && !readOnly && (
        <p className="hint" id={`${id}-order`}>
          {t('harvests.reorderHint')}
        </p>
      )}
      <ul className="harvest-items" ref={list}>
        {items.map((item, index) => (
          <li
            key={item.id}
            data-item={item.id}
            className={`harvest-item ${item.type}`}
            onKeyDown={(event) => {
              // Alt+Up/Down moves the item whose control has focus, as in many list editors.
              if (readOnly || editing === item.id || !event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
              event.preventDefault();
              const control = (event.target as HTMLElement).dataset.control ?? 'edit';
              move(item.id, event.key === 'ArrowUp' ? -1 : 1, control);
            }}
          >
            {editing === item.id ? (
              <ItemEditor
                harvest={harvest}
                item={item}
                onDone={() => {
                  setEditing(null);
                  refocus.current = { item: item.id, control: 'edit' };
                }}
              />
            ) : (
              <>
                <span className="badge">{t(`harvests.itemTypes.${item.type}`)}</span>
                {item.type === 'quote' ? <blockquote>{item.text}</blockquote> : <p>{item.text}</p>}
                {item.attribution && <p className="hint">{t('harvests.attributed', { name: item.attribution })}</p>}
                {community && <AddedBy community={community} entry={harvest.map} list="items" id={item.id} />}
                {!readOnly && (
                  <div className="item-actions">
                    <button
                      type="button"
                      data-control="edit"
                      aria-label={t('harvests.editItem', { item: itemName(item.text) })}
                      aria-describedby={items.length > 1 ? `${id}-order` : undefined}
                      onClick={() => setEditing(item.id)}
                    >
                      {t('common.edit')}
                    </button>
                    <button type="button" data-control="up" disabled={index === 0} aria-label={t('harvests.moveUp', { item: itemName(item.text) })} onClick={() => move(item.id, -1, 'up')}>
                      <ArrowUp size={16} aria-hidden />
                    </button>
                    <button
                      type="button"
                      data-control="down"
                      disabled={index === items.length - 1}
                      aria-label={t('harvests.moveDown', { item: itemName(item.text) })}
                      onClick={() => move(item.id, 1, 'down')}
                    >
                      <ArrowDown size={16} aria-hidden />
                    </button>
                    <button type="button" className="ghost" aria-label={t('harvests.removeItemNamed', { item: itemName(item.text) })} onClick={() => harvest.removeItem(item.id)}>
                      {t('common.closeSymbol')}
                    </button>
                  </div>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            const failure = tryCommit(() => harvest.addItem(type, text, attribution));
            setError(failure);
            if (!failure) {
              setText('');
              setAttribution('');
              // Ready for the next thing said: a harvester often adds several in a row.
              textRef.current?.focus();
            }
          }}
        >
          <SelectField label={t('harvests.itemType')} value={type} options={harvestItemTypes.map((v) => ({ value: v, label: t(`harvests.itemTypes.${v}`) }))} onChange={setType} />
          <label htmlFor={`${id}-text`}>{t('harvests.itemText')}</label>
          <textarea id={`${id}-text`} ref={textRef} rows={2} value={text} onChange={(e) => setText(e.target.value)} />
          <label htmlFor={`${id}-attribution`}>{t('harvests.attribution')}</label>
          <input id={`${id}-attribution`} value={attribution} onChange={(e) => setAttribution(e.target.value)} />
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit">{t('harvests.addItem')}</button>
        </form>
      )}
    </section>
  );
}

/** An item edited where it stands: its kind, words and who said them; Escape or Cancel keeps it as it was. */
function ItemEditor({ harvest, item, onDone }: { harvest: Harvest; item: Harvest['items'][number]; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [type, setType] = useState<HarvestItemType>(item.type);
  const [text, setText] = useState(item.text);
  const [attribution, setAttribution] = useState(item.attribution);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="stack"
      aria-label={t('harvests.editItemTitle')}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onDone();
      }}
      onSubmit={(event) => {
        event.preventDefault();
        const failure = tryCommit(() => harvest.updateItem(item.id, { type, text, attribution }));
        setError(failure);
        if (!failure) onDone();
      }}
    >
      <SelectField label={t('harvests.itemType')} value={type} options={harvestItemTypes.map((v) => ({ value: v, label: t(`harvests.itemTypes.${v}`) }))} onChange={setType} />
      <label htmlFor={`${id}-text`}>{t('harvests.itemText')}</label>
      <textarea id={`${id}-text`} autoFocus rows={3} value={text} aria-invalid={error ? true : undefined} onChange={(e) => setText(e.target.value)} />
      <label htmlFor={`${id}-attribution`}>{t('harvests.attribution')}</label>
      <input id={`${id}-attribution`} value={attribution} onChange={(e) => setAttribution(e.target.value)} />
      <ErrorMessage message={error} />
      <FormActions submitLabel={t('common.save')} onCancel={onDone} />
    </form>
  );
}
