import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GlossaryEntry } from '../../../shared/model/GlossaryEntry.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { ListField, OverwriteNotice, TextField, TypedTextField } from '../../components/fields.js';
import { RichTextEditor } from '../../editor/LazyRichTextEditor.js';
import { useDocSnapshot } from '../../hooks/useDocSnapshot.js';
import { useOverwrites } from '../../hooks/useOverwrites.js';
import { deleteWithUndoBar } from '../communities/deleteEntry.js';
import { HistoryButton } from '../history/HistoryButton.js';
import { EntryAcross } from '../offer/EntryAcross.js';
import { TermLanguages } from './TermLanguages.js';
import { KindPage } from '../communities/KindPage.js';
import type { KindViewProps } from '../communities/kindView.js';

/** The shared language: terms, their definitions, and how they relate. */
export function GlossaryView(props: KindViewProps) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { community, readOnly } = props.opened;
  const entries = useDocSnapshot(community, () => community.glossary.list().sort((a, b) => a.term.localeCompare(b.term)));
  return (
    <KindPage
      kind="glossary"
      title={t('kinds.glossary')}
      view={props}
      entries={entries}
      toItem={(e) => ({ id: e.id, title: e.term, subtitle: e.otherNames.join(', '), badge: e.contested ? t('glossary.contested') : undefined })}
      selected={props.selectedId ? community.glossary.get(props.selectedId) : null}
      detail={(entry) => <GlossaryDetail key={entry.id} entry={entry} props={props} />}
      canCreate={!readOnly}
      create={{
        fieldLabel: t('glossary.term'),
        warn: (value) => {
          const same = community.termsNamed(value);
          return same[0] ? t('glossary.duplicateWarning', { term: same[0].term }) : null;
        },
        create: (term) => {
          const identity = workspace.personal.identity;
          return community.glossary.create(identity?.id ?? '', (e) => {
            e.setTerm(term);
            e.setProposedBy(identity?.name ?? '');
          }).id;
        },
      }}
    />
  );
}

const overwriteKeys = ['term', 'language'] as const;

function GlossaryDetail({ entry, props }: { entry: GlossaryEntry; props: KindViewProps }) {
  const { t } = useTranslation();
  const { opened, terms, onSelect } = props;
  const { community, readOnly } = opened;
  const workspace = useWorkspace();
  // The term and its language stay last-writer-wins: say so when someone else replaces this person's.
  const { notices, dismiss } = useOverwrites(community, entry, overwriteKeys, workspace.personal.identity?.id);
  const snapshot = useDocSnapshot(community, () => ({
    term: entry.term,
    otherNames: entry.otherNames,
    examples: entry.examples,
    proposedBy: entry.proposedBy,
    language: entry.language,
    contested: entry.contested,
    discussion: entry.discussion,
    tags: entry.tags,
    related: community.relatedTerms(entry.id),
    candidates: community.glossary.list().filter((e) => e.id !== entry.id),
  }));
  const duplicates = community.termsNamed(snapshot.term, entry.id);
  const [linkTo, setLinkTo] = useState('');
  const relatedIds = new Set(snapshot.related.map((r) => r.id));
  return (
    <article className="detail" aria-labelledby="detail-title">
      <h2 id="detail-title">{snapshot.term}</h2>
      <EntryAcross opened={opened} entry={entry} />
      <TextField
        label={t('glossary.term')}
        value={snapshot.term}
        readOnly={readOnly}
        onCommit={(v) => {
          entry.setTerm(v);
          dismiss('term');
        }}
        warning={duplicates[0] ? t('glossary.duplicateWarning', { term: duplicates[0].term }) : null}
      />
      <OverwriteNotice overwrite={notices.get('term')} show={String} />
      <div className="field">
        <span className="label" id="definition-label">
          {t('glossary.definition')}
        </span>
        <HistoryButton opened={opened} entry={entry.map} title={snapshot.term} />
        <RichTextEditor text={entry.definition} label={t('glossary.definition')} terms={terms.filter((term) => term.id !== entry.id)} readOnly={readOnly} lang={snapshot.language || undefined} />
      </div>
      <TermLanguages entry={entry} community={community} terms={terms.filter((term) => term.id !== entry.id)} readOnly={readOnly} />
      <ListField label={t('glossary.otherNames')} values={snapshot.otherNames} inline readOnly={readOnly} hint={t('common.commaSeparated')} onCommit={(v) => entry.setOtherNames(v)} />
      <ListField label={t('glossary.examples')} values={snapshot.examples} readOnly={readOnly} hint={t('common.onePerLine')} onCommit={(v) => entry.setExamples(v)} />
      <section aria-labelledby="related-title" className="field">
        <h3 id="related-title">{t('glossary.related')}</h3>
        {snapshot.related.length === 0 ? (
          <p className="hint">{t('glossary.noRelated')}</p>
        ) : (
          <ul className="chips">
            {snapshot.related.map((related) => (
              <li key={related.id}>
                <button type="button" className="link-button" onClick={() => onSelect(related.id)}>
                  {related.term}
                </button>
                {!readOnly && (
                  <button type="button" className="ghost" aria-label={t('glossary.unlink', { term: related.term })} onClick={() => community.unlinkTerms(entry.id, related.id)}>
                    {t('common.closeSymbol')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {!readOnly && snapshot.candidates.length > 0 && (
          <div className="inline-form">
            <label>
              {t('glossary.linkTo')}
              <select value={linkTo} onChange={(e) => setLinkTo(e.target.value)}>
                <option value="">{t('glossary.chooseTerm')}</option>
                {snapshot.candidates
                  .filter((c) => !relatedIds.has(c.id))
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.term}
                    </option>
                  ))}
              </select>
            </label>
            <button
              type="button"
              disabled={!linkTo}
              onClick={() => {
                entry.link(linkTo);
                setLinkTo('');
              }}
            >
              {t('glossary.link')}
            </button>
          </div>
        )}
      </section>
      <TypedTextField label={t('glossary.proposedBy')} text={entry.proposedByText} readOnly={readOnly} write={(v) => entry.setProposedBy(v)} />
      <TextField
        label={t('common.language')}
        value={snapshot.language}
        readOnly={readOnly}
        hint={t('common.languageHint')}
        onCommit={(v) => {
          entry.setLanguage(v);
          dismiss('language');
        }}
      />
      <OverwriteNotice overwrite={notices.get('language')} show={String} />
      <div className="field checkbox">
        <label>
          <input type="checkbox" checked={snapshot.contested} disabled={readOnly} onChange={(e) => entry.setContested(e.target.checked)} />
          {t('glossary.contestedLabel')}
        </label>
        <p className="hint">{t('glossary.contestedHint')}</p>
      </div>
      {snapshot.contested && <TypedTextField label={t('glossary.discussion')} text={entry.discussionText} multiline readOnly={readOnly} write={(v) => entry.setDiscussion(v)} />}
      <ListField label={t('common.tags')} values={snapshot.tags} inline readOnly={readOnly} hint={t('common.commaSeparated')} onCommit={(v) => entry.setTags(v)} />
      {!readOnly && (
        <div className="actions danger-zone">
          <button
            type="button"
            className="danger"
            onClick={() => deleteWithUndoBar(community.glossary, entry.id, entry.term, props)}
          >
            {t('glossary.delete')}
          </button>
        </div>
      )}
    </article>
  );
}
