// lint-as: src/llm/upward.ts
import { getAssistant } from '../agents/registry'; // expect: @typescript-eslint/no-restricted-imports
import type { GameState } from '../state/store'; // expect: @typescript-eslint/no-restricted-imports
import { EngineError } from './engine';

export const upward = [getAssistant, EngineError] as const;
export type Upward = GameState;
