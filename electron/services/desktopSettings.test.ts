import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defaultDesktopSettings, loadDesktopSettings } from './desktopSettings.js';

describe('desktop settings file', () => {
  it('reads a valid file and fills defaults', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'cp-settings-')), 'settings.json');
    await writeFile(file, JSON.stringify({ backups: { keep: 25 } }));
    expect(await loadDesktopSettings(file)).toEqual({ backups: { keep: 25 } });
    await writeFile(file, '{}');
    expect(await loadDesktopSettings(file)).toEqual(defaultDesktopSettings);
  });

  it('uses the defaults, and says why, for missing, malformed or hostile files', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'cp-settings-'));
    const file = path.join(folder, 'settings.json');
    const warn = vi.fn();
    expect(await loadDesktopSettings(file, warn)).toEqual(defaultDesktopSettings);
    expect(warn).not.toHaveBeenCalled();
    for (const content of ['{', '[]', '{"backups":{"keep":0}}', '{"backups":{"keep":"10"}}', '{"backups":{"keep":9999}}', '{"unknown":true}', '{"__proto__":{"polluted":true}}']) {
      await writeFile(file, content);
      expect(await loadDesktopSettings(file, warn), content).toEqual(defaultDesktopSettings);
    }
    expect(warn).toHaveBeenCalledTimes(7);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
