// lint-as: src/shared/imports.ts
import { formatHhmm } from '../core/time'; // expect: @typescript-eslint/no-restricted-imports
import { formatBytes } from './format';

export const imports = [formatHhmm, formatBytes] as const;
