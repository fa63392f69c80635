import * as Y from 'yjs';
import { expect } from 'vitest';
import { Community } from '../../shared/model/Community.js';
import { nameCheckpoint, namedCheckpoints, openSnapshot, type Checkpoint } from '../../shared/model/history/checkpoints.js';
import { playback } from '../../shared/model/history/playback.js';
import { authorship, compareText, textAt } from '../../shared/model/history/story.js';
import { localOrigin } from '../../shared/model/origins.js';
import { applyPatches, createHarvestText, hasAstral, loadSequentialTrace } from '../../tests/traces/replay.js';
import { seed } from '../lib/config.js';
import { addRow, p95AtMost, type Budget } from '../lib/report.js';
import { Prng, timeSync } from '../lib/stats.js';

const atMost = (limit: number): Budget => ({ text: `≤ ${limit} ms`, check: (r) => r.median <= limit });
const overheadAtMost = (limit: number): Budget => ({ text: `≤ ${limit} %`, check: (r) => r.median <= limit });

const words = ['circle', 'story', 'listen', 'harvest', 'silence', 'hope', 'care', 'rest', 'work', 'together', 'question', 'we', 'began', 'again', 'and', 'the'];

/**
 * Issue 18's budgets, in Node through the model (what the History panel calls): a harvest of
 * 20,000 words written by 3 members on 3 synced documents in 10,000+ edits over 20 named
 * checkpoints; then the automerge-paper trace with a checkpoint every 5,000 edits. Reported,
 * never asserted; a wrong text fails the run.
 */
export function benchHistory(): void {
  const amira = { id: 'm-amira', name: 'Amira', colour: '#2557a7' as const };
  const members = [amira, { id: 'm-ben', name: 'Ben', colour: '#b3461f' as const }, { id: 'm-chiara', name: 'Chiara', colour: '#2f7a3a' as const }];
  const first = Community.create({ name: 'Bench', creator: amira });
  const harvest = first.harvests.create('m-amira', (h) => h.setTitle('Long harvest'));
  const peers = [first, ...members.slice(1).map(() => new Community(Community.newDoc()))];
  const syncAll = (): void => {
    for (const from of peers) for (const to of peers) if (from !== to) Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)));
  };
  syncAll();
  peers.forEach((peer, index) => {
    const member = members[index];
    if (member) peer.join(member);
  });
  syncAll();
  const rng = new Prng(seed);
  const edits = 10_500;
  let checkpointBytes = 0;
  const checkpoints = 20;
  for (let edit = 0; edit < edits; edit++) {
    const peer = peers[edit % peers.length] ?? first;
    const text = peer.harvests.get(harvest.id)?.body;
    if (!text) throw new Error('A peer lost the harvest.');
    peer.doc.transact(() => {
      if (edit % 10 === 9 && text.length > 20) text.delete(rng.int(0, text.length - 10), rng.int(1, 8));
      else {
        const phrase = Array.from({ length: rng.int(2, 3) }, () => words[rng.int(0, words.length - 1)]).join(' ');
        text.insert(rng.int(0, text.length), `${phrase} `, {});
      }
    }, localOrigin);
    if (edit % 50 === 49) syncAll();
    if (edit % Math.floor(edits / checkpoints) === Math.floor(edits / checkpoints) - 1) {
      syncAll();
      checkpointBytes += storedBytes(first, () => nameCheckpoint(first, { name: `Session ${Math.floor(edit / (edits / checkpoints)) + 1}`, by: 'm-amira' }));
    }
  }
  syncAll();
  const body = first.harvests.get(harvest.id)?.body;
  if (!body) throw new Error('The harvest has no story.');
  const wordCount = body.toJSON().split(/\s+/).filter(Boolean).length;
  measure(first, body, `${wordCount.toLocaleString('en')} words, ${edits.toLocaleString('en')} edits by 3 members`, checkpointBytes);

  const trace = loadSequentialTrace('automerge-paper.json.gz');
  const astral = hasAstral(trace.txns);
  const replay = createHarvestText(trace.startContent);
  replay.community.join({ id: 'member-trace', name: 'Trace', colour: '#2557a7' });
  let traceCheckpointBytes = 0;
  trace.txns.forEach((txn, index) => {
    replay.community.doc.transact(() => applyPatches(replay.text, txn.patches, astral), localOrigin);
    if (index % 5_000 === 4_999) traceCheckpointBytes += storedBytes(replay.community, () => nameCheckpoint(replay.community, { name: `After ${index + 1} edits`, by: 'member-trace' }));
  });
  expect(replay.text.toJSON() === trace.endContent, 'the replayed trace equals its end text').toBe(true);
  measure(replay.community, replay.text, `automerge-paper, ${trace.txns.length.toLocaleString('en')} edits`, traceCheckpointBytes);
}

