import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDate } from '../../../shared/dates.js';
import type { Dilemma } from '../../../shared/model/Dilemma.js';
import { shareDilemma, sharedTargets } from '../../../shared/model/sharing.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { CreateDialog } from '../../components/CreateDialog.js';
import { Dialog } from '../../components/Dialog.js';
import { EntryList, KindLayout } from '../../components/EntryList.js';
import { ListField, SelectField, TextField, tryCommit, TypedTextField } from '../../components/fields.js';
import { RichTextEditor } from '../../editor/LazyRichTextEditor.js';
import { useDocSnapshot } from '../../hooks/useDocSnapshot.js';
import { useFormat } from '../../i18n/useFormat.js';
import { deleteWithUndoBar } from '../communities/deleteEntry.js';
import { AddedBy } from '../history/AddedBy.js';
import { HistoryButton } from '../history/HistoryButton.js';
import { EntryAcross } from '../offer/EntryAcross.js';
import { EmptyList } from '../communities/KindPage.js';
import type { KindViewProps } from '../communities/kindView.js';

/**
 * Dilemma journals. New dilemmas are private (the personal document); the community only
 * sees a dilemma someone chose to share, as a copy with the sharing recorded.
 */
export function DilemmasView(props: KindViewProps) {
  const { opened, selectedId, onSelect } = props;
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { community } = opened;
  const { creating, onCreatingChange: setCreating } = props;
  const mine = useDocSnapshot(workspace, () => workspace.personal.dilemmas.list());
  const shared = useDocSnapshot(workspace, () => community.dilemmas.list());
  const selected = mine.find((d) => d.id === selectedId) ?? shared.find((d) => d.id === selectedId) ?? null;
  const isMine = selected ? mine.includes(selected) : false;
  const memberName = (id: string): string => community.member(id)?.name ?? t('common.someone');
  return (
    <>
      <KindLayout
        title={t('kinds.dilemma')}
        intro={t('dilemmas.intro')}
        newLabel={t('dilemmas.new')}
        onNew={() => setCreating(true)}
        list={
          <>
            <h2 className="list-heading">{t('dilemmas.journal')}</h2>
            <EntryList
              label={t('dilemmas.journal')}
              items={mine.map((d) => ({ id: d.id, title: d.title, subtitle: t(`dilemmas.status.${d.status}`), badge: t('common.private') }))}
              selectedId={selectedId}
              onSelect={onSelect}
              empty={<EmptyList kind="dilemmas" />}
            />
            <h2 className="list-heading">{t('dilemmas.sharedHere')}</h2>
            <EntryList
              label={t('dilemmas.sharedHere')}
              items={shared.map((d) => ({ id: d.id, title: d.title, subtitle: t('dilemmas.sharedBy', { name: memberName(d.sharing?.sharedBy ?? '') }) }))}
              selectedId={selectedId}
              onSelect={onSelect}
              empty={<p className="hint">{t('dilemmas.noneShared')}</p>}
            />
          </>
        }
        detail={selected ? <DilemmaDetail key={selected.id} dilemma={selected} isMine={isMine} props={props} /> : null}
      />
      {creating && (
        <CreateDialog
          title={t('dilemmas.new')}
          fieldLabel={t('common.title')}
          hint={t('dilemmas.newHint')}
          create={(title) => {
            const dilemma = workspace.personal.dilemmas.create(workspace.personal.identity?.id ?? '', (d) => d.setTitle(title));
            onSelect(dilemma.id);
          }}
          onClose={() => setCreating(false)}
        />
      )}
    </>
  );
}

