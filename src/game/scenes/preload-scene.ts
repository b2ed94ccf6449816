/**
 * Preload: paints every texture the game draws (all art is made by code at
 * run time: no image files to fetch), then starts the home.
 */
import Phaser from 'phaser';
import { GAME_HEIGHT, GAME_WIDTH, SCENE_KEYS, getRenderScale } from '../layout';
import { makeStaticTextures } from '../textures';

export class PreloadScene extends Phaser.Scene {
  constructor() {
    super(SCENE_KEYS.preload);
  }

  create(): void {
    this.cameras.main.setZoom(getRenderScale()).centerOn(GAME_WIDTH / 2, GAME_HEIGHT / 2);
    const note = this.add
      .text(GAME_WIDTH / 2, GAME_HEIGHT / 2, 'Painting the home…', {
        fontFamily: 'system-ui, sans-serif',
        fontSize: '18px',
        color: '#e3d7f2',
      })
      .setOrigin(0.5);
    // Let the note render for a frame before the (short) painting work.
    this.time.delayedCall(16, () => {
      makeStaticTextures(this);
      note.destroy();
      this.scene.start(SCENE_KEYS.home);
    });
  }
}
