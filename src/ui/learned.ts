/**
 * "What it has learned": the assistant's wish to speak by hour × activity,
 * read from its policy (src/state/learned.ts), beside the persona's
 * welcome windows (top strip) and quiet activities (rows marked quiet),
 * with a day slider to watch it change across the run. Assistants without
 * a policy are named as such, plainly.
 */
import { dayConditions } from '../core/receptivity';
import type { GameView } from '../state/create-game';
import { learnedAt, PROBE_MINUTES_IN, PROBE_SINCE_LAST } from '../state/learned';
import { el, setText } from './dom';
import { welcomeSpans } from './timeline-layout';

/** The wish to speak as a colour: dark (never) to bright amber (surely). */
export function wishColour(p: number): string {
  if (!Number.isFinite(p)) return '#2a2233';
  const q = Math.max(0, Math.min(1, p));
  return `hsl(${38 - q * 8}, ${55 + q * 40}%, ${12 + q * 52}%)`;
}

export interface LearnedProbe {
  ok: boolean;
  reason: string | null;
  day: number | null;
  rows: number;
  /** Mean wish over the grid (NaN: none). */
  mean: number;
}

export function mountLearned(root: HTMLElement, game: GameView): { probe(): LearnedProbe } {
  const { store } = game;
  const head = el('div', { class: 'atlas-head' });
  const slider = el('input', {
    type: 'range',
    min: '1',
    max: '1',
    step: '1',
    'data-testid': 'learned-day',
    'aria-label': 'Day of the policy',
  });
  const dayLabel = el('span', { class: 'learned-daylabel', 'data-testid': 'learned-day-label' });
  const follow = { latest: true };
  head.append(el('h2', {}, 'What it has learned: when it now wants to speak'), slider, dayLabel);
  const message = el('p', { class: 'learned-message', 'data-testid': 'learned-message' });
  const grid = el('div', { class: 'learned-grid', 'data-testid': 'learned-grid' });
  const note = el('p', { class: 'note' });
  root.append(head, message, grid, note);
  let probe: LearnedProbe = { ok: false, reason: null, day: null, rows: 0, mean: Number.NaN };

  slider.addEventListener('input', () => {
    follow.latest = slider.value === slider.max;
    lastKey = '';
    draw();
  });

  let lastKey = '';
  let frame = 0;
  const draw = (): void => {
    frame = 0;
    if (root.hidden) return;
    const s = store.getState();
    const key = `${s.version}|${slider.value}|${s.archive.days.length}`;
    if (key === lastKey) return;
    lastKey = key;
    const wanted = Number(slider.value);
    const learned = learnedAt(s, follow.latest ? Number.MAX_SAFE_INTEGER : wanted);
    if (!learned.ok) {
      slider.hidden = true;
      dayLabel.hidden = true;
      grid.replaceChildren();
      setText(message, learned.reason);
      setText(note, '');
      probe = { ok: false, reason: learned.reason, day: null, rows: 0, mean: Number.NaN };
      return;
    }
    const { grid: g, days } = learned;
    slider.hidden = false;
    dayLabel.hidden = false;
    slider.min = String(days[0]);
    slider.max = String(days[days.length - 1]);
    slider.value = String(g.day);
    setText(
      dayLabel,
      `day ${g.day} (policy after ${g.day - 1} night${g.day === 2 ? '' : 's'} of training)`,
    );
    setText(
      message,
      `Brighter: it more wants to speak then. Rows: what ${s.run.persona.name} is doing; columns: the hour. Green top strip: ${s.run.persona.name}'s welcome windows that day; rows marked “quiet”: activities to leave alone.`,
    );
    const persona = s.run.persona;
    const quiet = new Set<string>(persona.rubric.timing.quietActivities);
    const spans = welcomeSpans(
      persona,
      dayConditions(s.run.config.seed, persona, g.day).windowShiftMinutes,
    );
    const cells: HTMLElement[] = [el('span', { class: 'lg-label' }, 'welcome')];
    for (let h = 0; h < 24; h++) {
      const m = h * 60 + 30;
      const open = spans.some((w) => m >= w.from && m < w.to);
      cells.push(
        el('span', {
          class: `lg-welcome${open ? ' open' : ''}`,
          title: `${h}:00–${h + 1}:00 ${open ? 'welcome' : 'not a welcome window'}`,
        }),
      );
    }
    let sum = 0;
    let n = 0;
    g.kinds.forEach((kind, i) => {
      const isQuiet = quiet.has(kind);
      cells.push(
        el(
          'span',
          { class: `lg-label${isQuiet ? ' quiet' : ''}` },
          isQuiet ? `${kind} · quiet` : kind,
        ),
      );
      for (let h = 0; h < 24; h++) {
        const p = g.wish[i]?.[h] ?? Number.NaN;
        if (Number.isFinite(p)) {
          sum += p;
          n++;
        }
        const c = el('span', {
          class: 'lg-cell',
          title: `${kind}, ${String(h).padStart(2, '0')}:30 — wish to speak ${Number.isFinite(p) ? `${Math.round(p * 100)}%` : '–'}`,
        });
        c.style.background = wishColour(p);
        cells.push(c);
      }
    });
    const axis: HTMLElement[] = [el('span', { class: 'lg-label' }, '')];
    for (let h = 0; h < 24; h++)
      axis.push(el('span', { class: 'lg-hour' }, h % 3 === 0 ? String(h).padStart(2, '0') : ''));
    grid.replaceChildren(...axis, ...cells);
    setText(
      note,
      `Read from the policy itself: at each hour and activity it is asked how much it wants to speak, as if the activity began ${PROBE_MINUTES_IN} minutes before and it last spoke ${PROBE_SINCE_LAST} minutes ago. Drag the slider to watch it change day by day.`,
    );
    probe = {
      ok: true,
      reason: null,
      day: g.day,
      rows: g.kinds.length,
      mean: n ? sum / n : Number.NaN,
    };
  };
  const schedule = (): void => {
    if (frame === 0) frame = requestAnimationFrame(draw);
  };
  let runSeen = store.getState().run;
  store.subscribe((s) => {
    if (s.run !== runSeen) {
      runSeen = s.run;
      follow.latest = true;
    }
    schedule();
  });
  new MutationObserver(() => {
    lastKey = '';
    schedule();
  }).observe(root, { attributes: true, attributeFilter: ['hidden'] });
  return { probe: () => probe };
}
