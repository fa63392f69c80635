import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { nameCheckpoint, namedCheckpoints, openSnapshot, presentMembers, type Checkpoint } from '../../../shared/model/history/checkpoints.js';
import { entryListKeys, entryTexts, restoreEntry, type EntryText } from '../../../shared/model/history/entry.js';
import { authorship, compareText, restoreText, type HistoryRun, type RestoreResult } from '../../../shared/model/history/story.js';
import type { OpenCommunity } from '../../app/Workspace.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorMessage } from '../../components/FormActions.js';
import { observableType, useChangeCount, useDocSnapshot } from '../../hooks/useDocSnapshot.js';
import { errorText } from '../../i18n/messages.js';
import { useFormat } from '../../i18n/useFormat.js';
import { usePresence } from '../connection/useSync.js';
import { autoCheckpointsFor } from './autoCheckpoints.js';
import { HistoryLists } from './HistoryLists.js';
import { HistoryRuns } from './HistoryRuns.js';
import { PlaybackControls, usePlayback } from './Playback.js';
import { selectionOffsets } from './selectionOffsets.js';
import './history.css';

/**
 * The history of one entry (any kind): its checkpoints (named ones shared, automatic ones
 * from this device), a scrubber through them showing the entry read-only at each (each of
 * its texts, and its reflections, insights or resources with who added each), playing the
 * edits back, who wrote what, a comparison of any two, and restoring the entry (or a
 * passage of one text) to a checkpoint as a new change that can be undone.
 */
