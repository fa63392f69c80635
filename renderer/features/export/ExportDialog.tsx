import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { exportSections, sectionOfKind, selectForExport, type Booklet, type ExportAudience, type ExportScope, type ExportSection } from '../../../shared/export/booklet.js';
import { ExportCancelledError } from '../../../shared/export/progress.js';
import type { EntryKind } from '../../../shared/model/Entry.js';
import type { OpenCommunity } from '../../app/Workspace.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { bridge } from '../../bridge/index.js';
import { Dialog } from '../../components/Dialog.js';
import { exportLabelsFor } from './exportLabels.js';
import { errorMessage, fileSlug } from './files.js';
import { printPdf } from './printPdf.js';
import { renderOffThread } from './runRender.js';
import { TransferStatus } from '../../components/TransferStatus.js';

export const exportFormats = ['markdown', 'html', 'pdf', 'docx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

const fileTypes: Record<Exclude<ExportFormat, 'pdf'>, { extension: string; mimeType: string }> = {
  markdown: { extension: 'md', mimeType: 'text/markdown;charset=utf-8' },
  html: { extension: 'html', mimeType: 'text/html;charset=utf-8' },
  docx: { extension: 'docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
};

const kindOrder: readonly EntryKind[] = ['glossary', 'harvest', 'dilemma', 'resourceList'];

/** Documents change with every keystroke in a live session: re-choose at most this often. */
const PREVIEW_THROTTLE_MS = 1000;

/**
 * A number that changes when the workspace (its open communities, the personal document)
 * changes, at most once a second, so the preview keeps up without redoing its work at
 * every remote keystroke.
 */
function useWorkspaceVersion(): number {
  const workspace = useWorkspace();
  const version = useRef(0);
  const subscribe = useCallback(
    (onChange: () => void) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      const off = workspace.observe(() => {
        timer ??= setTimeout(() => {
          timer = null;
          version.current += 1;
          onChange();
        }, PREVIEW_THROTTLE_MS);
      });
      return () => {
        off();
        if (timer) clearTimeout(timer);
      };
    },
    [workspace],
  );
  return useSyncExternalStore(subscribe, () => version.current);
}

/** Runs `select`; `version` is only there to say that the documents changed. */
function choose<T>(_version: number, select: () => T): T {
  return select();
}

interface Progress {
  readonly done: number;
  readonly total: number;
}

/**
 * Export: what (the whole community as a booklet, or chosen documents), for whom, in which
 * format. What will be included and what is left out, and why, is shown before anything is
 * written; the booklet shown is the booklet written.
 */
export function ExportDialog({ opened, onClose }: { opened: OpenCommunity; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const { community } = opened;
  const id = useId();
  const version = useWorkspaceVersion();

  const [scopeKind, setScopeKind] = useState<'community' | 'ids'>('community');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [sections, setSections] = useState<Record<ExportSection, boolean>>({ glossary: true, harvests: true, resources: true, dilemmas: true });
  const [audience, setAudience] = useState<ExportAudience>('community');
  const [format, setFormat] = useState<ExportFormat>('markdown');
  const [title, setTitle] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  // Stop an export still running when the dialog closes.
  useEffect(() => () => controller.current?.abort(), []);

  // Titles only: cheap enough to read on every change.
  const entries = kindOrder.map((kind) => ({
    kind,
    items: community
      .collection(kind)
      .list()
      .map((entry) => ({ id: entry.id, title: entry.title }))
      .sort((a, b) => a.title.localeCompare(b.title)),
  }));

  const scope: ExportScope = scopeKind === 'community' ? { kind: 'community' } : { kind: 'ids', ids: [...chosen] };
  // Chosen again whenever an option or a document changes (`version`), and only then.
  const chosenBooklet: Booklet = useMemo(
    () => choose(version, () => selectForExport(community, workspace.personal, { scope, audience, sections })),
    // `scope` is rebuilt on each render from scopeKind and chosen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [community, workspace, version, scopeKind, chosen, audience, sections],
  );
  // The title only names the booklet: typing it does not choose the entries again.
  const booklet: Booklet = title.trim() ? { ...chosenBooklet, title: title.trim() } : chosenBooklet;

  const working = progress !== null;
  const nothing = booklet.included.length === 0;

  const toggleChosen = (entryId: string, on: boolean): void => {
    const next = new Set(chosen);
    if (on) next.add(entryId);
    else next.delete(entryId);
    setChosen(next);
  };

  const run = async (): Promise<void> => {
    setStatus(null);
    setError(null);
    const abort = new AbortController();
    controller.current = abort;
    setProgress({ done: 0, total: booklet.included.length });
    const name = fileSlug(booklet.title, 'booklet');
    try {
      const output = await renderOffThread(
        { booklet: { ...booklet, createdAt: Date.now() }, format: format !== 'pdf' ? format : bridge.capabilities.pdf === 'file' ? 'printParts' : 'html', labels: exportLabelsFor(t), lang: i18n.language },
        { signal: abort.signal, onProgress: (done, total) => setProgress({ done, total }) },
      );
      if (abort.signal.aborted) throw new ExportCancelledError();
      if (format === 'pdf') {
        // Desktop: the booklet in parts, through Chromium's print engine into one PDF, and a
        // save dialog. Browser: the print dialog with the HTML export, where the person picks
        // "Save as PDF"; the page cannot know what they chose.
        const parts = typeof output === 'string' ? [output] : output instanceof Uint8Array ? [new TextDecoder().decode(output)] : output;
        setProgress({ done: 0, total: parts.length });
        const result = await printPdf(
          bridge,
          { parts, suggestedName: `${name}.pdf` },
          { signal: abort.signal, onProgress: (done, total) => setProgress({ done, total }) },
        );
        if (bridge.capabilities.pdf === 'printDialog') setStatus(t('export.pdf.printDialog'));
        else setStatus(result.saved ? t('export.saved', { name: result.name }) : t('export.notSaved'));
        return;
      }
      const type = fileTypes[format];
      if (typeof output !== 'string' && !(output instanceof Uint8Array)) throw new Error(`The ${format} export came out as print parts.`);
      const result = await bridge.saveFile({ suggestedName: `${name}.${type.extension}`, mimeType: type.mimeType, data: output });
      setStatus(result.saved ? t('export.saved', { name: result.name }) : t('export.notSaved'));
    } catch (failure) {
      if (failure instanceof ExportCancelledError) setStatus(t('export.cancelled'));
      else setError(t('export.failed', { message: errorMessage(failure) }));
    } finally {
      if (controller.current === abort) controller.current = null;
      setProgress(null);
    }
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  // Announce in steps of a tenth, not at every entry.
  const announcedPercent = Math.floor(percent / 10) * 10;
  const includedBySection = exportSections
    .map((section) => ({ section, items: booklet.included.filter((entry) => sectionOfKind[entry.kind] === section) }))
    .filter((group) => group.items.length > 0);

  return (
    <Dialog title={t('export.title', { name: community.profile.name })} onClose={onClose} describedBy={`${id}-intro`}>
      <form
        className="stack transfer-form export-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!working && !nothing) void run();
        }}
      >
        <p id={`${id}-intro`} className="hint">
          {t('export.intro')}
        </p>

        <fieldset className="field choice-group" disabled={working}>
          <legend>{t('export.scope')}</legend>
          <label>
            <input type="radio" name={`${id}-scope`} checked={scopeKind === 'community'} onChange={() => setScopeKind('community')} />
            <span>
              <strong>{t('export.scopeCommunity')}</strong>
              <span className="hint"> {t('export.scopeCommunityHint')}</span>
            </span>
          </label>
          <label>
            <input type="radio" name={`${id}-scope`} checked={scopeKind === 'ids'} onChange={() => setScopeKind('ids')} />
            <span>
              <strong>{t('export.scopeChosen')}</strong>
              <span className="hint"> {t('export.scopeChosenHint')}</span>
            </span>
          </label>
        </fieldset>

        {scopeKind === 'community' ? (
          <fieldset className="field choice-group inline-choices" disabled={working}>
            <legend>{t('export.sections')}</legend>
            {exportSections.map((section) => (
              <label key={section}>
                <input type="checkbox" checked={sections[section]} onChange={(e) => setSections({ ...sections, [section]: e.target.checked })} />
                <span>{t(`export.sectionNames.${section}`)}</span>
              </label>
            ))}
          </fieldset>
        ) : (
          <div className="document-picker">
            {entries.every((group) => group.items.length === 0) && <p className="hint">{t('export.noDocuments')}</p>}
            {entries
              .filter((group) => group.items.length > 0)
              .map((group) => (
                <fieldset key={group.kind} className="field choice-group" disabled={working}>
                  <legend>{t(`export.kindNames.${group.kind}`)}</legend>
                  {group.items.map((item) => (
                    <label key={item.id}>
                      <input type="checkbox" checked={chosen.has(item.id)} onChange={(e) => toggleChosen(item.id, e.target.checked)} />
                      <span>{item.title || t('export.untitled')}</span>
                    </label>
                  ))}
                </fieldset>
              ))}
          </div>
        )}

        <fieldset className="field choice-group" disabled={working}>
          <legend>{t('export.audience')}</legend>
          <label>
            <input type="radio" name={`${id}-audience`} checked={audience === 'community'} onChange={() => setAudience('community')} />
            <span>
              <strong>{t('export.audienceCommunity')}</strong>
              <span className="hint"> {t('export.audienceCommunityHint')}</span>
            </span>
          </label>
          <label>
            <input type="radio" name={`${id}-audience`} checked={audience === 'public'} onChange={() => setAudience('public')} />
            <span>
              <strong>{t('export.audiencePublic')}</strong>
              <span className="hint"> {t('export.audiencePublicHint')}</span>
            </span>
          </label>
        </fieldset>

        <fieldset className="field choice-group" disabled={working}>
          <legend>{t('export.format')}</legend>
          {exportFormats.map((value) => (
            <label key={value}>
              <input type="radio" name={`${id}-format`} checked={format === value} onChange={() => setFormat(value)} />
              <span>
                <strong>{t(`export.formats.${value}`)}</strong>
                <span className="hint"> {t(`export.formatHints.${value}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>

        <div className="field">
          <label htmlFor={`${id}-title`}>{t('export.bookletTitle')}</label>
          <input id={`${id}-title`} value={title} placeholder={booklet.communityName} disabled={working} maxLength={200} aria-describedby={`${id}-title-hint`} onChange={(e) => setTitle(e.target.value)} />
          <p id={`${id}-title-hint`} className="hint">
            {t('export.bookletTitleHint')}
          </p>
        </div>

        <section className="export-summary" aria-labelledby={`${id}-included`}>
          <h3 id={`${id}-included`}>{t('export.includedHeading', { count: booklet.included.length })}</h3>
          {nothing ? (
            <p className="hint">{scopeKind === 'ids' && chosen.size === 0 ? t('export.chooseSome') : t('export.nothingIncluded')}</p>
          ) : (
            <ul className="summary-list">
              {includedBySection.map((group) => (
                <li key={group.section}>
                  <strong>{t(`export.sectionNames.${group.section}`)}</strong>{' '}
                  <span>{group.items.map((entry) => entry.title || t('export.untitled')).join(', ')}</span>
                </li>
              ))}
            </ul>
          )}
          {booklet.leftOut.length > 0 && (
            <>
              <h3>{t('export.leftOutHeading', { count: booklet.leftOut.length })}</h3>
              <ul className="summary-list left-out">
                {booklet.leftOut.map((item) => (
                  <li key={`${item.kind}-${item.id}`}>
                    <strong>{item.title || t('export.untitled')}</strong> <span>{t(`export.leftOut.${item.reason}`)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>

        {progress && (
          <div className="export-progress">
            <label htmlFor={`${id}-progress`}>{t('export.progressLabel')}</label>
            <progress id={`${id}-progress`} value={progress.done} max={Math.max(progress.total, 1)} />
          </div>
        )}
        <TransferStatus status={progress ? t('export.progress', { percent: announcedPercent }) : status} error={error} />

        <div className="actions">
          {/* Keys keep these two apart: were the stop button's element reused as the submit
              button, the click that stops an export would also submit the form again. */}
          {working ? (
            <button key="stop" type="button" onClick={() => controller.current?.abort()}>
              {t('export.cancel')}
            </button>
          ) : (
            <button key="save" type="submit" className="primary" disabled={nothing} aria-describedby={nothing ? `${id}-included` : undefined}>
              {t(`export.save.${format}`)}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
