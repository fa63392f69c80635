import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { nameCheckpoint, namedCheckpoints, openSnapshot, type Checkpoint } from '../../../shared/model/history/checkpoints.js';
import { authorship, compareText, restoreText, type HistoryRun, type RestoreResult } from '../../../shared/model/history/story.js';
import type { OpenCommunity } from '../../app/Workspace.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorMessage } from '../../components/FormActions.js';
import { observableType, useChangeCount, useDocSnapshot } from '../../hooks/useDocSnapshot.js';
import { errorText } from '../../i18n/messages.js';
import { useFormat } from '../../i18n/useFormat.js';
import { usePresence } from '../connection/useSync.js';
import { autoCheckpointsOf } from './autoCheckpoints.js';
import { HistoryRuns } from './HistoryRuns.js';
import { selectionOffsets } from './selectionOffsets.js';
import './history.css';

/**
 * The history of one story: its checkpoints (named ones shared, automatic ones from this
 * device), a scrubber through them showing the story read-only at each, who wrote what,
 * a comparison of any two, and restoring the story to one (as a new change, undoable).
 */
export function HistoryDialog({ opened, entryId, text, title, onClose }: { opened: OpenCommunity; entryId: string; text: Y.Text; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const workspace = useWorkspace();
  const { community, readOnly } = opened;
  const memberId = workspace.personal.identity?.id ?? '';
  const auto = autoCheckpointsOf(community, () => workspace.personal.identity?.id ?? '');
  const present = usePresence(opened.sync);
  const autoVersion = useChangeCount(auto);
  const version = useDocSnapshot(community, () => Y.encodeStateVector(community.doc).join(','));
  // Typing in a story is not a change the community's observer reports: follow the text too.
  const textVersion = useChangeCount(useMemo(() => observableType(text), [text]));
  const checkpoints = useMemo(
    () => [...namedCheckpoints(community), ...auto.checkpoints].sort((a, b) => a.at - b.at),
    // The checkpoints change with the document and with this device's automatic ones.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [community, auto, version, autoVersion],
  );
  // By id, not index: a checkpoint a peer names meanwhile must not move what is shown.
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const found = checkpoints.findIndex((c) => c.id === selectedId);
  const at = found >= 0 ? found : checkpoints.length;
  const [compareWith, setCompareWith] = useState<string>('');
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [restored, setRestored] = useState<RestoreResult | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const nameId = useId();
  const compareId = useId();
  const scrubId = useId();
  const selected: Checkpoint | null = checkpoints[at] ?? null;
  const label = (checkpoint: Checkpoint | null): string =>
    checkpoint ? `${checkpoint.name || t(`history.reasons.${checkpoint.reason}`)} · ${format.timestamp(checkpoint.at, 'medium')}` : t('history.now');

  const view = ((_textVersion: number): { runs: HistoryRun[]; error: string | null } => {
    try {
      const snapshot = selected ? openSnapshot(community, selected) : Y.snapshot(community.doc);
      const other = checkpoints.find((c) => c.id === compareWith);
      if (other) return { runs: compareText(community, text, openSnapshot(community, other), snapshot), error: null };
      return { runs: authorship(community, text, snapshot), error: null };
    } catch (error) {
      return { runs: [], error: errorText(error) };
    }
  })(textVersion);

  // A passage selected in the current text ("Now", who wrote what), kept as Yjs relative
  // positions so that others typing before it meanwhile do not shift it.
  const shown = useRef<HTMLDivElement>(null);
  const [passage, setPassage] = useState<{ from: Y.RelativePosition; to: Y.RelativePosition; text: string } | null>(null);
  const [passageTarget, setPassageTarget] = useState('');
  const showingNow = selected === null && !compareWith;
  useEffect(() => {
    if (!showingNow) return;
    const onChange = (): void => {
      const container = shown.current;
      const offsets = container ? selectionOffsets(container) : null;
      if (!offsets) return;
      setPassage({
        from: Y.createRelativePositionFromTypeIndex(text, offsets.from),
        to: Y.createRelativePositionFromTypeIndex(text, offsets.to, -1),
        text: offsets.text,
      });
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [showingNow, text]);
  const restorePassage = (): void => {
    const target = checkpoints.find((c) => c.id === passageTarget);
    if (!passage || !target || !text.doc) return;
    try {
      const from = Y.createAbsolutePositionFromRelativePosition(passage.from, text.doc)?.index;
      const to = Y.createAbsolutePositionFromRelativePosition(passage.to, text.doc)?.index;
      const snapshot = openSnapshot(community, target);
      auto.take('restore', entryId);
      setRestored(restoreText(text, snapshot, from !== undefined && to !== undefined ? { from, to } : { from: -1, to: -1 }));
      setPassage(null);
      setStatus(t('history.passageRestored', { checkpoint: label(target) }));
    } catch (error) {
      setStatus(errorText(error));
    }
  };

  const nameIt = (): void => {
    try {
      nameCheckpoint(community, { name, by: memberId, present: [memberId, ...present.map((p) => p.user.memberId)].filter(Boolean), entryId });
      setName('');
      setNameError(null);
      setStatus(t('history.named'));
    } catch (error) {
      setNameError(errorText(error));
    }
  };
  const restore = (): void => {
    if (!selected) return;
    try {
      const snapshot = openSnapshot(community, selected);
      auto.take('restore', entryId);
      setRestored(restoreText(text, snapshot));
      setStatus(t('history.restored', { checkpoint: label(selected) }));
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  const undoRestore = (): void => {
    if (restored?.undo()) setStatus(t('history.restoreUndone'));
    setRestored(null);
  };

  return (
    <Dialog title={t('history.title', { title })} onClose={onClose}>
      <div className="history">
        <section aria-labelledby={`${scrubId}-heading`}>
          <h3 id={`${scrubId}-heading`}>{t('history.checkpoints')}</h3>
          {checkpoints.length === 0 && <p className="hint">{t('history.noCheckpoints')}</p>}
          <ol className="history-checkpoints">
            {checkpoints.map((checkpoint, index) => (
              <li key={checkpoint.id}>
                <button type="button" className="ghost" aria-current={index === at ? 'true' : undefined} onClick={() => setSelectedId(checkpoint.id)}>
                  {label(checkpoint)}
                </button>
                {checkpoint.by && <span className="hint"> {t('history.setBy', { name: community.member(checkpoint.by)?.name ?? t('common.someone') })}</span>}
              </li>
            ))}
            <li>
              <button type="button" className="ghost" aria-current={selected === null ? 'true' : undefined} onClick={() => setSelectedId(null)}>
                {t('history.now')}
              </button>
            </li>
          </ol>
          <div className="field">
            <label htmlFor={scrubId}>{t('history.scrubber')}</label>
            <input
              id={scrubId}
              type="range"
              min={0}
              max={checkpoints.length}
              step={1}
              value={at}
              aria-valuetext={label(selected)}
              onChange={(event) => {
                const next = Number(event.target.value);
                setSelectedId(checkpoints[next]?.id ?? null);
              }}
            />
            <p className="hint" aria-live="polite">
              {t('history.showing', { checkpoint: label(selected) })}
            </p>
          </div>
          <div className="field">
            <label htmlFor={compareId}>{t('history.compareWith')}</label>
            <select id={compareId} value={compareWith} onChange={(event) => setCompareWith(event.target.value)}>
              <option value="">{t('history.whoWroteWhat')}</option>
              {checkpoints.map((checkpoint) => (
                <option key={checkpoint.id} value={checkpoint.id}>
                  {label(checkpoint)}
                </option>
              ))}
            </select>
          </div>
        </section>
        <section aria-label={t('history.readOnlyText')}>
          {view.error ? (
            <p className="error" role="alert">
              {view.error}
            </p>
          ) : (
            <div ref={shown}>
              <HistoryRuns runs={view.runs} showAuthors={!compareWith} />
            </div>
          )}
        </section>
        {readOnly && <p className="notice">{t('history.readOnly')}</p>}
        {!readOnly && (
          <section className="history-actions">
            <div className="field">
              <label htmlFor={nameId}>{t('history.nameLabel')}</label>
              <input id={nameId} value={name} maxLength={200} aria-invalid={nameError ? true : undefined} onChange={(event) => setName(event.target.value)} />
              <ErrorMessage message={nameError} />
              <button type="button" onClick={nameIt}>
                {t('history.nameButton')}
              </button>
            </div>
            {showingNow && !passage && <p className="hint">{t('history.selectPassage')}</p>}
            {passage && (
              <div className="field">
                <label htmlFor={`${nameId}-passage`}>{t('history.passageTarget', { passage: passage.text.length > 60 ? `${passage.text.slice(0, 60)}…` : passage.text })}</label>
                <select id={`${nameId}-passage`} value={passageTarget} onChange={(event) => setPassageTarget(event.target.value)}>
                  <option value="">{t('history.chooseCheckpoint')}</option>
                  {checkpoints.map((checkpoint) => (
                    <option key={checkpoint.id} value={checkpoint.id}>
                      {label(checkpoint)}
                    </option>
                  ))}
                </select>
                <button type="button" disabled={!passageTarget} onClick={restorePassage}>
                  {t('history.restorePassage')}
                </button>
              </div>
            )}
            <div className="actions">
              <button type="button" className="primary" disabled={!selected || Boolean(view.error)} onClick={restore}>
                {t('history.restore')}
              </button>
              {restored && (
                <button type="button" onClick={undoRestore}>
                  {t('history.undoRestore')}
                </button>
              )}
            </div>
          </section>
        )}
        {status && (
          <p className="notice" role="status">
            {status}
          </p>
        )}
      </div>
    </Dialog>
  );
}