function DilemmaDetail({ dilemma, isMine, props }: { dilemma: Dilemma; isMine: boolean; props: KindViewProps }) {
  const { t } = useTranslation();
  const format = useFormat();
  const workspace = useWorkspace();
  const { opened, terms } = props;
  const { community } = opened;
  const readOnly = opened.readOnly && !isMine;
  const [confirmShare, setConfirmShare] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const s = useDocSnapshot(workspace, () => ({
    title: dilemma.title,
    context: dilemma.context,
    values: dilemma.valuesInTension,
    options: dilemma.options,
    status: dilemma.status,
    decided: dilemma.decided,
    learned: dilemma.learned,
    reflections: dilemma.reflections,
    sharing: dilemma.sharing,
    sharedTo: sharedTargets(dilemma),
  }));
  const alreadyShared = s.sharedTo.includes(community.id);
  const today = localDate();
  const date = (iso: string): string => format.day(iso, 'long');
  return (
    <article className="detail" aria-labelledby="detail-title">
      <h2 id="detail-title">{s.title}</h2>
      {!isMine && <EntryAcross opened={props.opened} entry={dilemma} />}
      {isMine ? (
        <p className="notice">{alreadyShared ? t('dilemmas.privateButShared', { community: community.profile.name }) : t('dilemmas.privateNotice')}</p>
      ) : (
        s.sharing && <p className="notice">{t('dilemmas.sharedNotice', { name: community.member(s.sharing.sharedBy)?.name ?? t('common.someone'), date: format.timestamp(s.sharing.sharedAt) })}</p>
      )}
      <TextField label={t('common.title')} value={s.title} readOnly={readOnly} onCommit={(v) => dilemma.setTitle(v)} />
      {!isMine && <HistoryButton opened={opened} entry={dilemma.map} title={dilemma.title} />}
      <TypedTextField label={t('dilemmas.context')} hint={t('dilemmas.contextHint')} text={dilemma.contextText} multiline readOnly={readOnly} write={(v) => dilemma.setContext(v)} />
      <ListField label={t('dilemmas.values')} values={s.values} inline readOnly={readOnly} hint={t('common.commaSeparated')} onCommit={(v) => dilemma.setValuesInTension(v)} />
      <ListField label={t('dilemmas.options')} values={s.options} readOnly={readOnly} hint={t('common.onePerLine')} onCommit={(v) => dilemma.setOptions(v)} />
      <section className="field" aria-labelledby="reflections-title">
        <h3 id="reflections-title">{t('dilemmas.reflections')}</h3>
        {s.reflections.length === 0 && <p className="hint">{t('dilemmas.noReflections')}</p>}
        {s.reflections.map((reflection) => (
          <div key={reflection.id} className="reflection">
            <span className="label">{date(reflection.date)}</span>
            {!isMine && <AddedBy community={community} entry={dilemma.map} list="reflections" id={reflection.id} />}
            <RichTextEditor text={reflection.body} label={t('dilemmas.reflectionOf', { date: date(reflection.date) })} terms={terms} readOnly={readOnly} presence={!isMine} />
          </div>
        ))}
        {!readOnly && (
          <button type="button" onClick={() => setError(tryCommit(() => dilemma.addReflection(today)))}>
            {t('dilemmas.addReflection')}
          </button>
        )}
      </section>
      <SelectField
        label={t('dilemmas.statusLabel')}
        value={s.status}
        disabled={readOnly}
        options={(['open', 'resolved'] as const).map((v) => ({ value: v, label: t(`dilemmas.status.${v}`) }))}
        onChange={(v) => dilemma.setStatus(v)}
      />
      {s.status === 'resolved' && (
        <>
          <TypedTextField label={t('dilemmas.decided')} text={dilemma.decidedText} multiline readOnly={readOnly} write={(v) => dilemma.setDecided(v)} />
          <TypedTextField label={t('dilemmas.learned')} text={dilemma.learnedText} multiline readOnly={readOnly} write={(v) => dilemma.setLearned(v)} />
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p role="status" className="success">
        {message}
      </p>
      <div className="actions danger-zone">
        {isMine && !opened.readOnly && (
          <button type="button" className="primary" onClick={() => setConfirmShare(true)}>
            {t('dilemmas.share')}
          </button>
        )}
        {!readOnly && (
          <button
            type="button"
            className="danger"
            onClick={() => deleteWithUndoBar(isMine ? workspace.personal.dilemmas : community.dilemmas, dilemma.id, dilemma.title, props)}
          >
            {t('dilemmas.delete')}
          </button>
        )}
      </div>
      {confirmShare && (
        <Dialog title={t('dilemmas.shareTitle', { community: community.profile.name })} onClose={() => setConfirmShare(false)} describedBy="share-explain">
          <div id="share-explain">
            <p>{t('dilemmas.shareExplain', { community: community.profile.name })}</p>
            <ul>
              <li>{t('dilemmas.shareWhoSees')}</li>
              <li>{t('dilemmas.shareCopy')}</li>
              <li>{t('dilemmas.shareDeidentify')}</li>
            </ul>
          </div>
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => {
                const failure = tryCommit(() => shareDilemma(workspace.personal, dilemma.id, community, workspace.personal.identity?.id ?? ''));
                setError(failure);
                if (!failure) setMessage(t('dilemmas.sharedDone', { community: community.profile.name }));
                setConfirmShare(false);
              }}
            >
              {t('dilemmas.shareConfirm')}
            </button>
            <button type="button" onClick={() => setConfirmShare(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      )}
    </article>
  );
}
