/**
 * The step inspector: everything about one step. When and what the persona
 * was doing, what the assistant saw (its prompt, the recent and retrieved
 * memory records with their retrieval scores), both candidates with each
 * criterion's verdict and reason, which one was delivered, and the
 * preference pair the step produced. Opens on a timeline click, the status
 * line's Inspect button, or a 'propersim:inspect' DOM event {day, step};
 * Escape closes it, ←/→ walk the scored steps (Shift: spoken steps only).
 * Everything from data goes in with textContent.
 */
import type { JudgedCandidate } from '../core/agents';
import { isJudgeRuleId, JUDGE_RULES } from '../core/judge-rules';
import { MOMENT_LABELS, type MomentNote } from '../core/step';
import type { StepRecord } from '../core/sim';
import { candidateText } from '../core/suggestion';
import { formatHhmm, formatHhmmss } from '../core/time';
import { CRITERIA, CRITERION_LABELS } from '../core/vocab';
import { scoreColour, UNSCORED_COLOUR } from '../shared/colours';
import { neighbourStep, recordAt, type StepRef } from '../state/selectors';
import type { GameView } from '../state/create-game';
import type { GameState } from '../state/store';
import { whatIfButton } from './what-if';
import { el } from './dom';

export const INSPECT_EVENT = 'propersim:inspect';

export interface InspectorProbe {
  open: boolean;
  day: number | null;
  step: number | null;
  candidates: number;
  reasons: number;
}

function scoreBadge(score: number | null, unjudged = false): HTMLElement {
  const b = el('span', { class: 'score-badge' }, unjudged ? 'not scored' : `${score ?? '–'}/4`);
  b.style.background = score === null ? UNSCORED_COLOUR : scoreColour(score);
  return b;
}

function section(title: string, ...children: Node[]): HTMLElement {
  const s = el('section', { class: 'insp-section' });
  s.append(el('h3', {}, title), ...children);
  return s;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown, digits = 3): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '–';
}

/** A memory record as the assistant keeps it (fields beyond its memory level may be missing). */
function memoryCells(rec: unknown): string[] {
  if (!isObject(rec)) return ['–', '–', '–', '–'];
  const when =
    typeof rec.day === 'number' && typeof rec.minute === 'number'
      ? `d${rec.day} ${formatHhmm(rec.minute)}`
      : '–';
  const action = typeof rec.action === 'string' ? rec.action : '–';
  let said = '(not kept)';
  if ('suggestion' in rec) {
    const s = rec.suggestion;
    said = isObject(s) && typeof s.text === 'string' ? `“${s.text}”` : 'silent';
  }
  const score = typeof rec.score === 'number' ? `${rec.score}/4` : '';
  const reasons = Array.isArray(rec.reasons)
    ? rec.reasons.filter((r): r is string => typeof r === 'string').join(' ')
    : '';
  return [when, action, said + (reasons ? ` — ${reasons}` : ''), score];
}

function table(head: string[], rows: string[][], numeric: Set<number> = new Set()): HTMLElement {
  const t = el('table', { class: 'memory' });
  const tr = el('tr');
  for (const h of head) tr.append(el('th', {}, h));
  t.append(el('thead'));
  t.tHead?.append(tr);
  const body = el('tbody');
  for (const row of rows) {
    const r = el('tr');
    row.forEach((cell, i) => r.append(el('td', numeric.has(i) ? { class: 'num' } : {}, cell)));
    body.append(r);
  }
  t.append(body);
  return t;
}

