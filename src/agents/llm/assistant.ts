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
import type {
  AssistantAgent,
  AssistantFeedback,
  AssistantObservation,
  Proposal,
  UnjudgedFeedback,
} from '../../core/agents';
import type { Rng } from '../../core/rng';
import { SILENT, type Candidate } from '../../core/suggestion';
import { formatHhmm } from '../../core/time';
import { CRITERIA, TONES, TOPICS } from '../../core/vocab';
import type { LlmEngine } from '../../llm/engine';
import { type ProperaState, type createPropera } from '../propera/assistant';
import { SPARSE_SIZE } from '../propera/features';
import {
  memoryText,
  newMemory,
  summarise,
  trimToLevel,
  type AssistantMemory,
  type MemoryLevel,
} from '../propera/memory';
import {
  distribution,
  itemsForSeen,
  SILENT_CHOICE,
  type Choice,
  type Features,
  type SeenKind,
} from '../propera/policy';
import { createMemoryIndex, seenKind } from './assistant-memory';
import {
  AssistantReplySchema,
  assistantRequestSchema,
  candidateJson,
  toCandidate,
} from './assistant-reply';
import { askJson } from './call';

export { AssistantReplySchema, assistantRequestSchema, toCandidate } from './assistant-reply';

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
  const memory = createMemoryIndex(engine, {
    memory: level,
    examples: opts.examples,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const { indexes, index, retrieve, examples, scored, useEmbeddings } = memory;

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

  const countProposal = (state: LlmAssistantState, memo: LlmProposalMemo | undefined): void => {
    if (!memo) return;
    state.stats.proposals++;
    if (memo.source === 'fallback') state.stats.fallbacks++;
    if (memo.source === 'gate') state.stats.gateSilent++;
    if (memo.embedFailed) state.stats.embedFallbacks++;
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
      countProposal(state, pending);
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

    observe(state, fb: UnjudgedFeedback, rng) {
      // Unscored: counted, but no memory record (its scores are what memory teaches) and no pair.
      countProposal(state, fb.memo as LlmProposalMemo | undefined);
      if (gate && state.gate && gate.learn !== false)
        gate.agent.observe?.(state.gate, { ...fb, memo: undefined }, rng);
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
