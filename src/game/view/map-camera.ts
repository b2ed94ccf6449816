/**
 * Zoom and follow on the map: the main camera zooms on the home (1 = the
 * whole home) and, when following, glides after the persona, kept inside
 * the house. The HUD band stays put: a second camera draws it unzoomed.
 */
import Phaser from 'phaser';
import type { ViewSettings } from '../../state/store';
import { GAME_HEIGHT, GAME_WIDTH, HUD_HEIGHT, getRenderScale } from '../layout';

/** How quickly the camera catches up with the persona (per second). */
const FOLLOW_RATE = 4;

export class MapCamera {
  private readonly main: Phaser.Cameras.Scene2D.Camera;
  private readonly hud: Phaser.Cameras.Scene2D.Camera;
  private cx = GAME_WIDTH / 2;
  private cy = GAME_HEIGHT / 2;
  private zoom = 1;

  constructor(scene: Phaser.Scene) {
    const k = getRenderScale();
    this.main = scene.cameras.main;
    // The HUD (depth ≥ 100) is drawn by its own camera, never zoomed or moved.
    this.hud = scene.cameras.add(0, 0, GAME_WIDTH * k, HUD_HEIGHT * k, false, 'hud');
    this.hud.setZoom(k).setScroll(0, 0);
    this.hud.setOrigin(0, 0);
    const all = scene.children.list;
    this.hud.ignore(all.filter((o) => depthOf(o) < 100));
    this.main.ignore(all.filter((o) => depthOf(o) >= 100));
  }

  update(view: ViewSettings, target: { x: number; y: number }, deltaMs: number): void {
    const k = getRenderScale();
    const zoom = Math.max(1, view.zoom);
    if (zoom !== this.zoom) {
      this.zoom = zoom;
      this.main.setZoom(k * zoom);
    }
    let tx = GAME_WIDTH / 2;
    let ty = GAME_HEIGHT / 2;
    if (zoom > 1 && view.follow) {
      tx = target.x;
      ty = target.y - 20;
    } else if (zoom > 1) {
      tx = this.cx;
      ty = this.cy;
    }
    // Keep the view inside the home.
    const halfW = GAME_WIDTH / (2 * zoom);
    const halfH = GAME_HEIGHT / (2 * zoom);
    tx = Phaser.Math.Clamp(tx, halfW, GAME_WIDTH - halfW);
    ty = Phaser.Math.Clamp(ty, halfH, GAME_HEIGHT - halfH);
    const f = 1 - Math.exp((-FOLLOW_RATE * deltaMs) / 1000);
    const far = Math.hypot(tx - this.cx, ty - this.cy) > 400 || zoom === 1;
    this.cx = far ? tx : this.cx + (tx - this.cx) * f;
    this.cy = far ? ty : this.cy + (ty - this.cy) * f;
    this.main.centerOn(this.cx, this.cy);
  }

  probe(): { zoom: number; x: number; y: number } {
    return { zoom: this.zoom, x: Math.round(this.cx), y: Math.round(this.cy) };
  }
}

function depthOf(o: Phaser.GameObjects.GameObject): number {
  return (o as unknown as { depth?: number }).depth ?? 0;
}
