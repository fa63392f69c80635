import { describe, expect, it } from 'vitest';
import {
  applyPatchesToString,
  codePointToUtf16,
  convergenceProblems,
  loadConcurrentTrace,
  loadSequentialTrace,
  replayConcurrent,
  replaySequentialHarvest,
  replaySequentialString,
  replaySequentialYText,
  type ConcurrentTrace,
} from './replay.js';

const seed = Number(process.env.FUZZ_SEED ?? 7);

describe('concurrent editing traces replayed through a harvest body', () => {
  for (const name of ['friendsforever', 'clownschool']) {
    it(`${name}: every replica ends at endContent, with the last updates delivered out of order`, { timeout: 60_000 }, () => {
      const trace = loadConcurrentTrace(`${name}.json.gz`);
      const result = replayConcurrent(trace, seed);
      console.info(
        `${name}: ${trace.numAgents} agents, ${trace.txns.length} txns, replay ${result.replayMs.toFixed(0)} ms, shuffled delivery ${result.deliverMs.toFixed(0)} ms, ` +
          `${result.texts[0]?.length ?? 0} chars, ${result.bytes} bytes encoded (seed=${seed})`,
      );
      expect(result.texts).toHaveLength(trace.numAgents + 1);
      expect(convergenceProblems(trace, result), `seed=${seed}`).toEqual([]);
      expect(result.updates).toBe(trace.txns.length);
    });
  }
});

describe('a small synthetic concurrent trace', () => {
  // Two agents fork from "ab", each edits (one with an emoji, counted as one code point),
  // then agent 0 merges both branches and edits after the emoji.
  const trace: ConcurrentTrace = {
    kind: 'concurrent',
    numAgents: 2,
    endContent: 'x😀ab!yz',
    txns: [
      { parents: [], agent: 0, patches: [[0, 0, 'ab']] },
      { parents: [0], agent: 0, patches: [[0, 0, 'x😀']] },
      { parents: [0], agent: 1, patches: [[2, 0, 'yz']] },
      { parents: [1, 2], agent: 0, patches: [[4, 0, '!']] },
      // A delete-only transaction: it advances no Yjs clock, yet later ones depend on it.
      { parents: [3], agent: 1, patches: [[5, 1, '']] },
      { parents: [4], agent: 1, patches: [[5, 0, 'y']] },
    ],
  };

  it('forks, merges and converts code points to UTF-16', () => {
    const result = replayConcurrent(trace, 3);
    expect(result.texts).toEqual(['x😀ab!yz', 'x😀ab!yz', 'x😀ab!yz']);
  });

  it('says which replica did not converge, and where', () => {
    const result = replayConcurrent(trace, 3);
    expect(convergenceProblems(trace, result)).toEqual([]);
    const wrong = { ...result, texts: [...result.texts.slice(0, 2), 'x😀ab?yz'], sameStateVectors: false };
    expect(convergenceProblems(trace, wrong)).toEqual([
      "replica 2: 8 characters against endContent's 8, first differing at 5",
      'the replicas end with different state vectors',
    ]);
  });

  it('refuses a trace whose parent comes later', () => {
    expect(() => replayConcurrent({ ...trace, txns: [{ parents: [1], agent: 0, patches: [] }] })).toThrow(/comes later/);
  });
});

describe('code points and UTF-16', () => {
  it('converts positions past astral characters', () => {
    expect(codePointToUtf16('a😀b', 0)).toBe(0);
    expect(codePointToUtf16('a😀b', 2)).toBe(3);
    expect(codePointToUtf16('a😀b', 3)).toBe(4);
    expect(codePointToUtf16('a😀b', 9)).toBe(4);
    expect(
      applyPatchesToString('a😀b', [
        [1, 1, 'é'],
        [3, 0, '!'],
      ]),
    ).toBe('aéb!');
  });
});

describe('sequential trace (automerge-paper), first 5,000 edits', () => {
  const trace = loadSequentialTrace('automerge-paper.json.gz');
  const limit = 5_000;
  const expected = replaySequentialString(trace, limit);

  it('the plain string replay is a real prefix of the paper', () => {
    expect(expected.length).toBeGreaterThan(1_000);
    expect(trace.txns.length).toBeGreaterThan(limit);
    expect(expected).toHaveLength(3472);
    expect(expected.startsWith('\\documentclass[a4paper,twocolumn,10pt]{article}\n')).toBe(true);
  });

  it('through the harvest body matches the plain string replay', () => {
    const result = replaySequentialHarvest(trace, limit);
    console.info(`automerge-paper first ${limit}: harvest ${result.ms.toFixed(0)} ms, ${result.text.length} chars, ${result.bytes} bytes`);
    expect(result.edits).toBe(limit);
    expect(result.text).toBe(expected);
  });

  it('into a plain Y.Text matches too', () => {
    const result = replaySequentialYText(trace, limit);
    console.info(`automerge-paper first ${limit}: Y.Text ${result.ms.toFixed(0)} ms, ${result.bytes} bytes`);
    expect(result.text).toBe(expected);
  });
});