export function HistoryDialog({ opened, entry, title, onClose }: { opened: OpenCommunity; entry: Y.Map<unknown>; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const workspace = useWorkspace();
  const { community, readOnly } = opened;
  const memberId = workspace.personal.identity?.id ?? '';
  const entryId = typeof entry.get('id') === 'string' ? (entry.get('id') as string) : '';
  const auto = autoCheckpointsFor(opened, () => workspace.personal.identity?.id ?? '');
  const present = usePresence(opened.sync);
  const autoVersion = useChangeCount(auto);
  const version = useDocSnapshot(community, () => Y.encodeStateVector(community.doc).join(','));
  // Typing in a story is not a change the community's observer reports: follow the entry too.
  const entryVersion = useChangeCount(useMemo(() => observableType(entry, { deep: true }), [entry]));
  const checkpoints = useMemo(
    () => [...namedCheckpoints(community), ...auto.checkpoints].sort((a, b) => a.at - b.at),
    // The checkpoints change with the document and with this device's automatic ones.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [community, auto, version, autoVersion],
  );
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the entry's texts change with it
  const texts = useMemo(() => entryTexts(entry), [entry, entryVersion]);
  const [partKey, setPartKey] = useState<string>(texts[0]?.key ?? '');
  const part: EntryText | undefined = texts.find((p) => p.key === partKey) ?? texts[0];
  const text = part?.text ?? null;
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
  const partId = useId();
  const selected: Checkpoint | null = checkpoints[at] ?? null;
  const label = (checkpoint: Checkpoint | null): string =>
    checkpoint ? `${checkpoint.name || t(`history.reasons.${checkpoint.reason}`)} · ${format.timestamp(checkpoint.at, 'medium')}` : t('history.now');
  const partLabel = (p: EntryText): string => (p.field === 'reflection' ? t('history.parts.reflection', { date: format.day(p.date) }) : t(`history.parts.${p.field}`));

  // Played to the end: "Now" is shown, where it ended.
  const showNow = useCallback(() => setSelectedId(null), []);
  const play = usePlayback(community, text, checkpoints, at, label, showNow);

  const view = ((_version: number): { runs: HistoryRun[]; snapshot: Y.Snapshot | null; from: Y.Snapshot | undefined; error: string | null } => {
    try {
      const snapshot = selected ? openSnapshot(community, selected) : Y.snapshot(community.doc);
      const other = checkpoints.find((c) => c.id === compareWith);
      const from = other ? openSnapshot(community, other) : undefined;
      if (!text) return { runs: [], snapshot, from, error: null };
      if (from) return { runs: compareText(community, text, from, snapshot), snapshot, from, error: null };
      return { runs: authorship(community, text, snapshot), snapshot, from, error: null };
    } catch (error) {
      return { runs: [], snapshot: null, from: undefined, error: errorText(error) };
    }
  })(entryVersion);

  // A passage selected in the current text ("Now", who wrote what), kept as Yjs relative
  // positions so that others typing before it meanwhile do not shift it.
  const shown = useRef<HTMLDivElement>(null);
  const [passage, setPassage] = useState<{ from: Y.RelativePosition; to: Y.RelativePosition; text: string; of: Y.Text } | null>(null);
  const [passageTarget, setPassageTarget] = useState('');
  const showingNow = selected === null && !compareWith && !play.playing;
  useEffect(() => {
    if (!showingNow || !text) return;
    const onChange = (): void => {
      const container = shown.current;
      const offsets = container ? selectionOffsets(container) : null;
      if (!offsets) return;
      setPassage({
        from: Y.createRelativePositionFromTypeIndex(text, offsets.from),
        to: Y.createRelativePositionFromTypeIndex(text, offsets.to, -1),
        text: offsets.text,
        of: text,
      });
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [showingNow, text]);
  const restorePassage = (): void => {
    const target = checkpoints.find((c) => c.id === passageTarget);
    const doc = passage?.of.doc;
    if (!passage || !target || !doc) return;
    try {
      const from = Y.createAbsolutePositionFromRelativePosition(passage.from, doc)?.index;
      const to = Y.createAbsolutePositionFromRelativePosition(passage.to, doc)?.index;
      const snapshot = openSnapshot(community, target);
      auto.take('restore', entryId);
      setRestored(restoreText(passage.of, snapshot, from !== undefined && to !== undefined ? { from, to } : { from: -1, to: -1 }));
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
      setRestored(restoreEntry(entry, snapshot));
      setStatus(t('history.restored', { checkpoint: label(selected) }));
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  const undoRestore = (): void => {
    if (restored?.undo()) setStatus(t('history.restoreUndone'));
    setRestored(null);
  };
  const hasLists = entryListKeys.some((key) => entry.get(key) instanceof Y.Array);

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
                {checkpoint.present.length > 0 && <span className="hint"> {t('history.presentWith', { names: presentMembers(community, checkpoint).map((m) => m.name).join(', ') })}</span>}
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
              disabled={play.playing}
              aria-valuetext={label(selected)}
              onChange={(event) => {
                const next = Number(event.target.value);
                setSelectedId(checkpoints[next]?.id ?? null);
              }}
            />
            <p className="hint" aria-live="polite">
              {play.playing ? play.announcement : t('history.showing', { checkpoint: label(selected) })}
            </p>
          </div>
          <PlaybackControls play={play} canPlay={Boolean(text) && checkpoints.length > 0 && !view.error} onStopped={(index) => setSelectedId(checkpoints[index]?.id ?? null)} />
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
          {texts.length > 1 && (
            <div className="field">
              <label htmlFor={partId}>{t('history.part')}</label>
              <select id={partId} value={part?.key ?? ''} onChange={(event) => setPartKey(event.target.value)}>
                {texts.map((p) => (
                  <option key={p.key} value={p.key}>
                    {partLabel(p)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </section>
        <section aria-label={t('history.readOnlyText')}>
          {view.error ? (
            <p className="error" role="alert">
              {view.error}
            </p>
          ) : (
            <>
              {part && <h4 className="history-part">{partLabel(part)}</h4>}
              <div ref={shown}>
                <HistoryRuns runs={play.playing ? play.runs : view.runs} showAuthors={play.playing || !compareWith} />
              </div>
              {hasLists && view.snapshot && <HistoryLists community={community} entry={entry} at={view.snapshot} from={view.from} />}
            </>
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
            {entry.get('kind') === 'harvest' && <p className="hint">{t('history.restoreKeepsConsent')}</p>}
            <div className="actions">
              <button type="button" className="primary" disabled={!selected || Boolean(view.error) || play.playing} onClick={restore}>
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
