/**
 * The LLM assistant: ProPerAssistant's prompt, answered by a model. It never
 * sees the persona or the rubric. Its prompt is `[MEMORY]` — the memory at
 * the chosen level (A / AS / ASC / ASCR) with hourly and 4-hour summaries
 * and the retrieved records (the 4 most recent plus the top 3 by recency,
 * relevance and importance; relevance by embeddings when the engine has
 * them, else BM25), and from ASC on the best and worst rated moments like
 * this one — then `[ACTION]`, the time and the action as it sees it
 * ("walking" while walking). It answers with two candidates per step (one
 * call asking for two, or two calls), each a suggestion with a topic and a
 * tone from our vocabulary, or silence. A reply that cannot be read is
 * silence.
 *
 * It learns in context (its memory grows, with the judge's scores from ASC
 * on) and keeps the preference pairs for an offline DPO trainer. With a
 * timing gate — the built-in ProPerAssistant's learned policy — the policy
 * decides when to speak and the model writes the words: the delivered
 * candidate speaks only when the gate's pSpeak ≥ 0.5, and the probe
 * candidate follows the gate's exploring sample, so the gate keeps
 * learning (trained with DPO each morning, as built in).
 */
import { z } from 'zod';
import type {
  AssistantAgent,
  AssistantFeedback,
  AssistantObservation,
  Proposal,
} from '../../core/agents';
import type { Rng } from '../../core/rng';
import { SILENT, type Candidate } from '../../core/suggestion';
import { formatHhmm } from '../../core/time';
import { CRITERIA, TONES, TOPICS, type Tone, type Topic } from '../../core/vocab';
import type { LlmEngine } from '../../llm/engine';
import { type ProperaState, type createPropera } from '../propera/assistant';
import { SPARSE_SIZE } from '../propera/features';
import {
  atLeast,
  memoryText,
  newMemory,
  summarise,
  trimToLevel,
  type AssistantMemory,
  type MemoryLevel,
  type MemoryRecord,
} from '../propera/memory';
import {
  distribution,
  itemsForSeen,
  SILENT_CHOICE,
  type Choice,
  type Features,
  type SeenKind,
} from '../propera/policy';
import { GroupedRetriever, LexicalIndex, type RetrievalResult } from '../propera/retrieval';
import { askJson, pauseReason } from './call';

export type ProperaAgent = ReturnType<typeof createPropera>;

export interface TimingGate {
  /** The built-in ProPerAssistant whose learned policy decides when to speak. */
  agent: ProperaAgent;
  /** A trained state to start from (copied); a fresh one when absent. */
  state?: ProperaState;
  /** Keep training the gate from this run's judgements (default true). */
  learn?: boolean;
  /** Speak when pSpeak is at least this (default 0.5). */
  threshold?: number;
}

export interface LlmAssistantOptions {
  id: string;
  label: string;
  memory: MemoryLevel;
  /** 'one-call': one call asks for both candidates; 'two-calls': two samples, as the reference. */
  candidates: 'one-call' | 'two-calls';
  temperature: number;
  maxTokens: number;
  /** From ASC on: show the best and worst rated suggestions in similar moments. */
  examples: boolean;
  gate?: TimingGate;
  signal?: AbortSignal;
}

export interface StoredLlmPair {
  day: number;
  prompt: string;
  chosen: string;
  rejected: string;
}

export interface LlmAssistantState {
  memory: AssistantMemory;
  pairs: StoredLlmPair[];
  /** The timing gate's own state (a ProperaState), when gated. */
  gate: ProperaState | null;
  stats: { proposals: number; fallbacks: number; gateSilent: number; embedFallbacks: number };
}

/** What `propose` hands to `learn` through the loop (the state is not touched in between). */
export interface LlmProposalMemo {
  prompt: string;
  /** 'model' answered, 'fallback' when the reply was unusable, 'gate' when the gate kept silent. */
  source: 'model' | 'fallback' | 'gate';
  pSpeak: number | null;
  /** The gate's own memo (its features and sampled choices). */
  gate: GateMemo | null;
  /** Embeddings failed at this step: BM25 was used. */
  embedFailed: boolean;
}

export interface LlmProposal extends Proposal {
  memo: LlmProposalMemo;
}

export type LlmAssistantAgent = Omit<AssistantAgent<LlmAssistantState>, 'propose'> & {
  propose(
    state: LlmAssistantState,
    obs: AssistantObservation,
    rng: Rng,
    count: number,
  ): Promise<LlmProposal>;
  memoryLevel: MemoryLevel;
  gated: boolean;
};