function candidateCard(
  jc: JudgedCandidate,
  i: number,
  rec: StepRecord,
  total: number,
): HTMLElement {
  const delivered = i === rec.delivered;
  const card = el('div', {
    class: delivered ? 'candidate is-delivered' : 'candidate',
    'data-testid': 'candidate',
  });
  const title = el('div', { class: 'candidate-title' });
  title.append(el('span', {}, `Candidate ${i + 1}`));
  if (delivered) title.append(el('span', { class: 'badge delivered' }, 'delivered'));
  else if (total > 1) title.append(el('span', { class: 'badge' }, 'explored: judged, not said'));
  if (rec.pair?.chosen === i) title.append(el('span', { class: 'badge chosen' }, 'chosen'));
  if (rec.pair?.rejected === i) title.append(el('span', { class: 'badge rejected' }, 'rejected'));
  title.append(scoreBadge(jc.judgement.score));
  const c = jc.candidate;
  const text = el(
    'div',
    { class: 'candidate-text' },
    c.kind === 'silent' ? 'No Recommendation (stay silent)' : `“${candidateText(c)}”`,
  );
  card.append(title, text);
  if (c.kind === 'recommend') {
    card.append(
      el('div', { class: 'note' }, `topic: ${c.suggestion.topic} · tone: ${c.suggestion.tone}`),
    );
  }
  const list = el('ul', { class: 'criteria' });
  for (const k of CRITERIA) {
    const r = jc.judgement.criteria[k];
    const li = el('li', { 'data-testid': 'criterion' });
    li.append(
      el('span', { class: r.pass ? 'mark-pass' : 'mark-fail' }, r.pass ? '1' : '0'),
      el('span', {}, ''),
    );
    const body = li.lastChild as HTMLElement;
    body.append(
      el('span', { class: 'crit-name' }, `${CRITERION_LABELS[k]}: `),
      el('span', { class: 'crit-reason', 'data-testid': 'reason' }, r.reason),
    );
    // The rule that decided it, and where the rule comes from (built-in judge only).
    if (r.rule && isJudgeRuleId(r.rule)) {
      const rule = JUDGE_RULES[r.rule];
      body.append(
        ' ',
        el(
          'span',
          {
            class: 'rule-chip',
            'data-testid': 'rule',
            title: `${rule.summary}. Source: ${rule.source}.`,
          },
          r.rule,
        ),
      );
    }
    list.append(li);
  }
  card.append(list);
  return card;
}

/** "This moment: a good moment: just started lunch; nutrition welcome · light · a tired Saturday". */
export function momentLine(m: MomentNote): HTMLElement {
  const p = el('p', { class: 'moment-line', 'data-testid': 'inspector-moment' });
  p.append(
    el('span', { class: `moment-chip moment-${m.level}` }, MOMENT_LABELS[m.level]),
    ' ',
    el('span', {}, `${m.summary} · ${m.engagement} engagement · ${m.day}`),
  );
  p.title =
    'How receptive the person was, by its receptivity model: wanted = silence costs here; open = a suggestion could land; mid-focus = deep in focused work; quiet = an activity kept free of suggestions; closed = outside the welcome windows.';
  return p;
}

function pairLines(rec: StepRecord): string[] {
  if (rec.candidates.length < 2) {
    return ['One candidate only: this assistant makes no preference pairs.'];
  }
  if (!rec.pair) {
    const s = rec.candidates.map((c) => c.judgement.score);
    return [`Tie (${s.join(' = ')}): no pair, nothing to learn from this step.`];
  }
  const line = (label: string, i: number): string => {
    const c = rec.candidates[i] as JudgedCandidate;
    return `${label}: candidate ${i + 1} (${c.judgement.score}/4) — ${candidateText(c.candidate)}`;
  };
  return [
    line('Chosen', rec.pair.chosen),
    line('Rejected', rec.pair.rejected),
    "The next day's training nudges the policy towards the chosen answer in this situation.",
  ];
}

function pairBlock(rec: StepRecord): HTMLElement {
  const box = el('div', { 'data-testid': 'pair' });
  const lines = pairLines(rec);
  lines.forEach((l, i) => box.append(el('p', { class: i === 2 ? 'note' : 'candidate-text' }, l)));
  return box;
}

