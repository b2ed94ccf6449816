// Lint rules. The layer rule keeps the pure core free of the browser, storage and view layers.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'out', '.scratch'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'phaser',
                'dexie',
                'zustand',
                '@mlc-ai/*',
                '**/state/**',
                '**/game/**',
                '**/ui/**',
                '**/storage/**',
                '**/llm/**',
                '**/agents/**',
                '**/cli/**',
                'node:*',
              ],
              message:
                'src/core is the pure simulation core: no view, storage, LLM or Node imports.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'fetch', 'performance'],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use the seeded Rng in the simulation state.',
        },
        { object: 'Date', property: 'now', message: 'Time is passed in, never read.' },
      ],
    },
  },
  {
    files: ['src/agents/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'phaser',
                'dexie',
                'zustand',
                '**/state/**',
                '**/game/**',
                '**/ui/**',
                '**/cli/**',
              ],
              message: 'Agents sit below the store and the view.',
            },
          ],
        },
      ],
    },
  },
);
