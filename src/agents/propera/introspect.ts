/**
 * Looking inside the built-in assistant, for people: a cheap copy of its
 * state (time travel keeps one per day), its policy as a small snapshot,
 * how much that policy wants to speak at a made-up moment (the "what it has
 * learned" view), and what it remembers in a few lines (the robot's card).
 * The made-up moment holds only what the assistant observes — the clock,
 * the day, the activity it sees, how long that has gone on and when it last
 * spoke — never the persona.
 */
import type { SyntheticMoment } from '../../core/agents';
import { formatHhmm } from '../../core/time';
import { buildFeatures, newTracker, SPARSE_SIZE } from './features';
import { memoryText, type MemoryLevel } from './memory';
import { speakLogit, type PolicyParams } from './policy';
import type { ProperaState } from './assistant';

/** What `policySnapshot` keeps: the parameters and the memory level that shapes the features. */
export interface PolicySnapshot {
  level: MemoryLevel;
  params: PolicyParams;
}

/**
 * A copy later steps cannot change. Memory records, summaries, pairs and
 * training entries are only ever appended, so the arrays are copied and
 * their items shared; the parameters and today's counters are copied.
 */
export function copyProperaState(s: ProperaState): ProperaState {
  return {
    memory: {
      level: s.memory.level,
      records: [...s.memory.records],
      summaries: [...s.memory.summaries],
    },
    params: { speak: [...s.params.speak], item: [...s.params.item] },
    // Frozen: DPO's reference is never trained.
    refParams: s.refParams,
    pairs: [...s.pairs],
    training: [...s.training],
    today: {
      ...s.today,
      recMinutes: [...s.today.recMinutes],
      mine: [...(s.today.mine ?? [])],
    },
  };
}

export function policySnapshot(level: MemoryLevel, s: ProperaState): PolicySnapshot {
  return { level, params: { speak: [...s.params.speak], item: [...s.params.item] } };
}

function isSnapshot(v: unknown): v is PolicySnapshot {
  if (typeof v !== 'object' || v === null) return false;
  const p = (v as { params?: unknown }).params;
  return typeof p === 'object' && p !== null && Array.isArray((p as PolicyParams).speak);
}

const SPEAKING_GAP_MINUTES = 60;

/** π(speak | x) for the features of a made-up moment. */
export function wishToSpeak(policy: unknown, m: SyntheticMoment): number {
  if (!isSnapshot(policy)) return Number.NaN;
  const actionText = `(${m.kind})`;
  const tracker = newTracker(m.day);
  tracker.action = actionText;
  tracker.actionStart = m.minute - m.minutesIn;
  // Its suggestions today: the last `sinceLastMinutes` ago, earlier ones an hour apart.
  if (m.sinceLastMinutes !== null) {
    const n = Math.max(1, m.spokenToday);
    for (let i = n - 1; i >= 0; i--)
      tracker.recMinutes.push(m.minute - m.sinceLastMinutes - i * SPEAKING_GAP_MINUTES);
  }
  const x = buildFeatures(
    policy.level,
    tracker,
    { day: m.day, minute: m.minute, actionText },
    m.kind,
    null,
  );
  const z = speakLogit(policy.params, x, SPARSE_SIZE);
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** What it remembers, for people: its memory, its latest summaries, its training. */
export function describeState(level: MemoryLevel, s: ProperaState): string[] {
  const lines: string[] = [];
  const records = s.memory.records.length;
  lines.push(
    level === 'none'
      ? 'Memory: none (it sees only the moment in front of it).'
      : `Memory level ${level}: ${records} step${records === 1 ? '' : 's'} remembered.`,
  );
  const summaries = memoryText(s.memory, [], s.memory.summaries.length);
  if (summaries) lines.push(...summaries.split('\n').map((l) => `Summary: ${l}`));
  const today = s.today.recMinutes;
  const last = today[today.length - 1];
  lines.push(
    today.length === 0
      ? 'Today: no suggestion yet.'
      : `Today: ${today.length} suggestion${today.length === 1 ? '' : 's'}, the last at ${formatHhmm(last ?? 0)}.`,
  );
  const t = s.training[s.training.length - 1];
  lines.push(
    t
      ? `${s.pairs.length} preference pairs so far; trained on ${s.training.length} morning${s.training.length === 1 ? '' : 's'} (last: day ${t.day}, loss ${t.lossBefore.toFixed(3)} → ${t.lossAfter.toFixed(3)}).`
      : `${s.pairs.length} preference pairs so far; its first training is tomorrow morning.`,
  );
  return lines;
}
