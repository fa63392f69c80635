import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { DEFAULT_BACKUPS_KEPT } from './autoBackup.js';

/**
 * Desktop-only settings in userData/settings.json, for things the renderer does not own
 * (how many automatic backups to keep). The file may be hand-edited, so it is validated;
 * a bad file is reported and the defaults are used, never a crash.
 */
export const desktopSettingsSchema = z.strictObject({
  backups: z
    .strictObject({
      /** Automatic backups kept per community. */
      keep: z.number().int().min(1).max(500).default(DEFAULT_BACKUPS_KEPT),
    })
    .default({ keep: DEFAULT_BACKUPS_KEPT }),
});

export type DesktopSettings = z.infer<typeof desktopSettingsSchema>;

export const defaultDesktopSettings: DesktopSettings = desktopSettingsSchema.parse({});

export async function loadDesktopSettings(file: string, warn: (message: string) => void = console.warn): Promise<DesktopSettings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return defaultDesktopSettings;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    warn(`Commonplace: ${file} is not valid JSON; using the default settings.`);
    return defaultDesktopSettings;
  }
  const parsed = desktopSettingsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    warn(`Commonplace: ${file}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}; using the default settings.`);
    return defaultDesktopSettings;
  }
  return parsed.data;
}
