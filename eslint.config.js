// @ts-check
import { builtinModules } from 'node:module';
import path from 'node:path';
import js from '@eslint/js';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * The process boundaries are enforced here, not only described. Each folder lists what it MAY
 * import (packages, and the folders its relative imports may resolve into, at any depth);
 * anything else is an error, so a new dependency is a decision made in this file.
 *   renderer/            the DOM only: UI, editor and browser sync libraries; renderer/ and shared/.
 *   shared/              pure TypeScript over Yjs: no UI, DOM, Node, Electron, network or storage.
 *   electron/services/   plain Node, no Electron, so each service is unit-tested without it.
 *   electron/preload/    Electron's bridge and the bridge contract only: it runs sandboxed.
 *   relay/               (future) a Node server: no renderer/, no Electron.
 */
const nodeBuiltins = new Set(builtinModules);
const isNodeBuiltin = (/** @type {string} */ source) => source.startsWith('node:') || nodeBuiltins.has(source) || nodeBuiltins.has(source.split('/')[0] ?? '');
/** `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`. */
const packageOf = (/** @type {string} */ source) => source.split('/').slice(0, source.startsWith('@') ? 2 : 1).join('/');

/**
 * @typedef {object} Allowed
 * @property {string} folder   the folder these rules are for, from the repository root
 * @property {string[]} packages  package names; `@scope/*` allows the whole scope
 * @property {boolean} [node]  whether Node built-ins are allowed
 * @property {string[]} zones  folders (or files, without extension) relative imports may reach
 * @property {string} why
 */

/** @type {import('eslint').Rule.RuleModule} */
const allowedImports = {
  meta: {
    type: 'problem',
    schema: [{ type: 'object', additionalProperties: true }],
    messages: {
      package: '{{folder}} may not import "{{source}}": {{why}} Allowed packages: {{allowed}}.',
      node: '{{folder}} may not import the Node built-in "{{source}}": {{why}}',
      zone: '{{folder}} may not import "{{source}}" ({{target}}): {{why}} It may reach only {{zones}}.',
    },
  },
  create(context) {
    const allowed = /** @type {Allowed} */ (context.options[0]);
    const root = import.meta.dirname;
    const inZone = (/** @type {string} */ target) =>
      allowed.zones.some((zone) => {
        const zonePath = path.join(root, zone);
        return target === zonePath || target.startsWith(zonePath + path.sep) || target.replace(/\.[cm]?[jt]sx?$/, '') === zonePath;
      });
    /**
     * @param {import('estree').Node} node  what is reported
     * @param {unknown} specifier  the node holding the imported path (a string Literal to check)
     */
    const check = (node, specifier) => {
      const literal = /** @type {{ type?: string, value?: unknown, literal?: unknown } | null | undefined} */ (specifier);
      if (literal?.type === 'TSLiteralType') {
        check(node, literal.literal);
        return;
      }
      if (literal?.type !== 'Literal' || typeof literal.value !== 'string') return;
      const source = literal.value;
      const data = { folder: allowed.folder + '/', source, why: allowed.why };
      if (source.startsWith('.') || source.startsWith('/')) {
        const target = path.resolve(path.dirname(context.filename), source.split('?')[0] ?? source);
        if (!inZone(target)) {
          context.report({ node, messageId: 'zone', data: { ...data, target: path.relative(root, target), zones: allowed.zones.join(', ') } });
        }
      } else if (isNodeBuiltin(source)) {
        if (!allowed.node) context.report({ node, messageId: 'node', data });
      } else {
        const name = packageOf(source);
        const ok = allowed.packages.some((p) => p === name || (p.endsWith('*') && name.startsWith(p.slice(0, -1))));
        if (!ok) context.report({ node, messageId: 'package', data: { ...data, allowed: allowed.packages.join(', ') } });
      }
    };
    /** @param {any} node */
    const fromSource = (node) => check(node, node.source);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: fromSource,
      // Types cross the boundary too: `import('electron').App`, `import x = require('ws')`.
      /** @param {any} node */
      TSImportType: (node) => check(node, node.argument),
      /** @param {any} node */
      TSExternalModuleReference: (node) => check(node, node.expression),
    };
  },
};

