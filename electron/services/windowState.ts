import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * Remembers where the person left the window. The file is untrusted (it may be hand
 * edited or half-written), so it is validated and a bad one is ignored, never fatal.
 */

export const windowStateSchema = z.strictObject({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export interface DisplayArea {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const defaultWindowSize = { width: 1200, height: 800 } as const;

export async function loadWindowState(file: string): Promise<WindowState | null> {
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Writes atomically (temp file, then rename) so a crash never leaves half a file. */
export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  const valid = windowStateSchema.parse(state);
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(valid), 'utf8');
  await rename(temporary, file);
}

/**
 * Keeps a remembered window on a screen that still exists: a laptop taken away from its
 * second monitor must not open its window off-screen. Returns only a size when the saved
 * position is no longer visible, so the OS centres it.
 */
export function placeOnDisplays(
  state: WindowState | null,
  displays: readonly DisplayArea[],
): { width: number; height: number; x?: number; y?: number; maximized: boolean } {
  if (!state) return { ...defaultWindowSize, maximized: false };
  const visible = displays.some(
    (d) =>
      state.x < d.x + d.width - 100 &&
      state.x + state.width > d.x + 100 &&
      state.y >= d.y - 10 &&
      state.y < d.y + d.height - 100,
  );
  const largest = displays.reduce<DisplayArea | null>((a, d) => (!a || d.width * d.height > a.width * a.height ? d : a), null);
  const width = largest ? Math.min(state.width, largest.width) : state.width;
  const height = largest ? Math.min(state.height, largest.height) : state.height;
  return visible ? { x: state.x, y: state.y, width, height, maximized: state.maximized } : { width, height, maximized: state.maximized };
}
