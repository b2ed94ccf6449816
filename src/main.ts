/**
 * The browser entry point: picks the implementations (personas bundled at
 * build time, the built-in user agent, the registered assistants), makes the
 * store, starts the playback driver, the panels and the Phaser view, and
 * exposes a read-only debug hook for tests (the run, the view and what each
 * panel shows).
 *
 * URL parameters choose the first run: ?persona=<id>&assistant=<id>&seed=<text>&speed=<1|8|64|512|turbo>.
 */
import './ui/style.css';
import { assistantIds, getAssistant } from './agents/registry';
import { builtinUser } from './agents/user/builtin';
import { startGame, type ViewProbe } from './game';
import { createGameStore, parseSpeed, startPlaybackDriver, type Speed } from './state/store';
import { mountCharts, type ChartsProbe } from './ui/charts';
import { mountControls } from './ui/controls';
import { mountInspector, type InspectorProbe } from './ui/inspector';
import { mountPersonaCard, type PersonaCardProbe } from './ui/persona-card';
import { PERSONAS, personaById } from './ui/personas-browser';
import { mountStatus } from './ui/status';
import { mountTimeline, type TimelineProbe } from './ui/timeline';

export interface DebugState {
  day: number;
  step: number;
  minute: number;
  playing: boolean;
  speed: Speed;
  version: number;
  personaId: string;
  assistantId: string;
  recsTotal: number;
  finished: boolean;
  /** Days completed (summaries in the run). */
  daysDone: number;
  /** A jump in progress. */
  jumping: boolean;
  error: string | null;
  view: ViewProbe | null;
  panels: {
    persona: PersonaCardProbe;
    timeline: TimelineProbe;
    charts: ChartsProbe;
    inspector: InspectorProbe;
  };
}

declare global {
  interface Window {
    __propersim?: { getState(): DebugState };
  }
}

function must(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`index.html has no #${id}`);
  return node;
}

const params = new URLSearchParams(window.location.search);
const assistants = assistantIds().map(getAssistant);
const firstPersona = PERSONAS[0];
if (!firstPersona) throw new Error('no personas were bundled (personas/*.json)');
// A first visit opens a persona whose 14 days show the lesson well (see docs/screenshot-timeline.png).
const DEFAULT_PERSONA = 'amara-okafor';
const personaId =
  personaById(params.get('persona') ?? '')?.id ?? personaById(DEFAULT_PERSONA)?.id ?? firstPersona.id;
const wantedAssistant = params.get('assistant') ?? 'propera';
const assistantId = assistants.some((a) => a.id === wantedAssistant) ? wantedAssistant : 'random';

const store = createGameStore({
  personas: PERSONAS,
  assistants,
  user: builtinUser,
  initial: { personaId, assistantId, seed: params.get('seed') ?? '1' },
  initialSpeed: parseSpeed(params.get('speed') ?? '') ?? 64,
});

startPlaybackDriver(store);
mountControls(must('controls'), store, { personas: PERSONAS, assistants });
mountStatus(must('status'), store);
const personaCard = mountPersonaCard(must('persona'), store);
const timeline = mountTimeline(must('timeline'), store);
const charts = mountCharts(must('charts'), store);
const inspector = mountInspector(must('inspector'), store);
const view = startGame(must('game'), store, window.devicePixelRatio >= 1.5 ? 2 : 1);

window.__propersim = {
  getState(): DebugState {
    const s = store.getState();
    return {
      day: s.clock.day,
      step: s.latest?.step ?? 0,
      minute: s.clock.minute,
      playing: s.playback.playing,
      speed: s.playback.speed,
      version: s.version,
      personaId: s.selection.personaId,
      assistantId: s.selection.assistantId,
      recsTotal: s.stats.recsTotal,
      finished: s.finished,
      daysDone: s.run.days.length,
      jumping: s.jump !== null,
      error: s.error,
      view: view.probe(),
      panels: {
        persona: personaCard.probe(),
        timeline: timeline.probe(),
        charts: charts.probe(),
        inspector: inspector.probe(),
      },
    };
  },
};
