// @vitest-environment jsdom
/**
 * The concurrent editing traces replayed through real TipTap editors (editorReplicas.ts):
 * every agent's editor, and a fresh one that got every update shuffled, must end at
 * `endContent`, each showing exactly what its story text holds.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { unitsOfText } from '../../renderer/editor/storyBinding/storyBinding.js';
import { docFromUnits } from '../../renderer/editor/storyBinding/storyUnits.js';
import { editorReplicas, opened } from './editorReplicas.js';
import { loadConcurrentTrace, replayConcurrent, replayConcurrentOn } from './replay.js';

afterAll(() => {
  for (const editor of opened.splice(0)) editor.destroy();
});

/** Whole traces take minutes: `npm run test:fuzz` (or EDITOR_TRACES=full) replays them whole. */
const whole = process.env.FUZZ_SEEDS !== undefined || process.env.EDITOR_TRACES === 'full';
const prefix = Number(process.env.EDITOR_TRACES_PREFIX ?? 2_000);

describe('concurrent editing traces typed into real editors', () => {
  for (const name of ['friendsforever', 'clownschool']) {
    it(`${name}: every agent's editor ends where the model's own replay ends${whole ? ' (endContent)' : `, first ${prefix} transactions`}`, { timeout: 900_000 }, () => {
      const full = loadConcurrentTrace(`${name}.json.gz`);
      const trace = whole ? full : { ...full, txns: full.txns.slice(0, prefix) };
      // The expected text: endContent, or for a prefix the same prefix replayed straight into the text.
      const expected = whole ? full.endContent : (replayConcurrent(trace, 7).texts[0] ?? '');
      expect(expected.length).toBeGreaterThan(1_000);
      const result = replayConcurrentOn(trace, editorReplicas, 7);
      console.info(`${name} through editors: ${trace.numAgents} agents, ${trace.txns.length} txns, replay ${result.replayMs.toFixed(0)} ms, delivery ${result.deliverMs.toFixed(0)} ms`);
      expect(result.texts).toHaveLength(trace.numAgents + 1);
      for (const [i, text] of result.texts.entries()) {
        expect(text.length, `editor ${i} length`).toBe(expected.length);
        expect(text === expected, `editor ${i} text equals the expected text`).toBe(true);
      }
      expect(result.sameStateVectors).toBe(true);
      for (const editor of opened) {
        const text = editor.storage.storyBinding.binding?.text;
        expect(text && docFromUnits(editor.schema, unitsOfText(text)).eq(editor.state.doc), 'an editor shows what its text holds').toBe(true);
      }
      for (const editor of opened.splice(0)) editor.destroy();
    });
  }
});