/** The bytes of the updates `run` stores (what IndexedDB and peers receive). */
function storedBytes(community: Community, run: () => void): number {
  let bytes = 0;
  const count = (update: Uint8Array): void => {
    bytes += update.byteLength;
  };
  community.doc.on('update', count);
  run();
  community.doc.off('update', count);
  return bytes;
}

function measure(community: Community, text: Y.Text, label: string, checkpointBytes: number): void {
  // Once unmeasured, so the first measured compare does not pay for the JIT alone.
  const warm = namedCheckpoints(community);
  if (warm[0] && warm[1]) compareText(community, text, openSnapshot(community, warm[0]), openSnapshot(community, warm[1]));
  const open = timeSync(() => {
    const list = namedCheckpoints(community);
    const last = list.at(-1);
    return { list, runs: authorship(community, text), at: last ? textAt(text, openSnapshot(community, last)) : '' };
  });
  const list: Checkpoint[] = open.value.list;
  addRow({ part: 'history', measure: `${label}: open the history (${list.length} checkpoints, who wrote what now)`, unit: 'ms', samples: [open.ms], budget: atMost(300) });

  const adjacent: number[] = [];
  for (let i = 1; i < list.length; i++) {
    const from = list[i - 1];
    const to = list[i];
    if (!from || !to) continue;
    adjacent.push(timeSync(() => compareText(community, text, openSnapshot(community, from), openSnapshot(community, to))).ms);
  }
  addRow({ part: 'history', measure: `${label}: move to an adjacent checkpoint (compare with the previous)`, unit: 'ms', samples: adjacent, budget: p95AtMost(50, 'ms') });

  // Play: the frames between two adjacent checkpoints are built once when a stretch starts,
  // then each frame is read as it is shown.
  const stretches: number[] = [];
  const frames: number[] = [];
  for (let i = 1; i < list.length; i++) {
    const from = list[i - 1];
    const to = list[i];
    if (!from || !to) continue;
    const built = timeSync(() => playback(community, text, openSnapshot(community, from), openSnapshot(community, to)));
    stretches.push(built.ms);
    const play = built.value;
    for (const frame of [1, Math.floor(play.frames / 2), play.frames]) frames.push(timeSync(() => play.at(frame)).ms);
    expect(play.at(play.frames).map((run) => run.text).join('') === textAt(text, openSnapshot(community, to)), 'the last frame is the text at the later checkpoint').toBe(true);
  }
  addRow({ part: 'history', measure: `${label}: start playing a stretch between adjacent checkpoints`, unit: 'ms', samples: stretches, budget: p95AtMost(50, 'ms') });
  addRow({ part: 'history', measure: `${label}: one frame of the playback`, unit: 'ms', samples: frames, budget: p95AtMost(50, 'ms') });

  const from = list[0];
  const to = list.at(-1);
  if (from && to) {
    const distant = [0, 1, 2].map(() => timeSync(() => compareText(community, text, openSnapshot(community, from), openSnapshot(community, to))).ms);
    addRow({ part: 'history', measure: `${label}: diff of the first and last checkpoints`, unit: 'ms', samples: distant, budget: atMost(200) });
  }

  const withCheckpoints = Y.encodeStateAsUpdate(community.doc).byteLength;
  const overhead = (checkpointBytes / Math.max(1, withCheckpoints - checkpointBytes)) * 100;
  addRow({
    part: 'history',
    measure: `${label}: stored size added by the checkpoints`,
    unit: 'x',
    samples: [overhead],
    budget: overheadAtMost(10),
    note: `about ${(checkpointBytes / 1024).toFixed(1)} KB of ${(withCheckpoints / 1024).toFixed(0)} KB (value in percent)`,
  });
}
