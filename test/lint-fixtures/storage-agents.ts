// lint-as: src/storage/knows-agents.ts
import { hasAssistant } from '../agents/registry'; // expect: @typescript-eslint/no-restricted-imports
import { EngineError } from '../llm/engine'; // expect: @typescript-eslint/no-restricted-imports
import type { RunState } from '../core/sim';
import { copy } from './types';

export const knows = [hasAssistant, EngineError, copy] as const;
export type Knows = RunState;
