// lint-as: src/game/scenes/acts.ts
import type { Game } from '../../state/create-game'; // expect: @typescript-eslint/no-restricted-imports
import { playbackActions } from '../../state/actions/playback'; // expect: @typescript-eslint/no-restricted-imports
import { mountStatus } from '../../ui/status'; // expect: @typescript-eslint/no-restricted-imports
import { builtinUser } from '../../agents/user/builtin'; // expect: @typescript-eslint/no-restricted-imports
import type { GameStore } from '../../state/store';
import { scoreColour } from '../../shared/colours';

export const acts = [playbackActions, mountStatus, builtinUser, scoreColour] as const;
export type Acts = [Game, GameStore];
