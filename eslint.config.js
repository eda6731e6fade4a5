// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Forbid imports of the named engine layers (relative paths from inside engine/). */
const layers = (...names) => names.flatMap((n) => [`**/${n}`, `**/${n}/**`]);

const uiLibs = {
  group: ['react', 'react-dom', 'react-dom/*', 'monaco-editor', 'monaco-editor/*', 'recharts', '**/src/**'],
  message: 'engine/ knows nothing of the DOM, React, Monaco, recharts or the app (design.md).',
};
const comlink = { group: ['comlink', 'comlink/*'], message: 'only engine/worker/ may import comlink.' };
const nodeBuiltins = {
  group: ['node:*', 'fs', 'path', 'worker_threads', 'child_process', 'os'],
  message: 'engine/ runs in browsers too: Node built-ins only in tests and node/.',
};

/** engine layering: core ← sql ← plan ← expr/aggregate ← operators ← sources/runtime ← worker. */
const engineLayer = (dir, forbidden) => ({
  files: [`engine/${dir}/**/*.ts`],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          uiLibs,
          comlink,
          nodeBuiltins,
          ...(forbidden.length
            ? [
                {
                  group: layers(...forbidden),
                  message: `engine/${dir} may not depend on a higher layer (design.md).`,
                },
              ]
            : []),
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist', 'build', 'node_modules', 'test-results', 'playwright-report', 'coverage', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      globals: { ...globals.browser, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Test corpora are tables of cases: their length is data, not a module doing too much.
    files: ['**/*.test.ts'],
    rules: { 'max-lines': 'off' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/engine/*/**', '!**/engine/worker/**'],
              message: 'src/ sees the engine only through engine/index.ts and engine/worker/ (design.md).',
            },
          ],
        },
      ],
    },
  },
  engineLayer('core', [
    'sql',
    'plan',
    'language',
    'expr',
    'aggregate',
    'operators',
    'sources',
    'runtime',
    'worker',
  ]),
  engineLayer('sql', ['plan', 'language', 'expr', 'aggregate', 'operators', 'sources', 'runtime', 'worker']),
  engineLayer('plan', ['language', 'expr', 'aggregate', 'operators', 'sources', 'runtime', 'worker']),
  engineLayer('language', ['expr', 'aggregate', 'operators', 'sources', 'runtime', 'worker']),
  engineLayer('expr', ['language', 'aggregate', 'operators', 'sources', 'runtime', 'worker']),
  engineLayer('aggregate', ['language', 'operators', 'sources', 'runtime', 'worker']),
  engineLayer('operators', ['language', 'sources', 'runtime', 'worker']),
  engineLayer('sources', ['language', 'operators', 'runtime', 'worker']),
  engineLayer('runtime', ['language', 'worker']),
  {
    files: ['engine/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [uiLibs, comlink, nodeBuiltins] }] },
  },
  {
    files: ['engine/worker/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [uiLibs] }] },
  },
);
