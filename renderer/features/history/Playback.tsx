import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import type { Community } from '../../../shared/model/Community.js';
import { openSnapshot, type Checkpoint } from '../../../shared/model/history/checkpoints.js';
import { playback, type Playback } from '../../../shared/model/history/playback.js';
import type { HistoryRun } from '../../../shared/model/history/story.js';
import { errorText } from '../../i18n/messages.js';

/** How long each frame shows: about five seconds from one checkpoint to the next. */
const frameMs = 125;

interface Position {
  /** The checkpoint the current stretch starts at; the stretch ends at the next one or now. */
  readonly segment: number;
  readonly frame: number;
  readonly paused: boolean;
  /** "Now" as it was when play started, so typing meanwhile does not make the end run away. */
  readonly end: Y.Snapshot;
}

export interface PlaybackState {
  readonly playing: boolean;
  readonly paused: boolean;
  readonly runs: HistoryRun[];
  /** What a screen reader hears: said when a stretch starts, on pause and on errors, never per frame. */
  readonly announcement: string;
  readonly start: () => void;
  readonly togglePause: () => void;
  /** Stops; returns the index of the checkpoint the current stretch started at. */
  readonly stop: () => number;
}

/**
 * Plays the edits of `text` back, Etherpad-style, from the shown checkpoint (the first when
 * "Now" is shown) through every later one to now. The end ("now") is fixed when play starts,
 * so typing meanwhile does not make it run away.
 */
export function usePlayback(
  community: Community,
  text: Y.Text | null,
  checkpoints: readonly Checkpoint[],
  at: number,
  label: (c: Checkpoint | null) => string,
  onEnd: () => void,
): PlaybackState {
  const { t } = useTranslation();
  const [position, setPosition] = useState<Position | null>(null);
  const segment = position?.segment ?? -1;
  const end = position?.end ?? null;
  const fromCheckpoint = segment >= 0 ? checkpoints[segment] : undefined;
  const toCheckpoint = segment >= 0 ? checkpoints[segment + 1] : undefined;
  // Built once per stretch: the checkpoint list is read again on every change to the
  // document (others typing), but the stretch is the same while its two checkpoints are.
  const stretch = useMemo((): { play: Playback | null; error: string | null } => {
    const from = fromCheckpoint;
    const to = toCheckpoint;
    if (!text) return { play: null, error: null };
    try {
      if (!from) return { play: null, error: null };
      const toSnapshot = to ? openSnapshot(community, to) : (end ?? Y.snapshot(community.doc));
      return { play: playback(community, text, openSnapshot(community, from), toSnapshot), error: null };
    } catch (failure) {
      return { play: null, error: errorText(failure) };
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- by the checkpoints' ids, see above
  }, [community, text, fromCheckpoint?.id, toCheckpoint?.id, end]);

  const frames = stretch.play?.frames ?? 0;
  const failed = stretch.error !== null;
  useEffect(() => {
    if (!position || position.paused || failed) return;
    const timer = setTimeout(() => {
      if (position.frame < frames) setPosition({ ...position, frame: position.frame + 1 });
      else if (position.segment + 1 < checkpoints.length) setPosition({ ...position, segment: position.segment + 1, frame: 1 });
      else {
        setPosition(null);
        onEnd();
      }
    }, frameMs);
    return () => clearTimeout(timer);
  }, [position, frames, failed, checkpoints.length, onEnd]);

  const from = position ? (checkpoints[position.segment] ?? null) : null;
  const to = position ? (checkpoints[position.segment + 1] ?? null) : null;
  // A stretch that cannot be played (a checkpoint with changes not here yet) stops play and says why.
  const error = stretch.error;
  const announcement = error ?? (!position ? '' : position.paused ? t('history.playPaused', { from: label(from), to: label(to) }) : t('history.playing', { from: label(from), to: label(to) }));
  return {
    playing: position !== null && !error,
    paused: position?.paused ?? false,
    runs: position && stretch.play ? stretch.play.at(position.frame) : [],
    announcement,
    start: () => {
      setPosition({ segment: at < checkpoints.length ? at : 0, frame: 0, paused: false, end: Y.snapshot(community.doc) });
    },
    togglePause: () => setPosition((p) => (p ? { ...p, paused: !p.paused } : p)),
    stop: () => {
      const where = position?.segment ?? at;
      setPosition(null);
      return where;
    },
  };
}

/** Play, pause and stop, beside the scrubber. */
export function PlaybackControls({ play, canPlay, onStopped }: { play: PlaybackState; canPlay: boolean; onStopped: (checkpoint: number) => void }) {
  const { t } = useTranslation();
  return (
    <div className="actions history-play">
      {!play.playing ? (
        <button type="button" disabled={!canPlay} onClick={play.start}>
          {t('history.play')}
        </button>
      ) : (
        <>
          <button type="button" onClick={play.togglePause}>
            {play.paused ? t('history.resume') : t('history.pause')}
          </button>
          <button type="button" onClick={() => onStopped(play.stop())}>
            {t('history.stop')}
          </button>
        </>
      )}
      {!play.playing && play.announcement && (
        <p className="error" role="alert">
          {play.announcement}
        </p>
      )}
    </div>
  );
}
