// lint-as: src/cli/with-store.ts
import { createGame } from '../state/create-game'; // expect: @typescript-eslint/no-restricted-imports
import { createRun } from '../core/sim';
import { buildRunAgents } from '../agents/llm/setup';

export const withStore = [createGame, createRun, buildRunAgents] as const;
