import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultWindowSize, loadWindowState, placeOnDisplays, saveWindowState } from './windowState.js';

const screen = { x: 0, y: 0, width: 1920, height: 1080 };

describe('window state', () => {
  it('round-trips through the file', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'commonplace-ws-')), 'nested', 'window-state.json');
    const state = { x: 10, y: 20, width: 1000, height: 700, maximized: false };
    await saveWindowState(file, state);
    expect(await loadWindowState(file)).toEqual(state);
  });

  it('ignores missing, corrupt or hostile files', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'commonplace-ws-'));
    const file = path.join(folder, 'window-state.json');
    expect(await loadWindowState(file)).toBeNull();
    for (const content of ['{', '[]', '{"x":"1"}', '{"x":0,"y":0,"width":10,"height":10,"maximized":false}', '{"x":0,"y":0,"width":800,"height":600,"maximized":false,"__proto__":{}}']) {
      await writeFile(file, content);
      expect(await loadWindowState(file), content).toBeNull();
    }
  });

  it('refuses to write an invalid state', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'commonplace-ws-')), 'w.json');
    await expect(saveWindowState(file, { x: 0, y: 0, width: 5, height: 5, maximized: false })).rejects.toThrow();
    await expect(readFile(file)).rejects.toThrow();
  });

  it('keeps a window on a screen that still exists', () => {
    expect(placeOnDisplays(null, [screen])).toEqual({ ...defaultWindowSize, maximized: false });
    expect(placeOnDisplays({ x: 100, y: 100, width: 800, height: 600, maximized: true }, [screen])).toEqual({
      x: 100, y: 100, width: 800, height: 600, maximized: true,
    });
    // It was on a second monitor that is gone: keep the size, let the OS place it.
    expect(placeOnDisplays({ x: 2500, y: 100, width: 800, height: 600, maximized: false }, [screen])).toEqual({
      width: 800, height: 600, maximized: false,
    });
    // Larger than the screen now available: shrink to fit.
    expect(placeOnDisplays({ x: 0, y: 0, width: 3000, height: 2000, maximized: false }, [screen])).toMatchObject({ width: 1920, height: 1080 });
  });
});
