import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDate } from '../../../shared/dates.js';
import { consentLevels, harvestItemTypes, type Consent, type Harvest, type HarvestItemType } from '../../../shared/model/Harvest.js';
import type { Community } from '../../../shared/model/Community.js';
import { setHarvestConsent } from '../../../shared/model/sharing.js';
import { createPrivateHarvest } from '../../../shared/model/privateHarvest.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { Dialog } from '../../components/Dialog.js';
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
        // Chosen first: a harvest private to me is written straight into the personal
        // document, so its title and story never enter the community's history.
        choice: {
          legend: t('harvests.consent'),
          options: consentLevels.map((level) => ({ value: level, label: t(`harvests.consentLevels.${level}`), hint: t(`harvests.consentHelp.${level}`) })),
          initial: 'community',
        },
        create: (title, chosen) => {
          const consent = consentLevels.find((level) => level === chosen) ?? 'community';
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
  const consentName = useId();
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
      <fieldset className="field consent">
        <legend>{t('harvests.consent')}</legend>
        {consentLevels.map((level) => (
          <label key={level}>
            <input
              type="radio"
              name={consentName}
              value={level}
              checked={s.consent === level}
              disabled={readOnly}
              onChange={() => {
                // Crossing the private boundary moves the harvest between documents: confirm first.
                dismiss('consent');
                if (level === 'private' || s.consent === 'private') setPendingConsent(level);
                else changeConsent(level);
              }}
            />
            <span>
              <strong>{t(`harvests.consentLevels.${level}`)}</strong>
              <span className="hint"> {t(`harvests.consentHelp.${level}`)}</span>
            </span>
          </label>
        ))}
        <OverwriteNotice overwrite={notices.get('consent')} show={(v) => t(`harvests.consentLevels.${String(v)}`)} />
        {consentError && (
          <p className="error" role="alert">
            {consentError}
          </p>
        )}
      </fieldset>
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
        <Dialog title={t('harvests.consentConfirmTitle')} onClose={() => setPendingConsent(null)}>
          <p>{pendingConsent === 'private' ? t('harvests.toPrivateExplain') : t('harvests.toSharedExplain')}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => changeConsent(pendingConsent)}>
              {pendingConsent === 'private' ? t('harvests.makePrivate') : t('harvests.shareWithCommunity')}
            </button>
            <button type="button" onClick={() => setPendingConsent(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      )}
    </article>
  );
}

function HarvestItems({ harvest, items, readOnly, community }: { harvest: Harvest; items: Harvest['items']; readOnly: boolean; community: Community | null }) {
  const { t } = useTranslation();
  const id = useId();
  const [type, setType] = useState<HarvestItemType>('insight');
  const [text, setText] = useState('');
  const [attribution, setAttribution] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="field" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('harvests.items')}</h3>
      {items.length === 0 && <p className="hint">{t('harvests.itemsEmpty')}</p>}
      <ul className="harvest-items">
        {items.map((item) => (
          <li key={item.id} className={`harvest-item ${item.type}`}>
            <span className="badge">{t(`harvests.itemTypes.${item.type}`)}</span>
            {item.type === 'quote' ? <blockquote>{item.text}</blockquote> : <p>{item.text}</p>}
            {item.attribution && <p className="hint">{t('harvests.attributed', { name: item.attribution })}</p>}
            {community && <AddedBy community={community} entry={harvest.map} list="items" id={item.id} />}
            {!readOnly && (
              <button type="button" className="ghost" aria-label={t('harvests.removeItem')} onClick={() => harvest.removeItem(item.id)}>
                {t('common.closeSymbol')}
              </button>
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
            }
          }}
        >
          <SelectField label={t('harvests.itemType')} value={type} options={harvestItemTypes.map((v) => ({ value: v, label: t(`harvests.itemTypes.${v}`) }))} onChange={setType} />
          <label htmlFor={`${id}-text`}>{t('harvests.itemText')}</label>
          <textarea id={`${id}-text`} rows={2} value={text} onChange={(e) => setText(e.target.value)} />
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
