// lint-as: src/core/leaky.ts
import Phaser from 'phaser'; // expect: @typescript-eslint/no-restricted-imports
import { readFileSync } from 'node:fs'; // expect: @typescript-eslint/no-restricted-imports
import { jobResult } from '../experiment/job'; // expect: @typescript-eslint/no-restricted-imports
import { planJobs } from '../experiment'; // expect: @typescript-eslint/no-restricted-imports
import { getAssistant } from '../agents/registry'; // expect: @typescript-eslint/no-restricted-imports
import type { Persona } from './persona';
import type { UserAgent } from './agents';

export function leaks(p: Persona, u: UserAgent): unknown[] {
  return [
    Phaser,
    readFileSync,
    jobResult,
    planJobs,
    getAssistant,
    p,
    u,
    process.env.SEED, // expect: no-restricted-globals
    localStorage.getItem('x'), // expect: no-restricted-globals
    crypto.randomUUID(), // expect: no-restricted-globals
    new Date(), // expect: no-restricted-syntax
    Date.now(), // expect: no-restricted-properties
    Math.random(), // expect: no-restricted-properties
    fetch('https://example.org'), // expect: no-restricted-globals
    setTimeout(() => undefined, 10), // expect: no-restricted-globals
    performance.now(), // expect: no-restricted-globals
    globalThis.document, // expect: no-restricted-properties
  ];
}
