/**
 * The LLM assistant's memory at work: indexes rebuilt from the records (not
 * saved with the run), retrieval (the 4 most recent plus the top 3 by
 * recency, relevance and importance; relevance by embeddings when the
 * engine has them, else BM25) and, from ASC on, the best and worst rated
 * moments like this one.
 */
import type { AssistantObservation } from '../../core/agents';
import { formatHhmm } from '../../core/time';
import type { LlmEngine } from '../../llm/engine';
import { atLeast, type MemoryLevel, type MemoryRecord } from '../propera/memory';
import type { SeenKind } from '../propera/policy';
import { GroupedRetriever, LexicalIndex, type RetrievalResult } from '../propera/retrieval';
import type { LlmAssistantState } from './assistant';
import { pauseReason } from './call';

export function seenKind(obs: AssistantObservation): SeenKind {
  return obs.ctx.walking ? 'walking' : obs.ctx.action.kind;
}

function recordLine(r: MemoryRecord): string {
  let line = `Day ${r.day} ${formatHhmm(r.minute)} ${r.action}`;
  if (r.suggestion !== undefined)
    line += ` → ${r.suggestion ? `"${r.suggestion.text}"` : 'No Recommendation'}`;
  if (r.score !== undefined) line += ` [score ${r.score}/4]`;
  if (r.reasons && r.reasons.length) line += ` (${r.reasons.join(' ')})`;
  return line;
}

const cosine = (a: readonly number[], b: readonly number[]): number => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = (b[i] ?? 0) as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
};

/** Indexes rebuilt from the memory (not saved with the run). */
export interface Transient {
  lexical: LexicalIndex;
  texts: string[];
  retriever: GroupedRetriever;
  byKind: Map<SeenKind, number[]>;
  vectors: Map<string, number[]>;
  embedBroken: boolean;
  /** Set when embeddings failed during the proposal in progress. */
  embedFailedNow: boolean;
}

export interface MemoryIndexOptions {
  memory: MemoryLevel;
  /** From ASC on: show the best and worst rated suggestions in similar moments. */
  examples: boolean;
  signal?: AbortSignal;
}

export function createMemoryIndex(engine: LlmEngine, opts: MemoryIndexOptions) {
  const level = opts.memory;
  /** Memory with scores (ASC and up): the prompt says so and shows rated examples. */
  const scored = level !== 'none' && atLeast(level, 'ASC');
  const transient = new WeakMap<LlmAssistantState, Transient>();
  const useEmbeddings = engine.info.embeddings && typeof engine.embed === 'function';

  const indexes = (state: LlmAssistantState): Transient => {
    let t = transient.get(state);
    if (!t) {
      t = {
        lexical: new LexicalIndex(),
        texts: [],
        retriever: new GroupedRetriever(),
        byKind: new Map(),
        vectors: new Map(),
        embedBroken: false,
        embedFailedNow: false,
      };
      state.memory.records.forEach((r, i) => index(t as Transient, r, i));
      transient.set(state, t);
    }
    return t;
  };
  const textId = (t: Transient, text: string): number => {
    const id = t.lexical.idOf(text);
    if (id === t.texts.length) t.texts.push(text);
    return id;
  };
  function index(t: Transient, r: MemoryRecord, i: number): void {
    t.retriever.append(textId(t, r.action));
    const list = t.byKind.get(r.kind) ?? [];
    list.push(i);
    t.byKind.set(r.kind, list);
  }

  const relevance = async (t: Transient, query: string): Promise<Map<number, number>> => {
    if (useEmbeddings && !t.embedBroken && engine.embed) {
      const missing = [...new Set([...t.texts, query])].filter((x) => !t.vectors.has(x));
      try {
        if (missing.length) {
          const vs = await engine.embed(missing, opts.signal);
          missing.forEach((x, i) => t.vectors.set(x, vs[i] ?? []));
        }
        const q = t.vectors.get(query) ?? [];
        const out = new Map<number, number>();
        t.texts.forEach((x, id) => out.set(id, cosine(q, t.vectors.get(x) ?? [])));
        return out;
      } catch (err) {
        if (pauseReason(err) !== null) throw err;
        t.embedBroken = true; // BM25 from now on (counted in learn)
        t.embedFailedNow = true;
      }
    }
    return t.lexical.scores(query);
  };

  const retrieve = async (
    state: LlmAssistantState,
    obs: AssistantObservation,
  ): Promise<RetrievalResult | null> => {
    if (level === 'none' || state.memory.records.length === 0) return null;
    const t = indexes(state);
    return t.retriever.retrieve(await relevance(t, obs.actionText));
  };

  /** Best and worst rated moments like this one (ASC and up). */
  const examples = (
    state: LlmAssistantState,
    obs: AssistantObservation,
    exclude: ReadonlySet<number>,
  ): string[] => {
    if (!opts.examples || !scored) return [];
    const list = (indexes(state).byKind.get(seenKind(obs)) ?? []).filter((i) => !exclude.has(i));
    const recs = list.map((i) => ({ i, r: state.memory.records[i] as MemoryRecord }));
    const best = recs
      .filter((x) => x.r.suggestion && (x.r.score ?? 0) >= 3)
      .sort((a, b) => (b.r.score ?? 0) - (a.r.score ?? 0) || b.i - a.i)
      .slice(0, 2);
    const worst = recs
      .filter((x) => (x.r.score ?? 4) <= 2)
      .sort((a, b) => (a.r.score ?? 0) - (b.r.score ?? 0) || b.i - a.i)
      .slice(0, 2);
    const lines: string[] = [];
    if (best.length)
      lines.push('Best rated in moments like this:', ...best.map((x) => `- ${recordLine(x.r)}`));
    if (worst.length)
      lines.push('Worst rated in moments like this:', ...worst.map((x) => `- ${recordLine(x.r)}`));
    return lines;
  };

  return { indexes, index, retrieve, examples, scored, useEmbeddings };
}
