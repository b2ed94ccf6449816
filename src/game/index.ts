/**
 * Starts the Phaser view of a game store in a parent element: Boot →
 * Preload (paints the textures) → Home. Returns the game and a read-only
 * probe of what the home scene shows (for the page's debug hook).
 */
import Phaser from 'phaser';
import type { GameStore } from '../state/store';
import { GAME_HEIGHT, GAME_WIDTH, SCENE_KEYS, getRenderScale, setRenderScale } from './layout';
import { BootScene } from './scenes/boot-scene';
import { HomeScene, type ViewProbe } from './scenes/home-scene';
import { PreloadScene } from './scenes/preload-scene';

export type { ViewProbe };

export interface GameView {
  game: Phaser.Game;
  /** What the home scene shows now; null until it is running. */
  probe(): ViewProbe | null;
}

export interface GameOptions {
  /** The persona or the robot was clicked (the page shows its card). */
  onPick?(who: 'persona' | 'robot'): void;
}

/** `renderScale` 2 draws at twice the resolution (for high-density screens). */
export function startGame(
  parent: HTMLElement,
  store: GameStore,
  renderScale = 1,
  options: GameOptions = {},
): GameView {
  setRenderScale(renderScale);
  const k = getRenderScale();
  const home = new HomeScene(store, options.onPick ?? (() => undefined));
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    width: GAME_WIDTH * k,
    height: GAME_HEIGHT * k,
    backgroundColor: '#1d1626',
    banner: false,
    audio: { noAudio: true },
    scale: {
      mode: Phaser.Scale.FIT,
      autoCenter: Phaser.Scale.CENTER_BOTH,
      width: GAME_WIDTH * k,
      height: GAME_HEIGHT * k,
    },
    render: { antialias: true },
    scene: [new BootScene(), new PreloadScene(), home],
  });
  // Fit the canvas whenever its box changes size. Phaser checks every 500 ms, but it can miss a
  // change that lands while it refits (it re-reads the box after fitting and then sees nothing
  // new), leaving a canvas taller than its box with the header cut off.
  const fit = new ResizeObserver(() => {
    game.scale.getParentBounds();
    game.scale.refresh();
  });
  fit.observe(parent);
  game.events.once(Phaser.Core.Events.DESTROY, () => fit.disconnect());
  return {
    game,
    probe: () => (game.scene.isActive(SCENE_KEYS.home) ? home.probe() : null),
  };
}
