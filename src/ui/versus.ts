/**
 * Side by side: a second assistant on the same persona, seed and days (run
 * in the simulation worker), its day rows paired with the run's in the
 * timing atlas, and here its mean score and suggestions per waking hour
 * drawn over the run's, day by day. Built-in assistants only (a model's run
 * would cost calls).
 */
import { assistantLabel } from '../agents/registry';
import type { DaySummary } from '../core/metrics';
import { compareBehind } from '../state/actions/compare';
import type { GameView } from '../state/create-game';
import { el, option, setText } from './dom';

const SVG = 'http://www.w3.org/2000/svg';
const RUN_COLOUR = '#f2b84b';
const OTHER_COLOUR = '#6fb7ff';

export interface VersusProbe {
  assistantId: string | null;
  running: boolean;
  days: number;
  error: string | null;
}

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/** A small line chart of one value per day for the run and the other assistant. */
function chart(
  title: string,
  // null: a day with no scored step (every step unjudged): no point is drawn for it.
  series: { label: string; colour: string; values: (number | null)[]; dashed?: boolean }[],
  days: number,
  format: (v: number) => string,
): HTMLElement {
  const box = el('figure', { class: 'vs-chart', 'data-testid': 'versus-chart' });
  const w = 300;
  const h = 110;
  const pad = { l: 30, r: 18, t: 6, b: 18 };
  const all = series.flatMap((s) => s.values).filter((v): v is number => Number.isFinite(v));
  const max = Math.max(1e-9, ...all) * 1.1;
  const x = (d: number): number => pad.l + ((d - 1) / Math.max(1, days - 1)) * (w - pad.l - pad.r);
  const y = (v: number): number => h - pad.b - (v / max) * (h - pad.t - pad.b);
  const root = svg('svg', { viewBox: `0 0 ${w} ${h}`, role: 'img', 'aria-label': title });
  root.append(
    svg('line', { x1: pad.l, x2: w - pad.r, y1: h - pad.b, y2: h - pad.b, stroke: '#4a3d58' }),
    svg('line', { x1: pad.l, x2: pad.l, y1: pad.t, y2: h - pad.b, stroke: '#4a3d58' }),
  );
  for (const v of [0, max / 1.1]) {
    const t = svg('text', {
      x: pad.l - 4,
      y: y(v) + 3,
      'text-anchor': 'end',
      fill: '#a99bb8',
      'font-size': 9,
    });
    t.textContent = format(v);
    root.append(t);
  }
  for (const d of [1, days]) {
    const t = svg('text', {
      x: x(d),
      y: h - 5,
      'text-anchor': 'middle',
      fill: '#a99bb8',
      'font-size': 9,
    });
    t.textContent = `day ${d}`;
    root.append(t);
  }
  for (const s of series) {
    const known = s.values.flatMap((v, i) => (v === null ? [] : [[i + 1, v] as const]));
    const pts = known.map(([d, v]) => `${x(d)},${y(v)}`).join(' ');
    root.append(
      svg('polyline', {
        points: pts,
        fill: 'none',
        stroke: s.colour,
        'stroke-width': 2,
        ...(s.dashed ? { 'stroke-dasharray': '4 3' } : {}),
      }),
    );
    for (const [d, v] of known)
      root.append(svg('circle', { cx: x(d), cy: y(v), r: 2.5, fill: s.colour }));
  }
  const legend = el('figcaption', { class: 'vs-legend' });
  legend.append(el('strong', {}, title));
  for (const s of series) {
    const item = el('span');
    const sw = el('span', { class: 'swatch' });
    sw.style.background = s.colour;
    const last = s.values[s.values.length - 1];
    const value = last === undefined ? '–' : last === null ? 'not scored' : format(last);
    item.append(sw, document.createTextNode(`${s.label}: ${value}`));
    legend.append(item);
  }
  box.append(legend, root);
  return box;
}