/** The part of ProPerAssistant's proposal memo the gate reads back. */
interface GateMemo {
  x: Features;
  choices: Choice[];
  prompt: string;
}

/** Candidates as the model writes them: lenient, mapped onto our vocabulary afterwards. */
const LenientCandidate = z.object({
  decision: z.string().optional().default(''),
  suggestion: z.string().nullable().optional(),
  topic: z.string().nullable().optional(),
  tone: z.string().nullable().optional(),
});
export const AssistantReplySchema = z.preprocess(
  (v) => {
    if (Array.isArray(v)) return { candidates: v };
    if (
      v &&
      typeof v === 'object' &&
      !('candidates' in v) &&
      ('decision' in v || 'suggestion' in v)
    )
      return { candidates: [v] };
    return v;
  },
  z.object({ candidates: z.array(LenientCandidate).min(1) }),
);
type LenientCandidate = z.infer<typeof LenientCandidate>;

const requestSchemas = new Map<number, z.ZodType>();
/** What the model is asked for: exactly `n` candidates. */
export function assistantRequestSchema(n: number): z.ZodType {
  let s = requestSchemas.get(n);
  if (!s) {
    s = z.object({
      candidates: z
        .array(
          z.object({
            decision: z.enum(['recommend', 'silent']),
            suggestion: z.string().nullable(),
            topic: z.enum(TOPICS).nullable(),
            tone: z.enum(TONES).nullable(),
          }),
        )
        .min(n)
        .max(n),
    });
    requestSchemas.set(n, s);
  }
  return s;
}

const TOPIC_SET = new Set<string>(TOPICS);
const TONE_SET = new Set<string>(TONES);

function pickWord<T extends string>(
  value: string | null | undefined,
  set: Set<string>,
  all: readonly T[],
  fallbackText: string,
  fallback: T,
): T {
  const v = (value ?? '').toLowerCase().trim().replace(/\s+/g, '-');
  if (set.has(v)) return v as T;
  const inValue = all.find((w) => v.includes(w));
  if (inValue) return inValue;
  const text = fallbackText.toLowerCase();
  return all.find((w) => new RegExp(`\\b${w.replace('-', '[- ]')}\\b`).test(text)) ?? fallback;
}

/** A model's candidate as ours: silence unless it says what to recommend. */
export function toCandidate(c: LenientCandidate): Candidate {
  const text = (c.suggestion ?? '').trim().replace(/\s+/g, ' ');
  const d = c.decision.toLowerCase();
  const speaks = /recommend|speak|suggest/.test(d) || (d.trim() === '' && text !== '');
  if (!speaks || /silen/.test(d) || text === '' || /^no recommendation\.?$/i.test(text))
    return SILENT;
  return {
    kind: 'recommend',
    suggestion: {
      text: text.slice(0, 300),
      topic: pickWord<Topic>(c.topic, TOPIC_SET, TOPICS, text, 'self-care'),
      tone: pickWord<Tone>(c.tone, TONE_SET, TONES, '', 'friendly'),
    },
  };
}

function candidateJson(c: Candidate): string {
  return c.kind === 'silent'
    ? JSON.stringify({ decision: 'silent', suggestion: null, topic: null, tone: null })
    : JSON.stringify({
        decision: 'recommend',
        suggestion: c.suggestion.text,
        topic: c.suggestion.topic,
        tone: c.suggestion.tone,
      });
}