function sawSection(rec: StepRecord): HTMLElement {
  const note = rec.note;
  const parts: Node[] = [];
  if (!note) {
    parts.push(el('p', { class: 'note' }, 'This assistant does not explain its steps.'));
    return section('What the assistant saw', ...parts);
  }
  const facts: string[] = [];
  if (typeof note.memoryLevel === 'string') facts.push(`memory level ${note.memoryLevel}`);
  if (typeof note.pSpeak === 'number')
    facts.push(`its policy would speak with p = ${note.pSpeak.toFixed(2)}`);
  if (facts.length) parts.push(el('p', { class: 'note' }, facts.join(' · ')));
  if (typeof note.prompt === 'string') {
    parts.push(el('pre', { class: 'prompt', 'data-testid': 'prompt' }, note.prompt));
  }
  if (Array.isArray(note.recent)) {
    parts.push(el('h3', {}, `Recent memory (${note.recent.length})`));
    const rows = note.recent.map(memoryCells);
    // Scores are kept from memory level ASC up: leave the column out below that.
    const scored = rows.some((r) => r[3] !== '');
    parts.push(
      rows.length
        ? table(
            scored ? ['when', 'action', 'said', 'score'] : ['when', 'action', 'said'],
            scored ? rows : rows.map((r) => r.slice(0, 3)),
          )
        : el('p', { class: 'note' }, 'nothing yet'),
    );
  }
  if (Array.isArray(note.retrieved)) {
    parts.push(el('h3', {}, `Retrieved from memory (${note.retrieved.length})`));
    const rows = note.retrieved.map((r: unknown) => {
      const o = isObject(r) ? r : {};
      const [when, action, said] = memoryCells(o.record);
      return [
        num(o.score),
        num(o.recency, 2),
        num(o.relevance, 2),
        num(o.importance, 2),
        `${when} ${action}: ${said}`,
      ];
    });
    parts.push(
      rows.length
        ? table(['score', 'rec.', 'rel.', 'imp.', 'record'], rows, new Set([0, 1, 2, 3]))
        : el('p', { class: 'note' }, 'nothing retrieved'),
    );
  }
  const known = new Set(['memoryLevel', 'pSpeak', 'prompt', 'recent', 'retrieved']);
  const rest = Object.entries(note).filter(([k]) => !known.has(k));
  if (rest.length) {
    parts.push(
      table(
        ['field', 'value'],
        rest.map(([k, v]) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v))]),
      ),
    );
  }
  return section('What the assistant saw', ...parts);
}

