// lint-as: src/ui/direct.ts
import { createHumanUser } from '../agents/user/human'; // expect: @typescript-eslint/no-restricted-imports
import { createOpenAiEngine } from '../llm/openai'; // expect: @typescript-eslint/no-restricted-imports
import { MemoryRunStore } from '../storage/memory-store'; // expect: @typescript-eslint/no-restricted-imports
import { Hud } from '../game/view/hud'; // expect: @typescript-eslint/no-restricted-imports
import type { PendingRating } from '../agents/user/human';
import { assistantEntries } from '../agents/registry';
import { WEBLLM_MODELS } from '../llm/webllm/models';
import type { GameView } from '../state/create-game';
import { scoreColour } from '../shared/colours';

export const direct = [
  createHumanUser,
  createOpenAiEngine,
  MemoryRunStore,
  Hud,
  assistantEntries,
  WEBLLM_MODELS,
  scoreColour,
] as const;
export type Direct = [PendingRating, GameView];
