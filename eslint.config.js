import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import layers from './server/lint/layers-plugin.js';

// typescript-eslint's recommendedTypeChecked rules, without its parser block (set once below with projectService).
const typeCheckedRules = Object.assign(
  {},
  ...tseslint.configs.recommendedTypeCheckedOnly.map((c) => c.rules ?? {}),
);

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'data/**', 'web/dist/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // `import { type A }` keeps an empty import of its module (and everything that module loads) in the bundle.
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    files: ['core/src/**/*.ts'],
    ignores: ['core/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'pg', 'fastify', 'react', '@needlepoint/server/*'],
              message: 'core is pure: zod only',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'core takes configuration as arguments' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'core takes asOf/now as an argument',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'core takes asOf/now as an argument',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'no randomness in core',
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@needlepoint/server/*', 'pg', 'fastify', 'node:*'],
              message: 'web talks to the server over HTTP only',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['fastify', 'fastify-*', '@fastify/*'], message: 'services never import fastify' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/*.repo', '../../db/*', 'pg'],
              allowTypeImports: true,
              message: 'routes never touch the database',
            },
          ],
        },
      ],
    },
  },
  {
    // Layers (ADR 046): SQL only in repos and db/; a module reaches another module through its service.
    files: ['server/src/**/*.ts'],
    // Tests and test helpers write fixture rows directly (like factories, not use cases; the demo seed does it through
    // its own `seed/demo.repo.ts`); the audit chain's lock-and-append and the job queue's SQL API are platform
    // plumbing every transaction calls.
    ignores: [
      'server/src/**/*.repo.ts',
      'server/src/db/**',
      'server/src/**/*.test.ts',
      'server/src/testing/**',
      'server/src/faults/**',
      'server/src/platform/audit.ts',
      'server/src/platform/jobs.ts',
    ],
    plugins: { needlepoint: layers },
    rules: { 'needlepoint/sql-in-repos': 'error' },
  },
  {
    files: ['server/src/modules/**/*.ts'],
    plugins: { needlepoint: layers },
    rules: { 'needlepoint/no-foreign-repo': 'error' },
  },
  {
    // No import cycles in core and server (a cycle is two modules that are one module in disguise).
    files: ['core/src/**/*.ts', 'server/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Type-aware checks (ADR 047, ADR 063): typescript-eslint's recommendedTypeChecked on core, server and web. A
    // promise is awaited, returned or explicitly voided, and never handed to something that expects a plain
    // callback; no value typed `any` flows on unchecked; no `async` without an `await`; no needless assertion.
    files: ['core/src/**/*.ts', 'server/src/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    ignores: ['core/src/**/*.test.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      ...typeCheckedRules,
      // Fastify hooks and plugins are async by contract (an async hook must not also take `done`), so an async
      // function without an `await` is often the right shape here.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Tests read HTTP answers as parsed JSON (`any`) and assert on them field by field: the assertion is the
    // check, so the `no-unsafe-*` family, which asks for a type first, is off in test files and test helpers only.
    files: ['server/src/**/*.test.ts', 'server/src/testing/**', 'web/src/**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The rules of hooks: hooks are called unconditionally, and an effect lists what it reads.
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
