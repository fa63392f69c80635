import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The process boundary and the "every word through t()" rule are enforced by lint; these
// tests prove the rules bite, so a config change cannot quietly switch them off.
// The snippets are not files on disk, so type-aware rules are switched off for them.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: tseslint.configs.disableTypeChecked });

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint boundaries', () => {
  it('stops renderer/ importing Electron or Node built-ins', async () => {
    for (const source of ["import { ipcRenderer } from 'electron';", "import { readFile } from 'node:fs/promises';", "import path from 'path';"]) {
      expect(await ruleIdsFor(`${source}\nexport const x = 1;\n`, 'renderer/features/home/Boundary.ts'), source).toContain('no-restricted-imports');
    }
  });

  it('stops shared/ importing anything platform-specific', async () => {
    for (const source of ["import { app } from 'electron';", "import { createHash } from 'node:crypto';", "import { useState } from 'react';", "import { IndexeddbPersistence } from 'y-indexeddb';"]) {
      expect(await ruleIdsFor(`${source}\nexport const x = 1;\n`, 'shared/model/Boundary.ts'), source).toContain('no-restricted-imports');
    }
  });

  it('keeps electron/services free of Electron', async () => {
    expect(await ruleIdsFor("import { shell } from 'electron';\nexport const x = 1;\n", 'electron/services/Boundary.ts')).toContain('no-restricted-imports');
  });

  it('fails on literal text in JSX', async () => {
    const code = 'export function Hello() {\n  return <p>Hello there</p>;\n}\n';
    expect(await ruleIdsFor(code, 'renderer/features/home/Hello.tsx')).toContain('react/jsx-no-literals');
    const translated = "import { useTranslation } from 'react-i18next';\nexport function Hello() {\n  const { t } = useTranslation();\n  return <p>{t('home.greeting')}</p>;\n}\n";
    expect(await ruleIdsFor(translated, 'renderer/features/home/Hello.tsx')).not.toContain('react/jsx-no-literals');
  });
});
