// lint-as: src/state/touches-dom.ts
import { el } from '../ui/dom'; // expect: @typescript-eslint/no-restricted-imports
import { browserPlatform } from '../platform/browser'; // expect: @typescript-eslint/no-restricted-imports
import { startGame } from '../game'; // expect: @typescript-eslint/no-restricted-imports
import { buildAgents } from '../agents/lineup';
import type { GameStore } from './store';

export function touches(store: GameStore): unknown[] {
  return [
    el,
    browserPlatform,
    startGame,
    buildAgents,
    store,
    document.title, // expect: no-restricted-globals
    window.location.href, // expect: no-restricted-globals
    localStorage.getItem('settings'), // expect: no-restricted-globals
  ];
}
