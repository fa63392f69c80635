import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommonplaceBridge } from '../../../shared/bridge/contract.js';
import type { Booklet } from '../../../shared/export/booklet.js';
import { exportCancelled, isExportCancelled } from '../../../shared/export/progress.js';
import { exportLabelsFor } from './exportLabels.js';
import { errorMessage, fileSlug } from './files.js';
import { printPdf } from './printPdf.js';
import { renderOffThread } from './runRender.js';

export const exportFormats = ['markdown', 'html', 'pdf', 'docx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

const fileTypes: Record<Exclude<ExportFormat, 'pdf'>, { extension: string; mimeType: string }> = {
  markdown: { extension: 'md', mimeType: 'text/markdown;charset=utf-8' },
  html: { extension: 'html', mimeType: 'text/html;charset=utf-8' },
  docx: { extension: 'docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
};

export interface ExportProgress {
  readonly done: number;
  readonly total: number;
}

export type ExportBridge = Pick<CommonplaceBridge, 'capabilities' | 'saveFile' | 'printToPdf' | 'printProgress' | 'cancelPrint'>;

export interface ExportJob {
  /** While a booklet is written or printed; `null` otherwise. */
  readonly progress: ExportProgress | null;
  /** How far, in steps of a tenth, for the status line (not announced at every entry). */
  readonly announcedPercent: number;
  /** What the last export came to: saved, not saved, stopped, or sent to the print dialog. */
  readonly status: string | null;
  readonly error: string | null;
  /** Writes `booklet` in `format` and saves it (or prints it), unless one is already running. */
  readonly run: (booklet: Booklet, format: ExportFormat) => Promise<void>;
  /** Stops the export running: nothing is saved. */
  readonly stop: () => void;
}

/**
 * One export at a time: the booklet is written off the page's thread with progress, then
 * saved through the bridge, or printed to PDF the way the shell can. Stopped when asked or
 * when the dialog using it closes.
 */
export function useExportJob(bridge: ExportBridge): ExportJob {
  const { t, i18n } = useTranslation();
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  // Stop an export still running when the dialog closes.
  useEffect(() => () => controller.current?.abort(), []);

  const run = async (booklet: Booklet, format: ExportFormat): Promise<void> => {
    if (controller.current) return;
    setStatus(null);
    setError(null);
    const abort = new AbortController();
    controller.current = abort;
    setProgress({ done: 0, total: booklet.included.length });
    const name = fileSlug(booklet.title, 'booklet');
    const onProgress = (done: number, total: number): void => setProgress({ done, total });
    try {
      const output = await renderOffThread(
        { booklet: { ...booklet, createdAt: Date.now() }, format: format !== 'pdf' ? format : bridge.capabilities.pdf === 'file' ? 'printParts' : 'html', labels: exportLabelsFor(t), lang: i18n.language },
        { signal: abort.signal, onProgress },
      );
      if (abort.signal.aborted) throw exportCancelled();
      if (format === 'pdf') {
        // To a file: the booklet in parts, through Chromium's print engine into one PDF, and a
        // save dialog. To the print dialog: the HTML export, where the person picks "Save as
        // PDF"; the page cannot know what they chose.
        const parts = typeof output === 'string' ? [output] : output instanceof Uint8Array ? [new TextDecoder().decode(output)] : output;
        setProgress({ done: 0, total: parts.length });
        const result = await printPdf(bridge, { parts, suggestedName: `${name}.pdf` }, { signal: abort.signal, onProgress });
        if (bridge.capabilities.pdf === 'printDialog') setStatus(t('export.pdf.printDialog'));
        else setStatus(result.saved ? t('export.saved', { name: result.name }) : t('export.notSaved'));
        return;
      }
      const type = fileTypes[format];
      if (typeof output !== 'string' && !(output instanceof Uint8Array)) throw new Error(`The ${format} export came out as print parts.`);
      const result = await bridge.saveFile({ suggestedName: `${name}.${type.extension}`, mimeType: type.mimeType, data: output });
      setStatus(result.saved ? t('export.saved', { name: result.name }) : t('export.notSaved'));
    } catch (failure) {
      if (isExportCancelled(failure)) setStatus(t('messages.exportCancelled'));
      else setError(t('export.failed', { message: errorMessage(failure) }));
    } finally {
      if (controller.current === abort) controller.current = null;
      setProgress(null);
    }
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return { progress, announcedPercent: Math.floor(percent / 10) * 10, status, error, run, stop: () => controller.current?.abort() };
}
