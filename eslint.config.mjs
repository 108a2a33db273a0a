// Lint is where the architecture's folder rules live (architecture.md §3): a wrong import fails
// `npm test`. Do not relax these rules to make a change pass; move the code to the right folder.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http',
  'http2', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'tls', 'url',
  'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

const NODE_MSG = 'Node APIs are not available here (architecture.md §3).';
const noNode = [{ group: ['node:*'], message: NODE_MSG }];
// Bare builtin names go in `paths` (exact match): as patterns, 'events' would also match './events'.
const noNodePaths = NODE_BUILTINS.map((name) => ({ name, message: NODE_MSG }));
const noElectron = { group: ['electron', 'electron/*'], message: 'Only electron/main and electron/preload may import electron.' };
const noElectronFolder = { group: ['**/electron/**', '../electron/*'], message: 'Talk to the backend through the contract, not its code.' };
const noRenderer = { group: ['**/renderer/**'], message: 'The renderer is a separate process; share code through shared/.' };
const noNative = {
  group: ['better-sqlite3', 'node-llama-cpp'],
  message: 'Native modules live in the backend host, never in main (architecture.md §1).',
};
const noUi = { group: ['react', 'react-dom', 'react/*', 'antd', 'antd/*', '@ant-design/*'], message: 'UI libraries belong in renderer/.' };

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-output/**', 'coverage/**', '**/*.cjs', 'eslint.config.mjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|describe|test)$/]", message: 'No focused tests.' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { paths: noNodePaths, patterns: [...noNode, noElectron, noElectronFolder, noRenderer, noUi] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: noNodePaths, patterns: [...noNode, noElectron, noElectronFolder] }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noNodePaths,
          patterns: [
            ...noNode,
            noRenderer,
            noNative,
            noUi,
            { group: ['**/backend/**', '**/main/**', '**/cli/**'], message: 'The preload knows only the contract names.' },
            { group: ['zod'], message: 'The sandboxed preload bundles no npm packages.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/backend/**/*.ts', 'electron/cli/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer, noUi] }],
      // A blocking call in the backend stalls every user-visible call; only the store and start-up may do it.
      'no-restricted-properties': 'off',
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [noRenderer, noNative, noUi] }],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.ts', '*.config.{ts,mts}', 'electron.vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['tests/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
);
