import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The process boundaries and the "every word through t()" rule are enforced by lint; these
// tests prove the rules bite, so a config change cannot quietly switch them off.
// The snippets are not files on disk, so type-aware rules are switched off for them.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: tseslint.configs.disableTypeChecked });
const boundaryRule = 'commonplace/allowed-imports';

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

/** Each import is linted alone in `filePath`, in each shape an import can take (types too). */
async function expectRefused(filePath: string, sources: readonly string[]): Promise<void> {
  for (const source of sources) {
    const shapes = [
      `import { x } from '${source}';\nexport const y = x;\n`,
      `export * from '${source}';\n`,
      `export const y = import('${source}');\n`,
      `export type Y = import('${source}').X;\n`,
      `import x = require('${source}');\nexport const y = x;\n`,
    ];
    for (const code of shapes) {
      expect(await ruleIdsFor(code, filePath), `${filePath}: ${code}`).toContain(boundaryRule);
    }
  }
}

async function expectAllowed(filePath: string, sources: readonly string[]): Promise<void> {
  for (const source of sources) {
    expect(await ruleIdsFor(`export * from '${source}';\n`, filePath), `${filePath}: ${source}`).not.toContain(boundaryRule);
  }
}

const serverOnly = ['ws', 'bonjour-service', '@hocuspocus/server', 'pg', 'ioredis'];
const nodeBuiltins = ['node:fs/promises', 'path', 'crypto'];
const uiOnly = ['react', 'react-dom/client', 'react-i18next', 'lucide-react', '@tiptap/core', '@tiptap/pm/state', 'prosemirror-model', 'y-webrtc', 'y-indexeddb', 'qrcode'];

// Loading the config (and typescript-eslint) is the slow part; do it once, before the tests,
// and allow for a busy machine: each test lints dozens of snippets.
beforeAll(async () => {
  await eslint.lintText('export {};\n', { filePath: 'renderer/Warm.ts' });
}, 120_000);

describe('lint boundaries (what each folder may import)', { timeout: 60_000 }, () => {
  it('keeps renderer/ to browser code: no server libraries, Node, Electron or electron/', async () => {
    await expectRefused('renderer/features/home/Boundary.ts', [...serverOnly, ...nodeBuiltins, 'electron', '../../../electron/services/relay.js']);
    await expectRefused('renderer/Boundary.ts', ['../electron/main/index.js', '../tests/e2e/app.js']);
    await expectAllowed('renderer/features/home/Boundary.ts', ['react', 'react-i18next', '@tiptap/core', 'yjs', 'lib0/encoding', '../../../shared/model/Entry.js', '../../app/Workspace.js']);
  });

  it('keeps shared/ platform-neutral at every depth', async () => {
    await expectRefused('shared/model/Boundary.ts', [...uiOnly, ...serverOnly, ...nodeBuiltins, 'electron', '../../renderer/app/Shell.js']);
    await expectRefused('shared/a/b/c/Boundary.ts', ['../../../../renderer/app/Shell.js', '../../../../electron/main/index.js', '../../../../electron/services/relay.js']);
    // lib0/buffer is a package path, not the Node built-in `buffer`.
    await expectAllowed('shared/a/b/c/Boundary.ts', ['yjs', 'lib0/buffer', 'zod', '../../../model/Entry.js', '../Sibling.js']);
  });

  it('keeps electron/services free of Electron and the UI', async () => {
    await expectRefused('electron/services/Boundary.ts', ['electron', 'react', '../../renderer/app/Shell.js', '../main/index.js']);
    await expectAllowed('electron/services/Boundary.ts', ['node:fs/promises', 'ws', 'zod', '../../shared/bridge/contract.js', './relay.js']);
  });

  it('lets the sandboxed preload reach only Electron and the bridge contract', async () => {
    await expectRefused('electron/preload/Boundary.ts', ['node:fs', 'path', 'zod', 'react', '../../shared/bridge/ipc.js', '../../shared/model/Entry.js', '../../renderer/bridge/index.js', '../services/relay.js']);
    await expectAllowed('electron/preload/Boundary.ts', ['electron', '../../shared/bridge/contract.js', '../../shared/bridge/ipcChannels.js']);
  });

  it('keeps a top-level relay/ to Node: no Electron, no renderer/', async () => {
    await expectRefused('relay/Boundary.ts', ['electron', 'react', 'y-indexeddb', '../renderer/app/Shell.js', '../electron/services/relay.js']);
    await expectAllowed('relay/Boundary.ts', ['node:http', 'ws', '@hocuspocus/server', '@hocuspocus/extension-redis', 'pg', 'ioredis', '../shared/model/Community.js']);
  });

  it('fails on literal text in JSX', async () => {
    const code = 'export function Hello() {\n  return <p>Hello there</p>;\n}\n';
    expect(await ruleIdsFor(code, 'renderer/features/home/Hello.tsx')).toContain('react/jsx-no-literals');
    const translated = "import { useTranslation } from 'react-i18next';\nexport function Hello() {\n  const { t } = useTranslation();\n  return <p>{t('home.greeting')}</p>;\n}\n";
    expect(await ruleIdsFor(translated, 'renderer/features/home/Hello.tsx')).not.toContain('react/jsx-no-literals');
  });
});
