// lint-as: src/core/import/deep.ts
import type { RunStore } from '../../storage/types'; // expect: @typescript-eslint/no-restricted-imports
import type { UserAgent } from '../agents';
import type { Persona } from '../persona';

export type Deep = [RunStore, UserAgent, Persona];
