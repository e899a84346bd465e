// Flat config. The rules that matter most keep the layers apart:
//  - src/core never imports `vscode`, so plain mocha can test it;
//  - nothing that runs (src/core, src/vscode, src/webview, src/extension.ts) imports src/build,
//    so YAML, KaTeX and markdown-it never reach the shipped bundles (src/tsconfig.runtime.json
//    enforces the same for the compiler);
//  - the webview never imports `vscode` or the host code;
//  - no function in src is over 60 lines;
//  - host code takes the API as `import vscode = require('vscode')`: esbuild turns
//    `import * as vscode` of an external module into a helper that copies every one of the API's
//    several hundred exports, once per importing module, at load (about 0.25 ms each, 1 of the
//    5 ms that activation took).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noBuild = { group: ['**/build/*', '**/build'], message: 'run-time code must not import src/build (build time only).' };
const noVscode = { name: 'vscode', message: 'src/core must stay free of vscode: put adapters in src/vscode.' };
/** Node's globals, for the CommonJS tooling (the compiler checks names through test/tsconfig.json). */
const nodeGlobals = Object.fromEntries(['require', 'module', 'exports', '__dirname', '__filename', 'process', 'console', 'Buffer',
  'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'URL', 'fetch', 'performance', 'structuredClone'].map((g) => [g, 'readonly']));

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    // Small parts: no function over 60 lines (blank lines and comments not counted). Classes are
    // held to 250 lines by test/unit/sizes.test.ts.
    files: ['src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  {
    // The TypeScript form of the rule also sees `import x = require('...')`.
    files: ['src/core/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [noVscode], patterns: [noBuild] }] },
  },
  {
    files: ['src/vscode/**/*.ts', 'src/extension.ts', 'src/protocol.ts', 'src/constants.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noBuild] }],
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      'no-restricted-syntax': ['error', {
        selector: 'ImportDeclaration[source.value="vscode"][importKind!="type"]',
        message: "take the API as `import vscode = require('vscode')`: esbuild copies the whole API for `import * as` (see the top of this file).",
      }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'webview code runs in the browser.' }],
        patterns: [noBuild, { group: ['**/vscode/*'], message: 'webview code runs in the browser.' }],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['test/e2e/**/*.js'],
    languageOptions: { globals: Object.fromEntries(['describe', 'it', 'before', 'after', 'beforeEach', 'afterEach'].map((g) => [g, 'readonly'])) },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module' },
  },
);
