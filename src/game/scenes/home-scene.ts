/**
 * The home: the painted house, the persona walking through its day, the
 * assistant robot beside it, the speech bubble, the light and the HUD.
 * A thin view: every frame it reads the store and draws what it finds; it
 * never changes the run.
 */
import Phaser from 'phaser';
import type { Persona } from '../../core/persona';
import type { StepRecord } from '../../core/sim';
import { shownMoment } from '../../state/moment';
import { WALK_WATCH_SPEED, speedLabel, type GameState, type GameStore } from '../../state/store';
import {
  GAME_HEIGHT,
  GAME_WIDTH,
  HUD_HEIGHT,
  SCENE_KEYS,
  TEXTURE_KEYS,
  getRenderScale,
} from '../layout';
import { placementAt, type Placement } from '../placement';
import { Daylight, darkness } from '../view/daylight';
import { Hud } from '../view/hud';
import { PersonaView } from '../view/persona-view';
import { RobotView } from '../view/robot-view';
import { SpeechBubble } from '../view/speech-bubble';
import { MapCamera } from '../view/map-camera';

/** What the page's debug hook reports about the view (read-only). */
export interface ViewProbe {
  persona: { x: number; y: number; frame: string; walking: boolean; asleep: boolean };
  robot: { x: number; y: number };
  /** The map camera's zoom (1: the whole home) and the world point at the view's centre. */
  camera: { zoom: number; x: number; y: number };
  /** `fontPx`: the bubble text's size in game pixels (times the canvas' scale on screen). */
  bubble: {
    visible: boolean;
    text: string;
    score: number | null;
    day: number | null;
    fontPx: number;
  };
  presenter: boolean;
  frames: number;
}

function actionText(p: Placement): string {
  if (p.asleep) return p.action.kind === 'nap' ? `napping (${p.action.label})` : 'asleep';
  return p.walking ? `→ on the way to ${p.action.label}` : p.action.label;
}

function statusText(s: GameState, walking: boolean): string {
  if (s.travel) return s.playback.playing ? '▶ Replaying the past' : '⏪ The past';
  if (s.finished) return `Run finished · ${s.run.config.days} days`;
  if (!s.playback.playing) return '❚❚ Paused';
  if (s.playback.fastSleep && s.latest?.decision === 'asleep') return '▶ Sleep: fast-forward';
  const speed = s.playback.speed;
  if (walking && s.playback.watchWalks && speed !== 'turbo' && speed > WALK_WATCH_SPEED)
    return `▶ Walk at ${WALK_WATCH_SPEED}×`;
  return `▶ ${speedLabel(speed)}`;
}

export class HomeScene extends Phaser.Scene {
  private persona!: PersonaView;
  private robot!: RobotView;
  private bubble!: SpeechBubble;
  private hud!: Hud;
  private daylight!: Daylight;
  private camera!: MapCamera;
  private placement: Placement | null = null;
  private frames = 0;

  constructor(
    private readonly store: GameStore,
    private readonly onPick: (who: 'persona' | 'robot') => void,
  ) {
    super(SCENE_KEYS.home);
  }

  create(): void {
    const k = getRenderScale();
    this.cameras.main.setZoom(k).centerOn(GAME_WIDTH / 2, GAME_HEIGHT / 2);
    this.add
      .image(0, HUD_HEIGHT, TEXTURE_KEYS.house)
      .setOrigin(0, 0)
      .setScale(1 / k)
      .setDepth(0);
    this.persona = new PersonaView(this);
    this.robot = new RobotView(this);
    this.daylight = new Daylight(this);
    this.bubble = new SpeechBubble(this);
    this.hud = new Hud(this);
    // A click on the persona or the robot asks for its card (what it does, plans, remembers).
    this.persona.sprite
      .setInteractive({ useHandCursor: true })
      .on('pointerdown', () => this.onPick('persona'));
    this.robot.sprite
      .setInteractive({ useHandCursor: true })
      .on('pointerdown', () => this.onPick('robot'));
    this.camera = new MapCamera(this);

    const unsubscribe = [
      this.store.subscribe(
        (s) => s.run.persona,
        (p: Persona) => this.persona.setPersona(p),
        { fireImmediately: true },
      ),
      this.store.subscribe(
        (s) => s.run,
        () => this.bubble.reset(),
      ),
      // The bubble of the moment shown: now, or a past moment (time travel).
      this.store.subscribe(
        (s) => shownMoment(s).lastSpoken,
        (r: StepRecord | null) => {
          const s = this.store.getState();
          // A jump's suggestions fly past unseen; at turbo a bubble could only flash.
          if (s.jump === null && s.playback.speed !== 'turbo') this.bubble.offer(r);
        },
      ),
      // A jump starts or lands: nothing from before it stays up.
      this.store.subscribe(
        (s) => s.jump !== null,
        () => this.bubble.reset(),
      ),
      this.store.subscribe(
        (s) => s.presenter,
        (on: boolean) => {
          this.hud.setPresenter(on);
          this.persona.setPresenter(on);
          this.bubble.setPresenter(on);
        },
        { fireImmediately: true },
      ),
    ];
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => unsubscribe.forEach((u) => u()));
    this.game.events.emit('home-ready');
  }

  override update(time: number, delta: number): void {
    // For npm run bench:browser: time from navigation to the first frame of the home.
    if (this.frames === 0) performance.mark('propersim:first-frame');
    this.frames++;
    const s = this.store.getState();
    const shown = shownMoment(s);
    const minute = shown.minute;
    const p = placementAt(shown.schedule, minute);
    this.placement = p;
    if (p) this.persona.update(p, actionText(p), time);
    const head = this.persona.headPosition;
    const talking = this.bubble.visible;
    this.robot.update(head, talking, p?.asleep ?? false, time, delta);
    const bot = this.robot.position;
    this.bubble.update(
      time,
      { day: shown.day, minute },
      s.playback.playing,
      { x: bot.x, y: Math.min(bot.y - 16, this.persona.tagTop - 3) },
      { x: bot.x, y: Math.max(bot.y + 16, this.persona.sprite.y + 2) },
    );
    this.daylight.update(minute, head, !(p?.asleep ?? true));
    this.camera.update(s.view, this.persona.sprite, delta);
    this.hud.update({
      day: shown.day,
      minute,
      personaName: s.run.persona.name,
      action: p ? actionText(p) : '',
      latest: shown.latest,
      meanToday: shown.stats.meanToday,
      recsToday: shown.stats.recsToday,
      status: statusText(s, p?.walking ?? false),
      isNight: darkness(minute) > 0.5,
    });
  }

  probe(): ViewProbe {
    const r = this.bubble.record;
    return {
      persona: {
        x: this.persona.sprite.x,
        y: this.persona.sprite.y,
        frame: String(this.persona.sprite.frame.name),
        walking: this.placement?.walking ?? false,
        asleep: this.placement?.asleep ?? false,
      },
      robot: this.robot.position,
      camera: this.camera.probe(),
      bubble: {
        visible: this.bubble.visible,
        text: this.bubble.visible ? (r?.suggestion?.text ?? '') : '',
        score: this.bubble.visible ? (r?.score ?? null) : null,
        day: this.bubble.visible ? (r?.day ?? null) : null,
        fontPx: this.bubble.fontPx,
      },
      presenter: this.store.getState().presenter,
      frames: this.frames,
    };
  }
}
