/**
 * The cost in sight: while a model plays a role, a second line in the
 * status area shows the engine, "waiting for the model…" while a step is
 * waiting, the calls and tokens of the last step and of today (the
 * simulated day), the calls per scored step, the estimated cost when prices
 * are set, and the daily budget left. When a step fails and the run pauses,
 * it says that nothing is lost and how to go on. Hidden with the built-in
 * engine.
 */
import type { UsageCounts } from '../state/engine/view';
import type { GameState, GameStore } from '../state/store';
import { el, setText } from './dom';
import { activeNote, ROLE_LABELS } from './engine-words';

export interface CostProbe {
  visible: boolean;
  busy: boolean;
  lastStepCalls: number | null;
  todayCalls: number;
  totalCalls: number;
  text: string;
}

/** "1.2k" for 1234. */
export function formatTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1e6) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1e6).toFixed(1)}M`;
}

/** A small amount with enough digits to be read: 0.00042, 0.012, 1.24. */
export function formatMoney(x: number): string {
  if (x === 0) return '0';
  if (x < 0.01) return x.toPrecision(2);
  return x.toFixed(x < 10 ? 3 : 2);
}

function callsText(c: UsageCounts): string {
  const tokens = c.promptTokens + c.completionTokens;
  const parts = [`${c.calls} call${c.calls === 1 ? '' : 's'}`, `${formatTokens(tokens)} tokens`];
  if (c.failedCalls > 0) parts.push(`${c.failedCalls} failed`);
  if (c.cachedCalls > 0) parts.push(`${c.cachedCalls} from cache`);
  return parts.join(' · ');
}

function item(label: string, testid: string): { root: HTMLElement; value: HTMLElement } {
  const root = el('span', { class: 'stat' });
  const value = el('strong', { 'data-testid': testid });
  root.append(el('span', {}, label), value);
  return { root, value };
}

export function mountCost(
  root: HTMLElement,
  store: GameStore,
): { probe(): CostProbe; dispose(): void } {
  const box = el('div', { class: 'cost', 'data-testid': 'cost', 'aria-live': 'off' });
  box.hidden = true;
  const engine = el('span', { class: 'cost-engine', 'data-testid': 'cost-engine' });
  const busy = el('span', { class: 'cost-busy', 'data-testid': 'cost-busy', role: 'status' });
  busy.hidden = true;
  const last = item('Last step', 'cost-last');
  const today = item('Today', 'cost-today');
  last.root.title = 'The last step that called the model';
  const perStep = item('Per scored step', 'cost-per-step');
  perStep.root.title = 'Judge and assistant calls per scored (waking) step today';
  const money = item('Cost ≈', 'cost-money');
  money.root.title = 'Estimated from the prices in the Engine settings: last step / today / run';
  const budget = item('Budget left', 'cost-budget');
  budget.root.title = 'Model calls left today (simulated day)';
  const note = el('span', { class: 'cost-note', 'data-testid': 'cost-note' });
  note.hidden = true;
  box.append(engine, busy, last.root, today.root, perStep.root, money.root, budget.root, note);
  root.append(box);

  const render = (s: GameState): void => {
    const v = s.engine;
    const active = v.active;
    box.hidden = active === null;
    if (!active) return;
    const roles = active.roles.map((r) => ROLE_LABELS[r]).join(', ');
    setText(engine, `Model “${active.model}”${roles ? ` plays the ${roles}` : ''}`);
    const activeText = activeNote(active);
    engine.title = `${active.baseUrl ?? 'this browser (WebLLM)'}${activeText ? ` — ${activeText}` : ''}`;
    busy.hidden = !s.busy;
    if (s.busy) setText(busy, `waiting for ${s.busy}…`);
    const u = v.usage;
    for (const i of [last, today, perStep, money, budget]) i.root.hidden = u === null;
    if (u) {
      setText(last.value, u.lastStep ? callsText(u.lastStep) : '–');
      setText(today.value, `${callsText(u.today)} (day ${u.day})`);
      setText(perStep.value, u.callsPerScoredStep === null ? '–' : `${u.callsPerScoredStep} calls`);
      money.root.hidden = u.cost === null;
      if (u.cost) {
        setText(
          money.value,
          `${formatMoney(u.cost.lastStep)} / ${formatMoney(u.cost.today)} / ${formatMoney(u.cost.total)}`,
        );
      }
      budget.root.hidden = u.budget === null;
      if (u.budget) setText(budget.value, `${u.budget.left} of ${u.budget.limit}`);
    }
    let message: string | null = activeText;
    if (s.error && s.error.startsWith('the step is paused')) {
      message =
        'Paused: the model did not answer, so this step was not taken and nothing is lost. ' +
        'Fix the server or the Engine settings, then press Play to go on from here.';
    }
    note.hidden = message === null;
    note.classList.toggle('bad', message !== activeText);
    setText(note, message ?? '');
  };

  render(store.getState());
  const offStore = store.subscribe((s, prev) => {
    if (s.engine !== prev.engine || s.busy !== prev.busy || s.error !== prev.error) render(s);
  });

  return {
    probe() {
      const v = store.getState().engine;
      return {
        visible: !box.hidden,
        busy: !busy.hidden,
        lastStepCalls: v.usage?.lastStep?.calls ?? null,
        todayCalls: v.usage?.today.calls ?? 0,
        totalCalls: v.usage?.total.calls ?? 0,
        text: box.textContent ?? '',
      };
    },
    dispose() {
      offStore();
      box.remove();
    },
  };
}