const uiPackages = ['react', 'react-dom', 'react-i18next', 'i18next', 'lucide-react', 'qrcode', '@tiptap/*'];
// simple-peer: the browser WebRTC peer under y-webrtc, which the renderer's sync may drive itself.
const syncPackages = ['yjs', 'y-protocols', 'lib0', 'y-webrtc', 'y-indexeddb', 'simple-peer', '@hocuspocus/provider'];
const serverPackages = ['ws', 'bonjour-service', '@hocuspocus/server', '@hocuspocus/extension-*', 'pg', 'ioredis', 'yjs', 'y-protocols', 'lib0', 'y-webrtc', '@hocuspocus/provider', 'zod', 'pdf-lib'];

/** @type {Allowed[]} */
const boundaries = [
  {
    folder: 'renderer',
    // virtual:pwa-register: vite-plugin-pwa's service worker registration, bundled at build time.
    packages: [...uiPackages, ...syncPackages, 'zod', 'virtual:pwa-register'],
    zones: ['renderer', 'shared'],
    why: 'the renderer runs in a browser page; it reaches Electron and Node only through the bridge (window.commonplace).',
  },
  {
    folder: 'shared',
    // @noble/curves: ristretto255 for the short code's PAKE (CPace, shared/protocol/cpace.ts);
    // audited, well kept, no dependencies but @noble/hashes, and pure arithmetic (no I/O).
    packages: ['yjs', 'y-protocols', 'lib0', 'zod', 'marked', 'entities', 'papaparse', 'minisearch', 'docx', '@noble/curves'],
    zones: ['shared'],
    why: 'shared/ is plain TypeScript that runs everywhere: no UI, DOM, Node, Electron, network or storage libraries, and nothing from renderer/ or electron/.',
  },
  {
    folder: 'electron/services',
    packages: serverPackages,
    node: true,
    zones: ['electron/services', 'shared'],
    why: 'services are plain Node so they are tested without Electron; Electron is wired in electron/main.',
  },
  {
    folder: 'electron/cli',
    packages: serverPackages,
    node: true,
    zones: ['electron/cli', 'electron/services', 'shared'],
    why: 'the command-line servers run in plain Node, without Electron or the UI.',
  },
  {
    folder: 'electron/main',
    packages: ['electron', ...serverPackages],
    node: true,
    zones: ['electron/main', 'electron/services', 'shared'],
    why: 'the main process wires services to Electron; it never loads UI code.',
  },
  {
    folder: 'electron/preload',
    packages: ['electron'],
    zones: ['electron/preload', 'shared/bridge/contract', 'shared/bridge/ipcChannels'],
    why: 'the preload runs sandboxed with only Electron\'s bridge; it exposes the bridge contract and nothing else.',
  },
  {
    folder: 'relay',
    packages: serverPackages.filter((p) => p !== 'pdf-lib'),
    node: true,
    zones: ['relay', 'shared'],
    why: 'the relay is a Node server: no Electron and no UI.',
  },
];
const boundaryPlugin = { rules: { 'allowed-imports': allowedImports } };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'bench/**/*.json', 'tests/e2e/.artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { commonplace: boundaryPlugin },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { react, 'react-hooks': reactHooks },
    settings: { react: { version: 'detect' } },
    rules: {
      ...react.configs.flat.recommended.rules,
      ...react.configs.flat['jsx-runtime'].rules,
      ...reactHooks.configs.recommended.rules,
      'react/prop-types': 'off',
      // Every word a person reads goes through t(), so each language is complete.
      'react/jsx-no-literals': ['error', { noStrings: true, ignoreProps: true, noAttributeStrings: false }],
      // Electron does not implement the browser's own prompts (they return null or do nothing),
      // so a question asked with them silently fails in the desktop app: use an in-app <Dialog>.
      ...(() => {
        const message = 'Electron does not implement it: use an in-app Dialog (renderer/components/Dialog.tsx).';
        const names = ['prompt', 'alert', 'confirm'];
        return {
          'no-restricted-globals': ['error', ...names.map((name) => ({ name, message }))],
          'no-restricted-properties': ['error', ...['window', 'globalThis', 'self'].flatMap((object) => names.map((property) => ({ object, property, message })))],
        };
      })(),
    },
  },
  ...boundaries.map((allowed) => ({
    files: [`${allowed.folder}/**/*.{ts,tsx,js,mjs,cjs}`],
    rules: { 'commonplace/allowed-imports': ['error', allowed] },
  })),
  {
    // relay/testing: the real servers and simulated members the relay's tests and benchmarks start.
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**/*.ts', 'relay/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Tests may reach into Node and test tools to set up what they prove.
      'commonplace/allowed-imports': 'off',
    },
  },
  {
    files: ['*.config.{js,ts}', 'build/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'no-restricted-syntax': 'off' },
  },
);
