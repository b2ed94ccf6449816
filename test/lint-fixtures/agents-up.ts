// lint-as: src/agents/user/upward.ts
import { createStore } from 'zustand/vanilla'; // expect: @typescript-eslint/no-restricted-imports
import type { GameStore } from '../../state/store'; // expect: @typescript-eslint/no-restricted-imports
import { el } from '../../ui/dom'; // expect: @typescript-eslint/no-restricted-imports
import { MemoryRunStore } from '../../storage/memory-store'; // expect: @typescript-eslint/no-restricted-imports
import type { LlmEngine } from '../../llm/engine';
import { planDay } from './planner';

export const upward = [createStore, el, MemoryRunStore, planDay] as const;
export type Upward = [GameStore, LlmEngine];