function seenKind(obs: AssistantObservation): SeenKind {
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
interface Transient {
  lexical: LexicalIndex;
  texts: string[];
  retriever: GroupedRetriever;
  byKind: Map<SeenKind, number[]>;
  vectors: Map<string, number[]>;
  embedBroken: boolean;
  /** Set when embeddings failed during the proposal in progress. */
  embedFailedNow: boolean;
}

const SYSTEM_BASE =
  'You are a proactive assistant in a home. At each moment you see only what the person is doing ' +
  'now and your memory of earlier moments. You never see who they are: learn it from your memory.';

export function createLlmAssistant(
  engine: LlmEngine,
  options: Partial<LlmAssistantOptions> = {},
): LlmAssistantAgent {
  const opts: LlmAssistantOptions = {
    id: 'llm',
    label: 'LLM assistant (AS memory)',
    memory: 'AS',
    candidates: 'one-call',
    temperature: 0.8,
    maxTokens: 350,
    examples: true,
    ...options,
  };
  const level = opts.memory;
  const gate = opts.gate;
  const threshold = gate?.threshold ?? 0.5;
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

  const promptFor = async (
    state: LlmAssistantState,
    obs: AssistantObservation,
  ): Promise<string> => {
    const found = await retrieve(state, obs);
    const picked = found ? [...found.recent, ...found.top.map((r) => r.index)] : [];
    const mem = memoryText(state.memory, picked);
    const ex = examples(state, obs, new Set(picked));
    return [
      '[MEMORY]',
      mem || '(empty)',
      ...ex,
      '[ACTION]',
      `Day ${obs.day} ${formatHhmm(obs.minute)}: ${obs.actionText}`,
    ].join('\n');
  };

  const systemFor = (n: number, mustSpeak: boolean): string => {
    const lines = [
      SYSTEM_BASE,
      scored
        ? `Your memory shows how each suggestion was scored (0–4${level === 'ASCR' ? ', with the reasons' : ''}): do more of what scored well.`
        : '',
      mustSpeak
        ? `It is a good moment to speak: write ${n === 1 ? 'one suggestion' : `${n} different suggestions`} for it.`
        : 'Decide whether to speak. Speaking too often annoys; staying silent ("No Recommendation") is often right.',
      'A suggestion is one short, concrete, kind sentence (at most 30 words) that fits the moment.',
      `"topic" is one of: ${TOPICS.join(', ')}. "tone" is one of: ${TONES.join(', ')}.`,
      `Reply with one JSON object only: {"candidates": [${n === 1 ? 'one candidate' : `${n} different candidates`}]}, each ` +
        '{"decision": "recommend" or "silent", "suggestion": text or null, "topic": … or null, "tone": … or null}.',
    ];
    return lines.filter(Boolean).join('\n');
  };

  /** Ask the model for `n` candidates (one call, or n calls of one); silence where it fails. */
  const ask = async (
    prompt: string,
    n: number,
    mustSpeak: boolean,
  ): Promise<Candidate[] | null> => {
    const one = async (k: number): Promise<Candidate[] | null> => {
      const got = await askJson({
        engine,
        messages: [
          { role: 'system', content: systemFor(k, mustSpeak) },
          { role: 'user', content: prompt },
        ],
        schema: AssistantReplySchema,
        requestSchema: assistantRequestSchema(k),
        name: 'candidates',
        what: "the assistant's candidates",
        temperature: opts.temperature,
        maxTokens: opts.maxTokens * k,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      return got.ok ? got.value.candidates.slice(0, k).map(toCandidate) : null;
    };
    if (opts.candidates === 'two-calls' && n > 1) {
      const parts = await Promise.all(Array.from({ length: n }, () => one(1)));
      if (parts.every((p) => p === null)) return null;
      return parts.map((p) => p?.[0] ?? SILENT);
    }
    const got = await one(n);
    if (!got) return null;
    // Too few candidates: silence first, so the model's own answer is the one delivered.
    while (got.length < n) got.unshift(SILENT);
    return got;
  };

  /** Map a judged candidate onto a gate choice (so the gate learns from the model's words). */
  const gateChoice = (kind: SeenKind, c: Candidate, sampled: Choice): Choice => {
    if (c.kind === 'silent') return SILENT_CHOICE;
    const items = itemsForSeen(kind);
    if (items.length === 0) return SILENT_CHOICE;
    const s = c.suggestion;
    let i = items.findIndex((it) => it.topic === s.topic && it.tone === s.tone);
    if (i < 0) i = items.findIndex((it) => it.topic === s.topic);
    if (i < 0) i = sampled >= 0 && sampled < items.length ? sampled : 0;
    return i;
  };

  const agent: LlmAssistantAgent = {
    id: opts.id,
    label: opts.label,
    candidatesPerStep: 2,
    memoryLevel: level,
    gated: Boolean(gate),

    init: (rng: Rng) => ({
      memory: newMemory(level),
      pairs: [],
      gate: gate ? (gate.state ? structuredClone(gate.state) : gate.agent.init(rng)) : null,
      stats: { proposals: 0, fallbacks: 0, gateSilent: 0, embedFallbacks: 0 },
    }),

    startDay(state, day, rng) {
      if (gate && state.gate && gate.learn !== false) gate.agent.startDay(state.gate, day, rng);
    },

    async propose(state, obs, rng, count) {
      const t = indexes(state);
      t.embedFailedNow = false;
      const prompt = await promptFor(state, obs);
      const memo: LlmProposalMemo = {
        prompt,
        source: 'model',
        pSpeak: null,
        gate: null,
        embedFailed: t.embedFailedNow,
      };
      let speak: boolean[] = Array.from({ length: count }, () => true);
      if (gate && state.gate) {
        const proposed = await gate.agent.propose(state.gate, obs, rng, count);
        const gp = Array.isArray(proposed) ? { candidates: proposed } : proposed;
        memo.gate = (gp.memo as GateMemo | undefined) ?? null;
        const x = memo.gate?.x;
        const pSpeak = x ? distribution(state.gate.params, x, SPARSE_SIZE).pSpeak : 0;
        memo.pSpeak = pSpeak;
        // The delivered (last) candidate follows the policy; the probe follows its exploring sample.
        speak = Array.from({ length: count }, (_, i) =>
          i === count - 1 ? pSpeak >= threshold : gp.candidates[i]?.kind === 'recommend',
        );
      }
      const silence = (): Candidate[] => Array.from({ length: count }, () => SILENT);
      const n = speak.filter(Boolean).length;
      if (n === 0) return { candidates: silence(), memo: { ...memo, source: 'gate' } };
      const words = await ask(prompt, n, Boolean(gate));
      if (!words) return { candidates: silence(), memo: { ...memo, source: 'fallback' } };
      if (!gate) return { candidates: words, memo };
      let k = 0;
      return { candidates: speak.map((on) => (on ? (words[k++] ?? SILENT) : SILENT)), memo };
    },

    learn(state, fb: AssistantFeedback, rng) {
      const pending = fb.memo as LlmProposalMemo | undefined;
      if (pending) {
        state.stats.proposals++;
        if (pending.source === 'fallback') state.stats.fallbacks++;
        if (pending.source === 'gate') state.stats.gateSilent++;
        if (pending.embedFailed) state.stats.embedFallbacks++;
      }
      const delivered = fb.judged[fb.delivered];
      if (!delivered) return;
      const kind = seenKind(fb.obs);
      if (level !== 'none') {
        const j = delivered.judgement;
        const record = trimToLevel(level, {
          day: fb.obs.day,
          minute: fb.obs.minute,
          action: fb.obs.actionText,
          kind,
          suggestion:
            delivered.candidate.kind === 'recommend'
              ? {
                  text: delivered.candidate.suggestion.text,
                  topic: delivered.candidate.suggestion.topic,
                  tone: delivered.candidate.suggestion.tone,
                }
              : null,
          score: j.score,
          reasons: CRITERIA.filter((c) => !j.criteria[c].pass).map((c) => j.criteria[c].reason),
        });
        const t = indexes(state);
        state.memory.records.push(record);
        index(t, record, state.memory.records.length - 1);
        const hourNow = Math.floor(fb.obs.minute / 60);
        const hourNext = Math.floor((fb.obs.minute + fb.obs.ctx.stepMinutes) / 60);
        if (hourNext !== hourNow) {
          state.memory.summaries.push(
            summarise(state.memory.records.slice(-40), fb.obs.day, hourNow, 1),
          );
          if ((hourNow + 1) % 4 === 0) {
            state.memory.summaries.push(
              summarise(state.memory.records.slice(-120), fb.obs.day, hourNow - 3, 4),
            );
          }
        }
      }
      if (fb.pair && pending) {
        const chosen = fb.judged[fb.pair.chosen];
        const rejected = fb.judged[fb.pair.rejected];
        if (chosen && rejected) {
          state.pairs.push({
            day: fb.obs.day,
            prompt: pending.prompt,
            chosen: candidateJson(chosen.candidate),
            rejected: candidateJson(rejected.candidate),
          });
        }
      }
      if (gate && state.gate && gate.learn !== false) {
        // The gate learns from the judged candidates, mapped onto its own choices.
        const gm = pending?.gate;
        const memo =
          gm && gm.choices.length === fb.judged.length
            ? {
                ...gm,
                choices: fb.judged.map((jc, i) =>
                  gateChoice(kind, jc.candidate, gm.choices[i] ?? SILENT_CHOICE),
                ),
              }
            : undefined;
        gate.agent.learn(state.gate, { ...fb, memo }, rng);
      }
    },

    explain(state, obs) {
      const t = level === 'none' ? null : indexes(state);
      const found =
        t && state.memory.records.length
          ? t.retriever.retrieve(t.lexical.scores(obs.actionText))
          : null;
      const picked = found ? [...found.recent, ...found.top.map((r) => r.index)] : [];
      return {
        memoryLevel: level,
        gated: Boolean(gate),
        retrieval: useEmbeddings && t && !t.embedBroken ? 'embeddings' : 'bm25',
        memory: memoryText(state.memory, picked),
        stats: { ...state.stats },
      };
    },

    exportPairs: (state) =>
      state.pairs.map((p) => ({ prompt: p.prompt, chosen: p.chosen, rejected: p.rejected })),
  };
  if (gate) {
    agent.trainingLog = (state) => (state.gate ? gate.agent.trainingLog(state.gate) : []);
  }
  return agent;
}
