import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDate } from '../../../shared/dates.js';
import type { Dilemma, DilemmaResponse } from '../../../shared/model/Dilemma.js';
import { sharedCopyOf, shareDilemma, withdrawDilemma } from '../../../shared/model/sharing.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { CreateDialog } from '../../components/CreateDialog.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { ErrorMessage, FormActions } from '../../components/FormActions.js';
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
import './dilemmas.css';

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
  const me = workspace.personal.identity?.id ?? '';
  // A shared copy is its sharer's: nobody edits her words there (she shares again from her
  // journal to change them); members add their own responses instead.
  const readOnly = !isMine;
  const [confirming, setConfirming] = useState<'share' | 'withdraw' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reflectionDate, setReflectionDate] = useState(localDate);
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
    responses: dilemma.responses,
    // The copy in this community: from the journal, the one this person shared; a shared copy is itself.
    copy: isMine ? sharedCopyOf(community, dilemma.id, me) : dilemma,
  }));
  const copyIsMine = s.copy?.sharing?.sharedBy === me && me !== '';
  const date = (iso: string): string => format.day(iso, 'long');
  const name = (id: string): string => {
    const known = community.member(id)?.name;
    if (id === me) return t('sync.you', { name: known ?? workspace.personal.identity?.name ?? '' });
    return known ?? t('common.someone');
  };
  const where = { community: community.profile.name };
  const done = (failure: string | null, success: string): void => {
    setError(failure);
    setMessage(failure ? null : success);
    setConfirming(null);
  };
  return (
    <article className="detail" aria-labelledby="detail-title">
      <h2 id="detail-title">{s.title}</h2>
      {!isMine && <EntryAcross opened={props.opened} entry={dilemma} />}
      {isMine ? (
        <p className="notice">{s.copy ? t('dilemmas.privateButShared', where) : t('dilemmas.privateNotice')}</p>
      ) : (
        s.sharing && (
          <>
            <p className="notice">
              {t(s.sharing.resharedAt ? 'dilemmas.sharedUpdatedNotice' : 'dilemmas.sharedNotice', {
                name: name(s.sharing.sharedBy),
                date: format.timestamp(s.sharing.sharedAt),
                updated: format.timestamp(s.sharing.resharedAt),
              })}
            </p>
            <p className="hint">{copyIsMine ? t('dilemmas.sharedYours') : t('dilemmas.sharedTheirs', { name: name(s.sharing.sharedBy) })}</p>
          </>
        )
      )}
      <TextField label={t('common.title')} value={s.title} readOnly={readOnly} onCommit={(v) => dilemma.setTitle(v)} />
      {/* The sharer's own history; others do not restore her words (only she changes them, by sharing again). */}
      {!isMine && copyIsMine && <HistoryButton opened={opened} entry={dilemma.map} title={dilemma.title} />}
      <TypedTextField label={t('dilemmas.context')} hint={t('dilemmas.contextHint')} text={dilemma.contextText} multiline readOnly={readOnly} write={(v) => dilemma.setContext(v)} />
      <ListField label={t('dilemmas.values')} values={s.values} inline readOnly={readOnly} hint={t('common.commaSeparated')} onCommit={(v) => dilemma.setValuesInTension(v)} />
      <ListField label={t('dilemmas.options')} values={s.options} readOnly={readOnly} hint={t('common.onePerLine')} onCommit={(v) => dilemma.setOptions(v)} />
      <section className="field" aria-labelledby="reflections-title">
        <h3 id="reflections-title">{t('dilemmas.reflections')}</h3>
        {s.reflections.length === 0 && <p className="hint">{t('dilemmas.noReflections')}</p>}
        {s.reflections.map((reflection) => (
          <div key={reflection.id} className="reflection">
            {readOnly ? (
              <span className="label">{date(reflection.date)}</span>
            ) : (
              <TextField label={t('dilemmas.reflectionDayOf', { date: date(reflection.date) })} type="date" value={reflection.date} onCommit={(v) => dilemma.setReflectionDate(reflection.id, v)} />
            )}
            {!isMine && <AddedBy community={community} entry={dilemma.map} list="reflections" id={reflection.id} />}
            <RichTextEditor text={reflection.body} label={t('dilemmas.reflectionOf', { date: date(reflection.date) })} terms={terms} readOnly={readOnly} presence={!isMine} />
          </div>
        ))}
        {!readOnly && (
          <div className="inline-form">
            <TextField label={t('dilemmas.reflectionDate')} type="date" value={reflectionDate} onCommit={setReflectionDate} />
            <button type="button" onClick={() => setError(tryCommit(() => dilemma.addReflection(reflectionDate)))}>
              {t('dilemmas.addReflection')}
            </button>
          </div>
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
      {!isMine && <Responses dilemma={dilemma} responses={s.responses} me={me} name={name} readOnly={opened.readOnly} />}
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
          <button type="button" className="primary" onClick={() => setConfirming('share')}>
            {s.copy ? t('dilemmas.updateShare') : t('dilemmas.share')}
          </button>
        )}
        {copyIsMine && !opened.readOnly && (
          <button type="button" onClick={() => setConfirming('withdraw')}>
            {t('dilemmas.withdraw', where)}
          </button>
        )}
        {isMine && (
          <button type="button" className="danger" onClick={() => deleteWithUndoBar(workspace.personal.dilemmas, dilemma.id, dilemma.title, props)}>
            {t('dilemmas.delete')}
          </button>
        )}
      </div>
      {confirming === 'share' && (
        <ConfirmDialog
          title={s.copy ? t('dilemmas.updateTitle', where) : t('dilemmas.shareTitle', where)}
          confirmLabel={s.copy ? t('dilemmas.updateShare') : t('dilemmas.shareConfirm')}
          onClose={() => setConfirming(null)}
          onConfirm={() => {
            const wasShared = Boolean(s.copy);
            done(
              tryCommit(() => shareDilemma(workspace.personal, dilemma.id, community, me)),
              t(wasShared ? 'dilemmas.updatedDone' : 'dilemmas.sharedDone', where),
            );
          }}
        >
          {s.copy ? (
            <p>{t('dilemmas.updateExplain', where)}</p>
          ) : (
            <>
              <p>{t('dilemmas.shareExplain', where)}</p>
              <ul>
                <li>{t('dilemmas.shareWhoSees')}</li>
                <li>{t('dilemmas.shareCopy')}</li>
                <li>{t('dilemmas.shareDeidentify')}</li>
              </ul>
            </>
          )}
        </ConfirmDialog>
      )}
      {confirming === 'withdraw' && s.copy && (
        <ConfirmDialog
          title={t('dilemmas.withdrawTitle', where)}
          confirmLabel={t('dilemmas.withdrawConfirm')}
          danger
          onClose={() => setConfirming(null)}
          onConfirm={() => {
            const copyId = s.copy?.id ?? '';
            const failure = tryCommit(() => withdrawDilemma(workspace.personal, community, copyId, me));
            done(failure, t('dilemmas.withdrawnDone', where));
            // Withdrawn from its own page: the page is gone, so show the list.
            if (!failure && !isMine) props.onSelect(null);
          }}
        >
          <p>{t('dilemmas.withdrawExplain', where)}</p>
          <p>{t('dilemmas.withdrawHonest')}</p>
        </ConfirmDialog>
      )}
    </article>
  );
}