export function mountVersus(
  root: HTMLElement,
  game: GameView,
  assistants: readonly { id: string; label: string }[],
): { probe(): VersusProbe } {
  const { store, actions } = game;
  const pick = el('select', {
    'data-testid': 'versus-assistant',
    'aria-label': 'Assistant to compare with',
  });
  const go = el(
    'button',
    { type: 'button', class: 'primary', 'data-testid': 'versus-run' },
    'Run side by side',
  );
  const more = el(
    'button',
    { type: 'button', 'data-testid': 'versus-extend' },
    'Bring it up to now',
  );
  const stop = el('button', { type: 'button', 'data-testid': 'versus-stop' }, 'Stop comparing');
  const status = el('span', { class: 'note', 'data-testid': 'versus-status' });
  const head = el('div', { class: 'atlas-head' });
  head.append(
    el('h2', {}, 'Side by side'),
    el('span', {}, 'compare with'),
    pick,
    go,
    more,
    stop,
    status,
  );
  const charts = el('div', { class: 'vs-charts' });
  const note = el(
    'p',
    { class: 'note' },
    'The other assistant lives the very same days (same persona, same seed: the same plans and the same moods). Its rows appear under the run’s in the Timing atlas.',
  );
  root.append(head, charts, note);

  go.addEventListener('click', () => actions.compareWith(pick.value));
  more.addEventListener('click', () => actions.extendCompare());
  stop.addEventListener('click', () => actions.compareWith(null));

  let lastKey = '';
  let frame = 0;
  const draw = (): void => {
    frame = 0;
    const s = store.getState();
    const c = s.compare;
    const key = `${s.version}|${s.run.assistantId}|${c?.assistantId}|${c?.progress?.done}|${c?.days.length}|${c?.error}|${root.hidden}`;
    if (key === lastKey) return;
    lastKey = key;
    const choices = assistants.filter((a) => a.id !== s.run.assistantId);
    if (pick.options.length !== choices.length || pick.options[0]?.value !== choices[0]?.id) {
      const keep = pick.value;
      pick.replaceChildren(...choices.map((a) => option(a.id, a.label)));
      if (choices.some((a) => a.id === keep)) pick.value = keep;
      else if (choices.some((a) => a.id === 'no-memory')) pick.value = 'no-memory';
    }
    more.hidden = !c || !compareBehind(c, s.clock);
    stop.hidden = !c;
    setText(
      status,
      !c
        ? ''
        : c.error
          ? `stopped: ${c.error}`
          : c.progress
            ? `running ${c.label}… ${c.progress.total ? Math.round((100 * c.progress.done) / c.progress.total) : 0}%`
            : `${c.label}: ${c.history.length} day${c.history.length === 1 ? '' : 's'}`,
    );
    if (root.hidden) return;
    if (!c) {
      charts.replaceChildren(
        el('p', { class: 'note' }, 'Pick an assistant and run it beside this one.'),
      );
      return;
    }
    const mine: readonly DaySummary[] = s.run.days;
    const theirs: readonly DaySummary[] = c.days;
    const days = Math.max(2, mine.length, theirs.length);
    const runLabel = assistantLabel(s.run.assistantId);
    charts.replaceChildren(
      chart(
        'Mean score per day (0–4)',
        [
          { label: runLabel, colour: RUN_COLOUR, values: mine.map((d) => d.meanScore) },
          {
            label: c.label,
            colour: OTHER_COLOUR,
            values: theirs.map((d) => d.meanScore),
            dashed: true,
          },
        ],
        days,
        (v) => v.toFixed(2),
      ),
      chart(
        'Suggestions per waking hour',
        [
          { label: runLabel, colour: RUN_COLOUR, values: mine.map((d) => d.recsPerWakingHour) },
          {
            label: c.label,
            colour: OTHER_COLOUR,
            values: theirs.map((d) => d.recsPerWakingHour),
            dashed: true,
          },
        ],
        days,
        (v) => v.toFixed(2),
      ),
    );
  };
  const schedule = (): void => {
    if (frame === 0) frame = requestAnimationFrame(draw);
  };
  store.subscribe(() => schedule());
  new MutationObserver(() => {
    lastKey = '';
    schedule();
  }).observe(root, { attributes: true, attributeFilter: ['hidden'] });
  draw();
  return {
    probe() {
      const c = store.getState().compare;
      return {
        assistantId: c?.assistantId ?? null,
        running: c?.progress != null,
        days: c?.history.length ?? 0,
        error: c?.error ?? null,
      };
    },
  };
}
