// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * The process boundary is enforced here, not only described:
 *   renderer/  the DOM only: no Electron, no Node built-ins.
 *   shared/    pure TypeScript: no Electron, no Node, no React, no browser-only libraries.
 *   electron/services/  plain Node: no Electron, so each service is unit-tested without it.
 */
// Exact names (not patterns): a pattern 'buffer' would also catch packages like 'lib0/buffer'.
const nodeBuiltinPaths = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)].map((name) => ({
  name,
  message: 'Node built-ins are main-process only; the renderer and shared code must run in a browser.',
}));
const noElectronOrNode = [{ group: ['electron', 'electron/*', 'node:*'], message: 'Only electron/ may import Electron or Node; use the bridge (window.commonplace).' }];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'bench/**/*.json', 'tests/e2e/.artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
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
      'no-restricted-imports': ['error', { paths: nodeBuiltinPaths, patterns: noElectronOrNode }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltinPaths,
          patterns: [
            ...noElectronOrNode,
            {
              group: ['react', 'react-dom', 'react-dom/*', '@tiptap/react', 'y-indexeddb', 'y-webrtc', 'dompurify', '../renderer/*', '../electron/*', '../../renderer/*', '../../electron/*'],
              message: 'shared/ is platform-neutral: no UI, storage or network libraries, and no imports from renderer/ or electron/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/cli/**/*.ts', 'relay/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['electron', 'electron/*'], message: 'Services are plain Node so they are tested without Electron; wire them in electron/main.' }] },
      ],
    },
  },
  {
    // The relay is a deployable of its own: plain Node, never the app's UI or main process.
    files: ['relay/**/*.ts'],
    ignores: ['relay/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'The relay runs without Electron.' },
            { group: ['../renderer/*', '../electron/main/*', '../electron/preload/*'], message: 'The relay may use shared/ and plain-Node services only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['*.config.{js,ts}', 'build/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'no-restricted-syntax': 'off' },
  },
);