export function mountInspector(
  root: HTMLElement,
  game: GameView,
): { dispose(): void; probe(): InspectorProbe } {
  const { store, actions } = game;
  const render = (s: GameState): void => {
    const ref = s.selected;
    const rec = recordAt(s.history, ref);
    if (!ref) {
      root.hidden = true;
      root.replaceChildren();
      return;
    }
    root.hidden = false;
    const head = el('div', { class: 'insp-head' });
    const prev = el(
      'button',
      { type: 'button', title: 'Previous scored step (←)', 'aria-label': 'Previous step' },
      '◀',
    );
    const next = el(
      'button',
      { type: 'button', title: 'Next scored step (→)', 'aria-label': 'Next step' },
      '▶',
    );
    const close = el(
      'button',
      { type: 'button', 'data-testid': 'inspector-close', title: 'Close (Esc)' },
      '✕',
    );
    prev.addEventListener('click', () => walk(-1, false));
    next.addEventListener('click', () => walk(1, false));
    close.addEventListener('click', () => actions.select(null));
    head.append(el('h2', {}, `Step inspector · day ${ref.day}`), prev, next, close);
    const keys = el(
      'p',
      { class: 'insp-keys' },
      '← → scored steps · Shift+← → spoken steps · Esc closes',
    );
    if (!rec) {
      root.replaceChildren(head, keys, el('p', { class: 'note' }, 'That step has not run yet.'));
      return;
    }
    prev.disabled = !neighbourStep(s.history, ref, -1);
    next.disabled = !neighbourStep(s.history, ref, 1);

    const stepMinutes = s.run.config.stepSeconds / 60;
    const when = el('div', { class: 'candidate-title' });
    when.append(
      el(
        'span',
        { 'data-testid': 'inspector-when' },
        `${formatHhmmss(rec.minute)}–${formatHhmm(rec.minute + stepMinutes)} · step ${rec.step}`,
      ),
      scoreBadge(rec.score, rec.unjudged !== undefined),
    );
    const doing = el(
      'p',
      { class: 'candidate-text' },
      rec.asleep
        ? `Asleep (${rec.action}): nothing is proposed or scored.`
        : `${rec.action}${rec.walking ? ' — walking there' : ''} (${rec.kind}, ${rec.room})`,
    );
    const said = el(
      'p',
      { class: 'candidate-text' },
      rec.decision === 'recommend' && rec.suggestion
        ? `The assistant said: “${rec.suggestion.text}”`
        : rec.decision === 'silent'
          ? 'The assistant stayed silent.'
          : '',
    );
    const parts: Node[] = [head, keys, when, doing];
    if (rec.moment) parts.push(momentLine(rec.moment));
    parts.push(said);
    // Alternatives scored on a copy of the run (ui/what-if.ts shows them); not for an unscored step.
    if (!rec.asleep && !rec.unjudged) parts.push(whatIfButton(() => actions.whatIf(ref)));
    if (rec.unjudged) {
      // Text from the model or the server is shown as text (el sets textContent).
      const u = rec.unjudged;
      parts.push(
        section(
          'Not scored',
          el(
            'p',
            { class: 'note', 'data-testid': 'inspector-unjudged' },
            `The ${u.call} call gave no verdict on candidate ${u.candidate + 1}: ${u.why}. ` +
              'This step counts in no mean, makes no preference pair, and the assistant learned nothing from it.',
          ),
          ...u.candidates.map((c, i) =>
            el('p', { class: 'candidate-text' }, `Candidate ${i + 1}: ${candidateText(c)}`),
          ),
        ),
      );
    } else if (!rec.asleep) {
      const cards = rec.candidates.map((jc, i) => candidateCard(jc, i, rec, rec.candidates.length));
      parts.push(
        section(
          rec.candidates.length > 1
            ? 'The two candidates, each judged on the four criteria'
            : 'The candidate, judged on the four criteria',
          ...cards,
        ),
        section('Preference pair', pairBlock(rec)),
        sawSection(rec),
      );
    }
    root.replaceChildren(...parts);
  };

  const walk = (dir: -1 | 1, spoken: boolean): void => {
    const s = store.getState();
    if (!s.selected) return;
    const r = neighbourStep(s.history, s.selected, dir, spoken ? 'spoken' : 'scored');
    if (r) actions.select({ day: r.day, step: r.step });
  };

  const onKey = (e: KeyboardEvent): void => {
    if (!store.getState().selected || e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.target;
    if (
      t instanceof HTMLInputElement ||
      t instanceof HTMLSelectElement ||
      t instanceof HTMLTextAreaElement
    )
      return;
    if (e.key === 'Escape') {
      e.preventDefault();
      actions.select(null);
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      walk(e.key === 'ArrowLeft' ? -1 : 1, e.shiftKey);
    }
  };
  // The same event may reach both listeners (dispatched on the document, bubbling to the window).
  const handled = new WeakSet<Event>();
  const onInspect = (e: Event): void => {
    if (handled.has(e)) return;
    handled.add(e);
    const d: unknown = (e as CustomEvent).detail;
    if (!isObject(d) || typeof d.day !== 'number' || typeof d.step !== 'number') return;
    const ref: StepRef = { day: d.day, step: d.step };
    actions.select(ref);
  };
  window.addEventListener('keydown', onKey);
  window.addEventListener(INSPECT_EVENT, onInspect);
  document.addEventListener(INSPECT_EVENT, onInspect);

  let shown: { day: number; step: number } | null = null;
  let shownRecord: StepRecord | undefined;
  const unsubscribe = store.subscribe((s) => {
    // Re-render when the selection changes, or when the selected step arrives in the history.
    const rec = recordAt(s.history, s.selected);
    if (s.selected === shown && rec === shownRecord) return;
    shown = s.selected;
    shownRecord = rec;
    render(s);
  });
  render(store.getState());

  return {
    dispose() {
      unsubscribe();
      window.removeEventListener('keydown', onKey);
      window.removeEventListener(INSPECT_EVENT, onInspect);
      document.removeEventListener(INSPECT_EVENT, onInspect);
      root.replaceChildren();
    },
    probe: () => {
      const s = store.getState();
      return {
        open: !root.hidden,
        day: s.selected?.day ?? null,
        step: s.selected?.step ?? null,
        candidates: root.querySelectorAll('[data-testid="candidate"]').length,
        reasons: root.querySelectorAll('[data-testid="reason"]').length,
      };
    },
  };
}
