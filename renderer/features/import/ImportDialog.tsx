import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenedFile } from '../../../shared/bridge/contract.js';
import { applyGlossaryImport, parseGlossaryCsv, type GlossaryCsvPreview } from '../../../shared/import/glossaryCsv.js';
import type { EntryKind } from '../../../shared/model/Entry.js';
import type { Block } from '../../../shared/model/storyBlocks.js';
import { importMarkdownAs, splitTitle, type MarkdownImportKind } from '../../../shared/import/importMarkdown.js';
import { isCommonplaceError } from '../../../shared/CommonplaceError.js';
import { MAX_IMPORT_BYTES, MAX_MARKDOWN_BYTES } from '../../../shared/import/limits.js';
import type { OpenCommunity } from '../../app/Workspace.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { ChoiceGroup } from '../../components/ChoiceGroup.js';
import { Dialog } from '../../components/Dialog.js';
import { FilePreview } from '../../components/FilePreview.js';
import { ErrorMessage } from '../../components/FormActions.js';
import { errorMessage } from '../export/files.js';
import { FileDropZone, type DropProblem } from './FileDropZone.js';
import { GlossaryPreview } from './GlossaryPreview.js';
import { parseMarkdownOffThread } from './parseMarkdown.js';
import { CloseActions, TransferStatus } from '../../components/TransferStatus.js';

/** Every kind can be imported, offered in the order the dialog asks: Markdown kinds first. */
export const importKinds = ['harvest', 'dilemma', 'resourceList', 'glossary'] as const satisfies readonly EntryKind[];
export type ImportKind = (typeof importKinds)[number];

const markdownExtensions = ['md', 'markdown', 'txt'] as const;
const csvExtensions = ['csv', 'txt'] as const;
const megabytes = (bytes: number): number => Math.round(bytes / (1024 * 1024));
const limitMb = megabytes(MAX_IMPORT_BYTES);
const markdownLimitMb = megabytes(MAX_MARKDOWN_BYTES);

type Pending =
  | { readonly type: 'markdown'; readonly file: OpenedFile; readonly title: string; readonly blocks: readonly Block[] } | { readonly type: 'csv'; readonly file: OpenedFile; readonly preview: GlossaryCsvPreview };

/** An import refused before anything was created, in the person's language. */
export function importErrorText(t: TFunction, error: unknown, limit: number = limitMb): string {
  if (isCommonplaceError(error)) return t(`messages.${error.code}`, { ...error.params, limit });
  return t('import.errors.other', { message: errorMessage(error) });
}

export function dropProblemText(t: TFunction, problem: DropProblem, extensions: readonly string[], limit: number = limitMb): string {
  switch (problem.kind) {
    case 'wrong-type':
      return t('import.errors.wrongType', { name: problem.name, extensions: extensions.map((e) => `.${e}`).join(', ') });
    case 'too-large':
      return t('messages.importTooLarge', { limit });
    case 'unreadable':
      return t('import.errors.unreadable', { message: problem.message });
  }
}

/** The Markdown importer's English notes, in the person's language where we know them. */
function warningText(t: TFunction, warning: string): string {
  const withoutLink = /^(\d+) list items? had no web link/.exec(warning);
  if (withoutLink) return t('import.warnings.withoutLink', { count: Number(withoutLink[1]) });
  if (warning.startsWith('No list items with web links')) return t('import.warnings.noResources');
  return warning;
}

/**
 * Import: a Markdown file as a new harvest, a dilemma in the private journal or a resource
 * list; or glossary terms from a spreadsheet (CSV) after a preview. A file that cannot be
 * used is refused with the reason, and nothing is created.
 */
