/** Boot: the first scene; nothing to load from the network, so it hands over at once. */
import Phaser from 'phaser';
import { SCENE_KEYS } from '../layout';

export class BootScene extends Phaser.Scene {
  constructor() {
    super(SCENE_KEYS.boot);
  }

  create(): void {
    this.scene.start(SCENE_KEYS.preload);
  }
}
