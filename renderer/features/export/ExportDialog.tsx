import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportSections, selectForExport, type Booklet, type ExportAudience, type ExportScope, type ExportSection } from '../../../shared/export/booklet.js';
import { entryKinds } from '../../../shared/model/Entry.js';
import type { OpenCommunity } from '../../app/Workspace.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { bridge } from '../../bridge/index.js';
import { Dialog } from '../../components/Dialog.js';
import { FormActions } from '../../components/FormActions.js';
import { TransferStatus } from '../../components/TransferStatus.js';
import { useChangeCount } from '../../hooks/useDocSnapshot.js';
import { ChoiceGroup } from '../../components/ChoiceGroup.js';
import { ExportSummary } from './ExportSummary.js';
import { exportFormats, useExportJob, type ExportFormat } from './useExportJob.js';

/** Documents change with every keystroke in a live session: re-choose at most this often. */
const PREVIEW_THROTTLE_MS = 1000;

/** Runs `select`; `version` is only there to say that the documents changed. */
function choose<T>(_version: number, select: () => T): T {
  return select();
}

/**
 * Export: what (the whole community as a booklet, or chosen documents), for whom, in which
 * format. What will be included and what is left out, and why, is shown before anything is
 * written; the booklet shown is the booklet written.
 */
export function ExportDialog({ opened, onClose }: { opened: OpenCommunity; onClose: () => void }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { community } = opened;
  const id = useId();
  // Changes of the workspace (its open communities, the personal document), at most once a
  // second, so the preview keeps up without redoing its work at every remote keystroke.
  const version = useChangeCount(workspace, PREVIEW_THROTTLE_MS);
  const job = useExportJob(bridge);

  const [scopeKind, setScopeKind] = useState<'community' | 'ids'>('community');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [sections, setSections] = useState<Record<ExportSection, boolean>>({ glossary: true, harvests: true, resources: true, dilemmas: true });
  const [audience, setAudience] = useState<ExportAudience>('community');
  const [format, setFormat] = useState<ExportFormat>('markdown');
  const [title, setTitle] = useState('');
  const [withContributors, setWithContributors] = useState(false);

  // Titles only: cheap enough to read on every change.
  const entries = entryKinds.map((kind) => ({
    kind,
    items: community
      .collection(kind)
      .list()
      .map((entry) => ({ id: entry.id, title: entry.title }))
      .sort((a, b) => a.title.localeCompare(b.title))
      .map((entry) => ({ value: entry.id, label: entry.title || t('export.untitled') })),
  }));

  const scope: ExportScope = scopeKind === 'community' ? { kind: 'community' } : { kind: 'ids', ids: [...chosen] };
  // Chosen again whenever an option or a document changes (`version`), and only then.
  const chosenBooklet: Booklet = useMemo(
    () => choose(version, () => selectForExport(community, workspace.personal, { scope, audience, sections, contributors: withContributors })),
    // `scope` is rebuilt on each render from scopeKind and chosen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [community, workspace, version, scopeKind, chosen, audience, sections, withContributors],
  );
  // The title only names the booklet: typing it does not choose the entries again.
  const booklet: Booklet = title.trim() ? { ...chosenBooklet, title: title.trim() } : chosenBooklet;

  const working = job.progress !== null;
  const nothing = booklet.included.length === 0;

  const toggleChosen = (entryId: string, on: boolean): void => {
    const next = new Set(chosen);
    if (on) next.add(entryId);
    else next.delete(entryId);
    setChosen(next);
  };

  return (
    <Dialog title={t('export.title', { name: community.profile.name })} onClose={onClose} describedBy={`${id}-intro`}>
      <form
        className="stack transfer-form export-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!working && !nothing) void job.run(booklet, format);
        }}
      >
        <p id={`${id}-intro`} className="hint">
          {t('export.intro')}
        </p>

        <ChoiceGroup
          type="radio"
          name={`${id}-scope`}
          legend={t('export.scope')}
          disabled={working}
          value={scopeKind}
          onChange={setScopeKind}
          choices={[
            { value: 'community', label: t('export.scopeCommunity'), hint: t('export.scopeCommunityHint') },
            { value: 'ids', label: t('export.scopeChosen'), hint: t('export.scopeChosenHint') },
          ]}
        />

        {scopeKind === 'community' ? (
          <ChoiceGroup
            type="checkbox"
            inline
            legend={t('export.sections')}
            disabled={working}
            checked={(section) => sections[section]}
            onChange={(section, on) => setSections({ ...sections, [section]: on })}
            choices={exportSections.map((section) => ({ value: section, label: t(`export.sectionNames.${section}`) }))}
          />
        ) : (
          <div className="document-picker">
            {entries.every((group) => group.items.length === 0) && <p className="hint">{t('export.noDocuments')}</p>}
            {entries
              .filter((group) => group.items.length > 0)
              .map((group) => (
                <ChoiceGroup
                  key={group.kind}
                  type="checkbox"
                  legend={t(`export.kindNames.${group.kind}`)}
                  disabled={working}
                  checked={(entryId) => chosen.has(entryId)}
                  onChange={toggleChosen}
                  choices={group.items}
                />
              ))}
          </div>
        )}

        <ChoiceGroup
          type="radio"
          name={`${id}-audience`}
          legend={t('export.audience')}
          disabled={working}
          value={audience}
          onChange={setAudience}
          choices={[
            { value: 'community', label: t('export.audienceCommunity'), hint: t('export.audienceCommunityHint') },
            { value: 'public', label: t('export.audiencePublic'), hint: t('export.audiencePublicHint') },
          ]}
        />

        <div className="field">
          <label>
            <input type="checkbox" checked={withContributors} disabled={working} aria-describedby={`${id}-contributors-hint`} onChange={(e) => setWithContributors(e.target.checked)} />{' '}
            {t('export.listContributors')}
          </label>
          <p id={`${id}-contributors-hint`} className="hint">
            {t('export.listContributorsHint')}
          </p>
        </div>

        <ChoiceGroup
          type="radio"
          name={`${id}-format`}
          legend={t('export.format')}
          disabled={working}
          value={format}
          onChange={setFormat}
          choices={exportFormats.map((value) => ({ value, label: t(`export.formats.${value}`), hint: t(`export.formatHints.${value}`) }))}
        />

        <div className="field">
          <label htmlFor={`${id}-title`}>{t('export.bookletTitle')}</label>
          <input id={`${id}-title`} value={title} placeholder={booklet.communityName} disabled={working} maxLength={200} aria-describedby={`${id}-title-hint`} onChange={(e) => setTitle(e.target.value)} />
          <p id={`${id}-title-hint`} className="hint">
            {t('export.bookletTitleHint')}
          </p>
        </div>

        <ExportSummary booklet={booklet} headingId={`${id}-included`} emptyHint={scopeKind === 'ids' && chosen.size === 0 ? t('export.chooseSome') : t('export.nothingIncluded')} />

        {job.progress && (
          <div className="export-progress">
            <label htmlFor={`${id}-progress`}>{t('export.progressLabel')}</label>
            <progress id={`${id}-progress`} value={job.progress.done} max={Math.max(job.progress.total, 1)} />
          </div>
        )}
        <TransferStatus status={job.progress ? t('export.progress', { percent: job.announcedPercent }) : job.status} error={job.error} />

        {/* Two elements apart: were the stop button's element reused as the submit button,
            the click that stops an export would also submit the form again. */}
        {working ? (
          <div className="actions">
            <button type="button" onClick={job.stop}>
              {t('export.cancel')}
            </button>
            <button type="button" onClick={onClose}>
              {t('common.close')}
            </button>
          </div>
        ) : (
          <FormActions submitLabel={t(`export.save.${format}`)} busy={nothing} submitDescribedBy={nothing ? `${id}-included` : undefined} dismiss="close" onCancel={onClose} />
        )}
      </form>
    </Dialog>
  );
}