/** Members' own words on a shared dilemma: each says who and when; only its author changes it. */
function Responses({ dilemma, responses, me, name, readOnly }: { dilemma: Dilemma; responses: readonly DilemmaResponse[]; me: string; name: (id: string) => string; readOnly: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="field responses" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('dilemmas.responses')}</h3>
      {responses.length === 0 && <p className="hint">{t('dilemmas.noResponses')}</p>}
      <ul className="response-list">
        {responses.map((response) => {
          const own = response.by === me && !readOnly;
          const who = t('dilemmas.responseBy', { name: name(response.by), date: format.timestamp(response.at) });
          return (
            <li key={response.id} className="response" aria-label={who}>
              <p className="hint">
                {who}
                {response.editedAt > 0 && ` · ${t('dilemmas.responseEdited')}`}
              </p>
              {editing?.id === response.id ? (
                <form
                  className="stack"
                  onSubmit={(event) => {
                    event.preventDefault();
                    const failure = tryCommit(() => dilemma.editResponse(response.id, me, editing.text));
                    setError(failure);
                    if (!failure) setEditing(null);
                  }}
                >
                  <label htmlFor={`${id}-edit`}>{t('dilemmas.editResponseLabel')}</label>
                  <textarea id={`${id}-edit`} autoFocus rows={3} value={editing.text} onChange={(e) => setEditing({ id: response.id, text: e.target.value })} />
                  <FormActions submitLabel={t('common.save')} onCancel={() => setEditing(null)} />
                </form>
              ) : (
                <p className="response-text">{response.text}</p>
              )}
              {own && editing?.id !== response.id && (
                <div className="actions">
                  <button type="button" onClick={() => setEditing({ id: response.id, text: response.text })}>
                    {t('dilemmas.editResponse')}
                  </button>
                  <button type="button" className="danger" onClick={() => setRemoving(response.id)}>
                    {t('dilemmas.deleteResponse')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {!readOnly && (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            const failure = tryCommit(() => dilemma.addResponse(me, draft));
            setError(failure);
            if (!failure) setDraft('');
          }}
        >
          <label htmlFor={`${id}-new`}>{t('dilemmas.yourResponse')}</label>
          <textarea id={`${id}-new`} rows={3} value={draft} aria-describedby={`${id}-new-hint`} onChange={(e) => setDraft(e.target.value)} />
          <p className="hint" id={`${id}-new-hint`}>
            {t('dilemmas.yourResponseHint')}
          </p>
          <button type="submit">{t('dilemmas.addResponse')}</button>
        </form>
      )}
      <ErrorMessage message={error} />
      {removing && (
        <ConfirmDialog
          title={t('dilemmas.deleteResponseTitle')}
          confirmLabel={t('dilemmas.deleteResponse')}
          danger
          onClose={() => setRemoving(null)}
          onConfirm={() => {
            setError(tryCommit(() => dilemma.removeResponse(removing, me)));
            setRemoving(null);
          }}
        >
          <p>{t('dilemmas.deleteResponseExplain')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
