/**
 * The browser entry point: picks the implementations (personas bundled at
 * build time, the browser platform behind the state layer's ports), makes
 * the game's state (store, actions, who plays), starts the playback driver,
 * persistence and the engine controller, the panels and the Phaser view, and
 * exposes a read-only debug hook for tests (the run, the view and what each
 * panel shows).
 *
 * URL parameters choose the first run: ?persona=<id>&assistant=<id>&seed=<text>&speed=<1|8|64|512|turbo>
 * and the moment it opens at: &day=<1–14>&hour=<0–23> (a jump once saving has started; parseMoment)
 * (and engine=<builtin|openai|webllm>&baseUrl=…&model=…, guide=1: see parseShareParams in
 * ui/share.ts). ?run=<id> reopens a run saved in this browser; with no run chosen, the last
 * unfinished saved run comes back (state/persistence.ts).
 */
import './ui/style.css';
import { assistantEntries } from './agents/registry';
import { startGame, type ViewProbe } from './game';
import { browserPlatform } from './platform/browser';
import { startPlaybackDriver } from './state/driver';
import { createGame } from './state/create-game';
import type { SimWorker } from './state/ports';
import { inProcessSimWorker } from './state/sim-worker/in-process';
import { jumpIsBehind, parseSpeed, type Speed } from './state/store';
import { mountCharts, type ChartsProbe } from './ui/charts';
import { mountControls } from './ui/controls';
import { mountCost, type CostProbe } from './ui/cost';
import { mountEngineSettings } from './ui/engine-settings';
import { createEngineController } from './state/engine/controller';
import type { ActiveEngine } from './state/engine/view';
import { mountInspector, type InspectorProbe } from './ui/inspector';
import { mountPersonaCard, type PersonaCardProbe } from './ui/persona-card';
import { loadSavedPersonas, mountPersonaEditor } from './ui/persona-editor';
import { PERSONAS, personaById } from './ui/personas-browser';
import { mountRater } from './ui/rater';
import { mountStatus } from './ui/status';
import { mountTimeline, type TimelineProbe } from './ui/timeline';
import { mountAtlas, type AtlasProbe } from './ui/atlas';
import { mountTabs } from './ui/explore-tabs';
import { mountWhatIf } from './ui/what-if';
import { mountLearned, type LearnedProbe } from './ui/learned';
import { mountVersus, type VersusProbe } from './ui/versus';
import { mountTravel } from './ui/travel';
import { mountMapTools } from './ui/map-tools';
import { startPersistence, type PersistenceStats } from './state/persistence/persistence';
import { mountGuide } from './ui/guide';
import { mountPresenter } from './ui/presenter';
import { mountRuns } from './ui/runs';
import {
  choosesRun,
  mountShare,
  parseMoment,
  parseShareParams,
  linkShareEngine,
  rememberRunInUrl,
  setShareEngine,
} from './ui/share';
import { mountStorageNotice } from './ui/storage-notice';

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
  /** The past moment shown (time travel), or null: now. */
  travel: { day: number; minute: number } | null;
  /** The card of whoever was clicked on the map. */
  who: { who: 'persona' | 'robot'; lines: string[]; plan: number } | null;
  error: string | null;
  /** The model engine in use (null: built-in) and the cost line. */
  engine: { active: ActiveEngine | null; busy: string | null; cost: CostProbe };
  view: ViewProbe | null;
  panels: {
    persona: PersonaCardProbe;
    timeline: TimelineProbe;
    charts: ChartsProbe;
    inspector: InspectorProbe;
    atlas: AtlasProbe;
    learned: LearnedProbe;
    versus: VersusProbe;
  };
}

declare global {
  interface Window {
    __propersim?: {
      getState(): DebugState;
      /** Save the run's unsaved steps now (resolves once written). */
      flush?(): Promise<void>;
      /** Storage counters (transactions, time in appendSteps) and the current saved run's id. */
      storage?(): PersistenceStats & {
        runId: string | null;
        persistent: boolean;
        readOnly: boolean;
      };
    };
  }
}

function must(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`index.html has no #${id}`);
  return node;
}

const params = new URLSearchParams(window.location.search);
// The link's parameters, checked and capped (a 12,000-character seed never reaches the run's name).
const shared = parseShareParams(window.location.search);
const platform = browserPlatform();
// The controls offer the assistants that need no model (an LLM assistant comes with an engine).
const assistants = assistantEntries().filter((a) => !a.needsModel);
const firstPersona = PERSONAS[0];
if (!firstPersona) throw new Error('no personas were bundled (personas/*.json)');
// A first visit opens a persona whose 14 days show the lesson well (see docs/screenshot-timeline.png).
const DEFAULT_PERSONA = 'amara-okafor';
const personaId =
  personaById(shared.personaId ?? '')?.id ?? personaById(DEFAULT_PERSONA)?.id ?? firstPersona.id;
const wantedAssistant = shared.assistantId ?? 'propera';
const assistantId = assistants.some((a) => a.id === wantedAssistant) ? wantedAssistant : 'random';

