/**
 * The assistant's memory of past steps, at the levels the reference defines:
 *   A    — the action it saw
 *   AS   — + its suggestion (or silence)          (the reference's default)
 *   ASC  — + the score it got
 *   ASCR — + the judge's reasons for failed criteria
 * with hourly and 4-hour summaries that carry the number of
 * recommendations. Kept across days; plain data, so it is saved with a run
 * and persisted by the storage layer.
 */
import type { SimMinutes } from '../../core/time';
import type { Tone, Topic } from '../../core/vocab';
import type { SeenKind } from './policy';

export const MEMORY_LEVELS = ['none', 'A', 'AS', 'ASC', 'ASCR'] as const;
export type MemoryLevel = (typeof MEMORY_LEVELS)[number];

export function atLeast(level: MemoryLevel, wanted: Exclude<MemoryLevel, 'none'>): boolean {
  return MEMORY_LEVELS.indexOf(level) >= MEMORY_LEVELS.indexOf(wanted);
}

export interface MemoryRecord {
  day: number;
  minute: SimMinutes;
  /** The action as the assistant saw it. */
  action: string;
  kind: SeenKind;
  /** AS and up: what it said; null for silence. */
  suggestion?: { text: string; topic: Topic; tone: Tone } | null;
  /** ASC and up. */
  score?: number;
  /** ASCR: reasons of the failed criteria. */
  reasons?: string[];
}

export interface Summary {
  day: number;
  /** First hour covered (0–23). */
  hour: number;
  hours: 1 | 4;
  actions: string[];
  recommendations: number;
  meanScore: number | null;
}

export interface AssistantMemory {
  level: MemoryLevel;
  records: MemoryRecord[];
  summaries: Summary[];
}

export function newMemory(level: MemoryLevel): AssistantMemory {
  return { level, records: [], summaries: [] };
}

/** Keep what the level allows of a full record. */
export function trimToLevel(level: MemoryLevel, full: Required<MemoryRecord>): MemoryRecord {
  const r: MemoryRecord = {
    day: full.day,
    minute: full.minute,
    action: full.action,
    kind: full.kind,
  };
  if (atLeast(level, 'AS')) r.suggestion = full.suggestion;
  if (atLeast(level, 'ASC')) r.score = full.score;
  if (atLeast(level, 'ASCR')) r.reasons = full.reasons;
  return r;
}

/** Summaries for the hour (and 4-hour block) that a day's records just closed. */
export function summarise(
  records: readonly MemoryRecord[],
  day: number,
  hour: number,
  hours: 1 | 4,
): Summary {
  const inside = records.filter(
    (r) => r.day === day && r.minute >= hour * 60 && r.minute < (hour + hours) * 60,
  );
  const actions = [...new Set(inside.map((r) => r.action))];
  const scored = inside.filter((r) => r.score !== undefined);
  return {
    day,
    hour,
    hours,
    actions,
    recommendations: inside.filter((r) => r.suggestion).length,
    meanScore: scored.length
      ? scored.reduce((s, r) => s + (r.score as number), 0) / scored.length
      : null,
  };
}

/** Memory as prompt text ([MEMORY] section) for LLM assistants, the inspector and DPO exports. */
export function memoryText(
  mem: AssistantMemory,
  picked: readonly number[],
  summariesEnd: number = mem.summaries.length,
): string {
  const lines: string[] = [];
  for (const s of mem.summaries.slice(Math.max(0, summariesEnd - 4), summariesEnd)) {
    lines.push(
      `Day ${s.day} ${String(s.hour).padStart(2, '0')}:00 +${s.hours}h: ${s.actions.slice(0, 4).join('; ')} — ${s.recommendations} recommendation(s)`,
    );
  }
  for (const i of picked) {
    const r = mem.records[i];
    if (!r) continue;
    const hh = `${String(Math.floor(r.minute / 60)).padStart(2, '0')}:${String(Math.floor(r.minute % 60)).padStart(2, '0')}`;
    let line = `Day ${r.day} ${hh} ${r.action}`;
    if (r.suggestion !== undefined)
      line += ` → ${r.suggestion ? `"${r.suggestion.text}"` : 'No Recommendation'}`;
    if (r.score !== undefined) line += ` [score ${r.score}/4]`;
    if (r.reasons && r.reasons.length) line += ` (${r.reasons.join(' ')})`;
    lines.push(line);
  }
  return lines.join('\n');
}
