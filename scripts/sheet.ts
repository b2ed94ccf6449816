/** Dev preview of the generated character art, enlarged (see sheet.html). */
import {
  ROBOT_SIZE,
  SHEET_H,
  SHEET_W,
  paintPersonaSheet,
  paintRobot,
} from '../src/game/art/characters';

const ZOOM = 4;
const out = document.getElementById('out') as HTMLElement;
const avatars = [
  { skin: '#8d5524', hair: '#1b1b1b', outfit: '#e84393' },
  { skin: '#f1c27d', hair: '#a0522d', outfit: '#2e86de' },
  { skin: '#ffdbac', hair: '#d4af37', outfit: '#10ac84' },
  { skin: '#c68642', hair: '#9e9e9e', outfit: '#8e44ad' },
];
for (const avatar of avatars) {
  const c = document.createElement('canvas');
  c.width = SHEET_W;
  c.height = SHEET_H;
  c.style.width = `${SHEET_W * ZOOM}px`;
  c.style.height = `${SHEET_H * ZOOM}px`;
  paintPersonaSheet(c.getContext('2d') as CanvasRenderingContext2D, avatar);
  out.append(c);
}
const r = document.createElement('canvas');
r.width = ROBOT_SIZE * 2;
r.height = ROBOT_SIZE;
r.style.width = `${ROBOT_SIZE * 2 * ZOOM}px`;
paintRobot(r.getContext('2d') as CanvasRenderingContext2D, 0, false);
paintRobot(r.getContext('2d') as CanvasRenderingContext2D, ROBOT_SIZE, true);
out.append(r);
