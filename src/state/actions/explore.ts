/**
 * Exploring a run without changing it: travel to a past moment (the view
 * shows it; playing replays the past until it meets the present), "what if"
 * for a step, and the persona's or the robot's card at the moment shown.
 * Everything past is read from the history and the archive, or rebuilt on a
 * copy (src/state/rebuild.ts): the run itself never moves back.
 */
import { assistantEntry } from '../../agents/registry';
import { dayConditions, describeDay } from '../../core/receptivity';
import { momentAt } from '../../core/schedule';
import { MOMENT_LABELS } from '../../core/step';
import { formatHhmm, MINUTES_PER_DAY, stepsPerDay } from '../../core/time';
import { clockMinutes, fromMinutes, shownMoment } from '../moment';
import { rebuildAt } from '../rebuild';
import { recordAt, type StepRef } from '../selectors';
import type { SimClock, WhoCard } from '../store';
import { whatIf } from '../what-if';
import type { ActionContext } from './context';

export interface ExploreActions {
  /** Show a past moment (null, or a moment at or after now: back to now). */
  travelTo(moment: SimClock | null): void;
  /** Score the alternatives of a step ("what if"); null closes it. */
  whatIf(ref: StepRef | null): void;
  /** The persona's or the robot's card at the moment shown; null closes it. */
  showWho(who: 'persona' | 'robot' | null): void;
}

export function exploreActions(ctx: ActionContext): ExploreActions {
  const { get, set } = ctx;
  return {
    travelTo(moment) {
      const s = get();
      if (s.jump) return;
      const live = clockMinutes(s.clock);
      const wanted = moment === null ? live : Math.max(0, clockMinutes(moment));
      if (wanted >= live) {
        if (s.travel) set({ travel: null, who: null });
        return;
      }
      const travel = fromMinutes(wanted);
      const stepMinutes = s.run.config.stepSeconds / 60;
      const step = Math.min(
        stepsPerDay(s.run.config.stepSeconds) - 1,
        Math.floor(travel.minute / stepMinutes),
      );
      // The inspector, when open, follows the moment.
      const follow = s.selected && recordAt(s.history, { day: travel.day, step });
      set({
        travel,
        who: null,
        ...(follow ? { selected: { day: travel.day, step } } : {}),
      });
    },
    whatIf(ref) {
      if (!ref) {
        if (get().whatIf) set({ whatIf: null });
        return;
      }
      const s = get();
      const record = recordAt(s.history, ref);
      if (!record) {
        set({ whatIf: { ref, result: null, error: 'that step has not run yet' } });
        return;
      }
      try {
        set({ whatIf: { ref, result: whatIf(s, record, ctx.cast.kit()), error: null } });
      } catch (err) {
        set({ whatIf: { ref, result: null, error: (err as Error).message } });
      }
    },
    showWho(who) {
      if (!who) {
        if (get().who) set({ who: null });
        return;
      }
      const s = get();
      const m = shownMoment(s);
      const card = who === 'persona' ? personaCard(s, m) : robotCard(ctx, m);
      set({ who: card });
    },
  };
}

type Moment = ReturnType<typeof shownMoment>;

function personaCard(s: ReturnType<ActionContext['get']>, m: Moment): WhoCard {
  const lines: string[] = [];
  const plan: WhoCard['plan'] = [];
  if (m.schedule.length > 0) {
    const now = momentAt(m.schedule, Math.min(m.minute, MINUTES_PER_DAY - 1e-6));
    lines.push(
      now.walking ? `On the way to: ${now.action.label}` : `Doing: ${now.action.label}`,
      `${now.action.kind} in the ${now.action.room}, ${formatHhmm(now.action.start)}–${formatHhmm(now.action.end)}`,
    );
    m.schedule.forEach((a, i) =>
      plan.push({ time: formatHhmm(a.start), label: a.label, now: i === now.index }),
    );
  }
  const note = m.latest?.moment;
  if (note) lines.push(`This moment: ${MOMENT_LABELS[note.level]} — ${note.summary}`);
  else if (m.latest?.asleep) lines.push('Asleep: nothing is proposed or scored.');
  lines.push(`Today is ${describeDay(dayConditions(s.run.config.seed, s.run.persona, m.day))}.`);
  return {
    who: 'persona',
    day: m.day,
    minute: m.minute,
    title: s.run.persona.name,
    lines,
    plan,
  };
}

function robotCard(ctx: ActionContext, m: Moment): WhoCard {
  const s = ctx.get();
  const entry = assistantEntry(s.run.assistantId);
  const base = {
    who: 'robot' as const,
    day: m.day,
    minute: m.minute,
    title: entry.label,
    plan: [],
  };
  if (entry.needsModel)
    return {
      ...base,
      lines: ['A model writes what it says; its memory is the prompt it is shown.'],
    };
  const agent = entry.agent;
  if (!agent.describeState)
    return {
      ...base,
      lines: [
        agent.peeksAtPerson
          ? 'A yardstick: it reads the person directly, so it keeps no memory and learns nothing.'
          : 'It keeps no memory and learns nothing: it answers each moment the same way.',
      ],
    };
  const perDay = stepsPerDay(s.run.config.stepSeconds);
  // The assistant as it was once the step the clock is in had run.
  const at = m.latest ? (m.latest.day - 1) * perDay + m.latest.step + 1 : 0;
  let state: unknown = s.run.assistant;
  let when = 'now';
  if (m.travelling) {
    try {
      state = rebuildAt(s, at, { begin: false, kit: ctx.cast.kit() }).run.assistant;
      when = `at day ${m.day} ${formatHhmm(m.minute)}`;
    } catch (err) {
      return { ...base, lines: [`Its memory then cannot be shown: ${(err as Error).message}.`] };
    }
  }
  return { ...base, lines: [`What it remembers ${when}:`, ...agent.describeState(state)] };
}