/** A Web Worker for jumps and comparison runs (the core is pure); in the page if workers are missing. */
function spawnSimWorker(): SimWorker {
  if (typeof Worker === 'undefined') return inProcessSimWorker();
  return new Worker(new URL('./state/sim-worker/worker.ts', import.meta.url), {
    type: 'module',
    name: 'simulation',
  }) as unknown as SimWorker;
}

const game = createGame({
  // The bundled personas, then the ones saved in this browser (the persona editor).
  personas: [...PERSONAS, ...loadSavedPersonas(PERSONAS)],
  initial: { personaId, assistantId, seed: shared.seed ?? '1' },
  initialSpeed: parseSpeed(params.get('speed') ?? '') ?? 64,
  spawnSimWorker,
});
const { store } = game;

startPlaybackDriver(game, platform.frames);
mountControls(must('controls'), game, { assistants });
mountStatus(must('status'), game);
const personaCard = mountPersonaCard(must('persona'), store);
const timeline = mountTimeline(must('timeline'), game);
const atlas = mountAtlas(must('atlas'), game);
const learned = mountLearned(must('learned'), game);
const versus = mountVersus(must('versus'), game, assistants);
mountTabs(must('bottom-bar'), [
  { id: 'timeline', label: 'Day timeline', root: must('timeline') },
  { id: 'atlas', label: 'Timing atlas', root: must('atlas') },
  { id: 'learned', label: 'What it has learned', root: must('learned') },
  { id: 'versus', label: 'Side by side', root: must('versus') },
]);
mountTravel(must('bottom-bar'), game);
const charts = mountCharts(must('charts'), store);
const inspector = mountInspector(must('inspector'), game);
mountWhatIf(must('overlays'), game);
const view = startGame(must('game'), store, window.devicePixelRatio >= 1.5 ? 2 : 1, {
  onPick: (who) => game.actions.showWho(who),
});
mountMapTools(must('game'), game);
mountRater(must('menu'), must('game'), game);
mountPersonaEditor(must('menu'), must('overlays'), game);
// Who plays the planner, the judge and the assistant (built-in, a server, WebLLM), and what it costs.
const engines = createEngineController(game, { platform });
mountEngineSettings({
  menu: must('menu'),
  overlays: must('overlays'),
  store,
  controller: engines,
  search: window.location.search,
});
const cost = mountCost(must('status'), store);

// Every run kept (IndexedDB, else memory with a notice); the run in the URL or the last one comes back.
const persistence = startPersistence(game, {
  platform,
  runId: shared.runId ?? null,
  explicitRun: choosesRun(shared),
  onCurrentRun: (id, s) => rememberRunInUrl(id, s.selection),
});
mountStorageNotice(must('overlays'), store, () => persistence.takeOver());
// A link to a moment (day, hour) opens the run there: a jump, once the run to jump in is settled.
void persistence.ready.then(() => openMoment(window.location.search));

function openMoment(search: string): void {
  const { target, problems } = parseMoment(search, store.getState().run.config.days);
  // Already there (day 1 at midnight) or past it (a reopened run): nothing to run.
  if (target && !jumpIsBehind(store.getState(), target)) game.actions.jumpTo(target);
  if (problems.length > 0) game.actions.report(problems.join(' '));
  // Done once: a reload continues the run (its id is in the address) instead of jumping again.
  const url = new URL(window.location.href);
  if (url.searchParams.has('day') || url.searchParams.has('hour')) {
    url.searchParams.delete('day');
    url.searchParams.delete('hour');
    window.history.replaceState(window.history.state, '', url.toString());
  }
}
mountRuns(must('menu'), must('overlays'), persistence, store);
mountShare(must('menu'), must('overlays'), store);
mountPresenter(must('menu'), game, window.location.search);
// The share link names the engine in use (for a server: its base URL and model, never the key),
// else the one this page's link named.
setShareEngine(() => {
  const { kind, openai } = engines.settings();
  if (kind === 'builtin') return linkShareEngine();
  return kind === 'openai'
    ? { engine: kind, baseUrl: openai.baseUrl, model: openai.model }
    : { engine: kind };
});
// The guide opens by itself on a first visit to the page, or from a shared link that asks for it.
mountGuide(must('menu'), must('overlays'), store, {
  autoShow: !choosesRun(shared) || shared.guide === true,
});

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
      travel: s.travel,
      who: s.who ? { who: s.who.who, lines: s.who.lines, plan: s.who.plan.length } : null,
      error: s.error,
      engine: { active: s.engine.active, busy: s.busy, cost: cost.probe() },
      view: view.probe(),
      panels: {
        persona: personaCard.probe(),
        timeline: timeline.probe(),
        charts: charts.probe(),
        inspector: inspector.probe(),
        atlas: atlas.probe(),
        learned: learned.probe(),
        versus: versus.probe(),
      },
    };
  },
  flush: () => persistence.flush(),
  storage: () => ({
    ...persistence.stats(),
    runId: store.getState().saving.currentRunId,
    persistent: store.getState().saving.persistent,
    readOnly: store.getState().saving.readOnly !== null,
  }),
};
