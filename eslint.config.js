// Lint rules. Most of this file is the layers of ARCHITECTURE.md, one block per folder of src/:
// what each may import, and (for the pure core and the state layer) which platform APIs it may
// not touch. test/unit/lint-layers.test.ts proves each rule bites, with the fixtures in
// test/lint-fixtures/.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * A relative import whose first folder (after the ../ that climb to src) is one of `names`, as
 * a regex: '../../agents/registry' names agents. `except` lists files of those folders that
 * stay allowed ('agents/registry').
 */
function into(names, except = []) {
  const allowed = except.length ? `(?!(?:${except.join('|')})$)` : '';
  return String.raw`^\.{1,2}/(?:\.\./)*${allowed}(?:${names.join('|')})(?:/|$)`;
}

/** Forbid these imports (type-only imports too, unless `allowTypes`): packages and folders. */
function layer(message, { packages = [], folders = [], except = [], allowTypes = false }) {
  const typed = allowTypes ? { allowTypeImports: true } : {};
  return [
    'error',
    {
      patterns: [
        ...(packages.length ? [{ group: packages, message, ...typed }] : []),
        ...(folders.length ? [{ regex: into(folders, except), message, ...typed }] : []),
      ],
    },
  ];
}

/** The browser, Node, storage, network, timers, clock and randomness: none of it in the core. */
const PLATFORM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'Worker',
  'performance',
  'crypto',
  'process',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
].map((name) => ({ name, message: `src/core is pure: ${name} belongs to a layer above it.` }));

/** The DOM and Web Storage: the state layer reaches them through ports (src/state/ports.ts). */
const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'crypto',
].map((name) => ({
  name,
  message: `${name}: src/state uses the platform through its ports (src/platform/browser.ts implements them).`,
}));

const VIEW_LIBRARIES = ['phaser', 'dexie', 'zustand', 'zustand/**', 'uplot', '@mlc-ai/*'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'out', '.scratch', 'test/lint-fixtures'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // The core imports only the core: from a file n folders deep in src/core, n × '../' leaves it.
  ...[1, 2, 3].map((depth) => ({
    files: [`src/core/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...VIEW_LIBRARIES, 'node:*'],
              message:
                'src/core is the pure simulation core: no view, storage, LLM or Node libraries.',
            },
            {
              regex: String.raw`^(?:\.\./){${depth}}`,
              message:
                'src/core is the pure simulation core: it imports nothing above it (agents, engines, storage, runners, state, views).',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...PLATFORM_GLOBALS],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use the seeded Rng in the simulation state.',
        },
        { object: 'Date', property: 'now', message: 'Time is passed in, never read.' },
        { object: 'globalThis', message: 'src/core is pure: nothing from the global object.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date']",
          message: 'Time is passed in, never read: no new Date() in the core.',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: 'Time is passed in, never read: no Date() in the core.',
        },
      ],
    },
  },
  {
    files: ['src/agents/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': layer(
        'Agents sit below the store and the views: no state, game, ui, storage, runner or platform.',
        {
          packages: ['phaser', 'dexie', 'zustand', 'zustand/*', 'uplot'],
          folders: ['state', 'game', 'ui', 'storage', 'cli', 'experiment', 'platform'],
        },
      ),
    },
  },
  {
    files: ['src/llm/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': layer(
        'Engines know no agents (agents talk to engines, not the other way), nor anything above them.',
        {
          packages: ['phaser', 'dexie', 'zustand', 'zustand/*', 'uplot'],
          folders: ['agents', 'state', 'game', 'ui', 'storage', 'cli', 'experiment', 'platform'],
        },
      ),
    },
  },
  {
    files: ['src/storage/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': layer(
        'Storage keeps runs and knows no agents or engines: which assistants exist is handed in (knownAssistant).',
        {
          packages: ['phaser', 'zustand', 'zustand/*', 'uplot', '@mlc-ai/*'],
          folders: ['agents', 'llm', 'state', 'game', 'ui', 'cli', 'experiment', 'platform'],
        },
      ),
    },
  },
  {
    files: ['src/state/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': layer(
        'The state layer sits below the views and knows no platform: no game, ui, runner or platform imports.',
        {
          packages: ['phaser', 'uplot'],
          folders: ['game', 'ui', 'cli', 'experiment', 'platform'],
        },
      ),
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': layer(
        'Panels talk to the store (src/state) and to registries, not to agents, engines, storage or the map.',
        {
          packages: ['phaser', 'dexie', '@mlc-ai/*'],
          folders: ['agents', 'llm', 'storage', 'game', 'cli', 'experiment', 'platform'],
          except: ['agents/registry', 'llm/webllm/models'],
          allowTypes: true,
        },
      ),
    },
  },
  {
    files: ['src/game/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': layer(
        'The map reads the store and draws: no actions, panels, agents, engines or storage.',
        {
          packages: ['dexie', 'uplot', '@mlc-ai/*'],
          folders: [
            'state/create-game',
            'state/actions',
            'state/persistence',
            'state/engine',
            'ui',
            'agents',
            'llm',
            'storage',
            'cli',
            'experiment',
            'platform',
          ],
        },
      ),
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': layer(
        'src/shared is neutral ground (colours, formatting): it imports nothing of the app.',
        {
          packages: VIEW_LIBRARIES,
          folders: [
            'core',
            'agents',
            'llm',
            'storage',
            'state',
            'game',
            'ui',
            'cli',
            'experiment',
            'platform',
          ],
        },
      ),
    },
  },
  {
    files: ['src/platform/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': layer(
        'The platform implements the state layer’s ports (src/state/ports.ts) and nothing else.',
        {
          packages: VIEW_LIBRARIES,
          folders: ['core', 'agents', 'llm', 'storage', 'game', 'ui', 'cli', 'experiment'],
          except: [],
        },
      ),
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/experiment/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': layer(
        'The command line and the experiment runner are Node: no store, views or browser platform.',
        { packages: VIEW_LIBRARIES, folders: ['state', 'game', 'ui', 'platform'] },
      ),
    },
  },
);
