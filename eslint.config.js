import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.output-*/**',
      '.wxt/**',
      'node_modules/**',
      'test-results/**',
      'test-results-*/**',
      'playwright-report/**',
      'bench/out/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The pure core: no browser, network, storage or clock (docs/ARCHITECTURE.md, "Where each rule lives").
    files: ['lib/sop/**', 'lib/chatwoot/routes.ts', 'lib/decisions/csv.ts'],
    rules: {
      'no-restricted-globals': ['error', 'chrome', 'browser', 'fetch', 'indexedDB', 'localStorage'],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['wxt', 'wxt/*', '@wxt-dev/*'],
              message: 'The pure core has no browser APIs.',
            },
            { group: ['dexie', 'dexie/*'], message: 'The pure core has no storage.' },
            {
              group: ['chrome', '@types/chrome', 'webextension-polyfill'],
              message: 'No browser APIs.',
            },
            {
              group: ['**/platform/*', '**/background/*', '**/outbox/*', '**/decisions/db'],
              message: 'The pure core imports only pure modules.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass `now` in.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pass `now` in.',
        },
        {
          selector: "CallExpression[callee.object.name='performance'][callee.property.name='now']",
          message: 'Pass `now` in.',
        },
        {
          selector: "CallExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass `now` in.',
        },
      ],
    },
  },
);