export function ImportDialog({ opened, onClose }: { opened: OpenCommunity; onClose: () => void }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { community } = opened;
  const id = useId();
  // A community saved by a newer Commonplace takes nothing new; the private journal still does.
  const [kind, setKind] = useState<ImportKind>(opened.readOnly ? 'dilemma' : 'harvest');
  const [pending, setPending] = useState<Pending | null>(null);
  // Asked before the harvest exists: a private one is never written into the community.
  const [harvestPrivate, setHarvestPrivate] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const extensions = kind === 'glossary' ? csvExtensions : markdownExtensions;
  const maxBytes = kind === 'glossary' ? MAX_IMPORT_BYTES : MAX_MARKDOWN_BYTES;
  const maxMb = kind === 'glossary' ? limitMb : markdownLimitMb;
  const memberId = workspace.personal.identity?.id ?? '';
  const communityName = community.profile.name;

  const read = (file: OpenedFile, as: ImportKind = kind): void => {
    setStatus(null);
    setError(null);
    setPending(null);
    if (as !== 'glossary') {
      // In a worker with a time limit: a hostile file must not freeze the window.
      setStatus(t('import.reading'));
      parseMarkdownOffThread(file.data)
        .then(
          (blocks) => setPending({ type: 'markdown', file, title: splitTitle([...blocks], file.name).title, blocks }),
          (failure: unknown) => setError(importErrorText(t, failure, markdownLimitMb)),
        )
        .finally(() => setStatus(null));
      return;
    }
    try {
      setPending({ type: 'csv', file, preview: parseGlossaryCsv(file.data, { community }) });
    } catch (failure) {
      setError(importErrorText(t, failure));
    }
  };

  const chooseKind = (next: ImportKind): void => {
    setKind(next);
    setStatus(null);
    setError(null);
    // A Markdown file can be read again as another kind; a CSV and Markdown cannot swap.
    if (pending?.type === 'markdown' && next !== 'glossary') read(pending.file, next);
    else setPending(null);
  };

  const importMarkdown = (file: OpenedFile, blocks: readonly Block[], as: MarkdownImportKind): void => {
    setError(null);
    if (opened.readOnly && as !== 'dilemma') return;
    try {
      const content = { name: file.name, content: file.data };
      let message: string;
      let warnings: readonly string[];
      if (as === 'dilemma') {
        const result = importMarkdownAs('dilemma', workspace.personal, content, memberId, { blocks });
        message = t('import.done.dilemma', { title: result.entry.title });
        warnings = result.warnings;
      } else if (as === 'resourceList') {
        const result = importMarkdownAs('resourceList', community, content, memberId, { blocks });
        message = t('import.done.resourceList', { title: result.entry.title, community: communityName, count: result.entry.resources.length });
        warnings = result.warnings;
      } else {
        const result = importMarkdownAs('harvest', community, content, memberId, { blocks, ...(harvestPrivate ? { privateTo: workspace.personal } : {}) });
        message = harvestPrivate ? t('import.done.privateHarvest', { title: result.entry.title }) : t('import.done.harvest', { title: result.entry.title, community: communityName });
        warnings = result.warnings;
      }
      setPending(null);
      setStatus([message, ...warnings.map((w) => warningText(t, w))].join(' '));
    } catch (failure) {
      setError(importErrorText(t, failure, markdownLimitMb));
    }
  };

  const importGlossary = (preview: GlossaryCsvPreview): void => {
    setError(null);
    if (opened.readOnly) return;
    try {
      const result = applyGlossaryImport(community, preview, memberId);
      setPending(null);
      const parts = [t('import.done.glossary', { count: result.created.length, community: communityName })];
      if (result.linked > 0) parts.push(t('import.done.linked', { count: result.linked }));
      if (result.skipped.length > 0) parts.push(t('import.done.skipped', { count: result.skipped.length }));
      setStatus(parts.join(' '));
    } catch (failure) {
      setError(importErrorText(t, failure));
    }
  };

  return (
    <Dialog title={t('import.title', { name: communityName })} onClose={onClose} describedBy={`${id}-intro`}>
      <div className="stack transfer-form import-form">
        <p id={`${id}-intro`} className="hint">
          {t('import.intro')}
        </p>
        <ChoiceGroup
          type="radio"
          name={`${id}-kind`}
          legend={t('import.kind')}
          value={kind}
          onChange={chooseKind}
          choices={importKinds.map((value) => ({
            value,
            label: t(`import.kinds.${value}`),
            hint: t(`import.kindHints.${value}`, { community: communityName }),
            // A read-only community still takes dilemmas: they go to this person's own journal.
            disabled: opened.readOnly && value !== 'dilemma',
          }))}
        />

        <FileDropZone
          label={t('import.dropZone')}
          chooseLabel={kind === 'glossary' ? t('import.chooseCsv') : t('import.chooseMarkdown')}
          dropHint={t('import.dropHint', { extensions: extensions.map((e) => `.${e}`).join(', '), limit: maxMb })}
          extensions={extensions}
          maxBytes={maxBytes}
          onFile={(file) => read(file)}
          onProblem={(problem) => {
            setPending(null);
            setStatus(null);
            setError(dropProblemText(t, problem, extensions, maxMb));
          }}
        />

        <ErrorMessage message={error} />

        {pending?.type === 'markdown' && kind !== 'glossary' && (
          <FilePreview
            confirmLabel={t(`import.create.${kind}`)}
            onConfirm={() => importMarkdown(pending.file, pending.blocks, kind)}
            chooseAnotherLabel={t('import.chooseAnother')}
            onChooseAnother={() => setPending(null)}
          >
            <p>{t(`import.ready.${kind}`, { title: pending.title, file: pending.file.name, community: communityName })}</p>
            {kind === 'harvest' && (
              <label>
                <input type="checkbox" checked={harvestPrivate} onChange={(event) => setHarvestPrivate(event.target.checked)} /> {t('import.harvestPrivate')}
              </label>
            )}
          </FilePreview>
        )}

        {pending?.type === 'csv' && kind === 'glossary' && (
          <FilePreview
            confirmLabel={t('import.importTerms', { count: pending.preview.rows.length })}
            confirmDisabled={pending.preview.rows.length === 0}
            onConfirm={() => importGlossary(pending.preview)}
            chooseAnotherLabel={t('import.chooseAnother')}
            onChooseAnother={() => setPending(null)}
          >
            <GlossaryPreview preview={pending.preview} fileName={pending.file.name} />
          </FilePreview>
        )}

        <TransferStatus status={status} />
        <CloseActions onClose={onClose} />
      </div>
    </Dialog>
  );
}
