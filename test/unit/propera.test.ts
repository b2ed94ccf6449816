import { describe, expect, it } from 'vitest';
import { createPropera } from '../../src/agents/propera/assistant';
import { atLeast, newMemory, trimToLevel } from '../../src/agents/propera/memory';
import {
  distribution,
  dpoLoss,
  itemsForSeen,
  logProb,
  newAdam,
  newParams,
  SILENT_CHOICE,
  trainDpo,
  type Features,
  type PreferencePair,
} from '../../src/agents/propera/policy';
import { GroupedRetriever, LexicalIndex, retrieve } from '../../src/agents/propera/retrieval';
import {
  buildFeatures,
  DENSE_SIZE,
  newTracker,
  SPARSE_SIZE,
} from '../../src/agents/propera/features';
import { TOPICS } from '../../src/core/vocab';
import { builtinUser } from '../../src/agents/user/builtin';
import { Rng } from '../../src/core/rng';
import { createRun, dispatch } from '../../src/core/sim';
import { fixturePersona } from './helpers';

describe('retrieval', () => {
  it('returns the 4 most recent and the top 3 of the rest by 0.5·recency + 3·relevance + 2·importance', () => {
    const rel = [0, 1, 0, 0.5, 0, 0, 0, 0, 0, 0];
    const r = retrieve(rel.length, (i) => rel[i]!);
    expect(r.recent).toEqual([6, 7, 8, 9]);
    expect(r.top.map((t) => t.index)).toEqual([1, 3, 5]);
    // Normalised: the best relevance is 1, the newest of the rest has the highest recency among them.
    expect(r.top[0]!.relevance).toBe(1);
    expect(r.top[0]!.score).toBeCloseTo(0.5 * r.top[0]!.recency + 3 * 1, 10);
  });

  it('recency decays by 0.995 per record and is min-max normalised', () => {
    const r = retrieve(10, () => 0);
    // With no relevance signal the most recent of the rest wins.
    expect(r.top.map((t) => t.index)).toEqual([5, 4, 3]);
    const expected = (0.995 ** 4 - 0.995 ** 9) / (1 - 0.995 ** 9);
    expect(r.top[0]!.recency).toBeCloseTo(expected, 12);
  });

  it('the grouped fast path gives the same answer as the definition, with BM25 relevance', () => {
    const rng = Rng.fromSeed(11);
    const texts = [
      'cook dinner',
      'work on the report',
      'water the plants',
      'cook lunch',
      'read a book',
      'walking',
      'listen to jazz records',
    ];
    const index = new LexicalIndex();
    const grouped = new GroupedRetriever();
    const records: string[] = [];
    for (let n = 0; n < 300; n++) {
      const t = rng.pick(texts);
      records.push(t);
      grouped.append(index.idOf(t));
      if (n % 37 === 0 || n === 299) {
        for (const query of ['cook', 'report work', 'plants', 'nothing matches']) {
          const scores = index.scores(query);
          const fast = grouped.retrieve(scores);
          const slow = retrieve(records.length, (i) => scores.get(index.idOf(records[i]!)) ?? 0);
          expect(fast.recent).toEqual(slow.recent);
          expect(fast.top.map((t) => t.index)).toEqual(slow.top.map((t) => t.index));
          fast.top.forEach((t, k) => expect(t.score).toBeCloseTo(slow.top[k]!.score, 9));
        }
      }
    }
    // BM25 ranks the matching action above the others.
    const s = index.scores('cook');
    expect(s.get(index.idOf('cook dinner'))).toBeGreaterThan(0);
    expect(s.get(index.idOf('read a book')) ?? 0).toBe(0);
  });
});

describe('memory levels', () => {
  it('keep action, suggestion, score and reasons by level', () => {
    const full = {
      day: 1,
      minute: 600,
      action: 'cook',
      kind: 'cooking' as const,
      suggestion: null,
      score: 3,
      reasons: ['too rare'],
    };
    expect(trimToLevel('A', full)).toEqual({
      day: 1,
      minute: 600,
      action: 'cook',
      kind: 'cooking',
    });
    expect(trimToLevel('AS', full)).toHaveProperty('suggestion', null);
    expect(trimToLevel('AS', full)).not.toHaveProperty('score');
    expect(trimToLevel('ASC', full)).toHaveProperty('score', 3);
    expect(trimToLevel('ASCR', full)).toHaveProperty('reasons', ['too rare']);
    expect(atLeast('ASC', 'AS')).toBe(true);
    expect(atLeast('A', 'AS')).toBe(false);
    expect(newMemory('AS').records).toEqual([]);
  });
});

describe('DPO on the log-linear policy', () => {
  const shape = { sparseSize: 4, denseSize: 0 };
  // Feature 1: "a good moment", feature 2: "a bad moment".
  const good: Features = { sparse: [0, 1], dense: [], kind: 'cooking' };
  const bad: Features = { sparse: [0, 2], dense: [], kind: 'cooking' };

  it('log-probabilities of all choices sum to one', () => {
    const p = newParams(shape, 0.3);
    p.item[5] = 1.2;
    const d = distribution(p, good, shape.sparseSize);
    let total = Math.exp(logProb(p, good, SILENT_CHOICE, shape.sparseSize));
    for (let i = 0; i < d.itemProbs.length; i++)
      total += Math.exp(logProb(p, good, i, shape.sparseSize));
    expect(total).toBeCloseTo(1, 10);
  });

  it('learns from pairs: speaks more at good moments, less at bad ones, and the loss falls', () => {
    const p = newParams(shape, 0);
    const ref = newParams(shape, 0);
    const pairs: PreferencePair[] = [];
    for (let i = 0; i < 100; i++) {
      pairs.push({ x: good, chosen: 0, rejected: SILENT_CHOICE });
      pairs.push({ x: bad, chosen: SILENT_CHOICE, rejected: 0 });
    }
    const before = {
      good: distribution(p, good, 4).pSpeak,
      bad: distribution(p, bad, 4).pSpeak,
    };
    const report = trainDpo(
      p,
      ref,
      newAdam(p),
      pairs,
      { beta: 0.1, epochs: 2, batchSize: 8, learningRate: 0.05, weightDecay: 0 },
      4,
      Rng.fromSeed(1),
    );
    expect(report.lossBefore).toBeCloseTo(Math.log(2), 6);
    expect(report.lossAfter).toBeLessThan(report.lossBefore);
    expect(report.accuracy).toBe(1);
    expect(distribution(p, good, 4).pSpeak).toBeGreaterThan(before.good + 0.2);
    expect(distribution(p, bad, 4).pSpeak).toBeLessThan(before.bad - 0.2);
    // The chosen item gains probability among items.
    expect(distribution(p, good, 4).itemProbs[0]).toBeGreaterThan(
      distribution(ref, good, 4).itemProbs[0]!,
    );
    expect(
      dpoLoss(
        p,
        pairs,
        pairs.map((x) => [logProb(ref, x.x, x.chosen, 4), logProb(ref, x.x, x.rejected, 4)]),
        0.1,
        4,
      ),
    ).toBeCloseTo(report.lossAfter, 10);
  });
});

describe('conservative DPO', () => {
  const shape = { sparseSize: 4, denseSize: 0 };
  const x: Features = { sparse: [0, 1], dense: [], kind: 'cooking' };
  const train = (eps: number, rounds: number) => {
    const p = newParams(shape, 0);
    const ref = newParams(shape, 0);
    const adam = newAdam(p);
    const pairs: PreferencePair[] = Array.from({ length: 40 }, () => ({
      x,
      chosen: SILENT_CHOICE,
      rejected: 0,
    }));
    const opts = {
      beta: 0.1,
      epochs: 2,
      batchSize: 8,
      learningRate: 0.05,
      weightDecay: 0,
      labelSmoothing: eps,
    };
    for (let r = 0; r < rounds; r++) trainDpo(p, ref, adam, pairs, opts, 4, Rng.fromSeed(r));
    const margin =
      logProb(p, x, SILENT_CHOICE, 4) -
      logProb(ref, x, SILENT_CHOICE, 4) -
      (logProb(p, x, 0, 4) - logProb(ref, x, 0, 4));
    return margin;
  };

  it('plain DPO keeps pushing one-sided pairs further; label smoothing stops at log((1−ε)/ε)/β', () => {
    const plain = [train(0, 20), train(0, 60)];
    expect(plain[1]!).toBeGreaterThan(plain[0]! + 5);
    const eps = 0.15;
    const bound = Math.log((1 - eps) / eps) / 0.1;
    const smoothed = train(eps, 200);
    expect(smoothed).toBeGreaterThan(bound * 0.8);
    expect(smoothed).toBeLessThan(bound * 1.2);
    expect(plain[1]!).toBeGreaterThan(smoothed);
  });
});

describe('what the assistant observes', () => {
  it('the weekday, and the age of its own recent topics and items (AS memory and up)', () => {
    const t = newTracker(9, [
      { day: 8, minute: 700, topic: 'recipes', key: itemsForSeen('cooking')[0]!.id },
      { day: 9, minute: 600, topic: 'nutrition', key: 'elsewhere' },
    ]);
    const obs = { day: 9, minute: 640, actionText: 'cook lunch' };
    const as = buildFeatures('AS', t, obs, 'cooking', null);
    const a = buildFeatures('A', t, obs, 'cooking', null);
    // Day 9 is a Tuesday (day 1 a Monday); day 13 a Saturday: different weekday features.
    const sat = buildFeatures('AS', t, { ...obs, day: 13 }, 'cooking', null);
    expect(as.sparse[2]).not.toBe(sat.sparse[2]);
    expect(as.topicAge).toEqual([[TOPICS.indexOf('nutrition'), 0]]);
    expect(as.itemAge).toEqual([[0, 1]]);
    // A memory does not remember what it said.
    expect(a.topicAge).toBeUndefined();
    expect(a.itemAge).toBeUndefined();
    expect(a.sparse.length).toBeLessThan(as.sparse.length);
    expect(buildFeatures('none', t, obs, 'cooking', null).sparse).toHaveLength(4);
  });

  it('an item it said yesterday can be learned as stale: its age feature moves its logit', () => {
    const p = newParams({ sparseSize: SPARSE_SIZE, denseSize: DENSE_SIZE }, 0);
    const x: Features = { sparse: [0], dense: [], kind: 'cooking', itemAge: [[0, 1]] };
    const before = distribution(p, x, SPARSE_SIZE).itemProbs[0]!;
    // Penalise "said yesterday" (the last three item weights are the item-age buckets).
    p.item[p.item.length - 2] = -3;
    const after = distribution(p, x, SPARSE_SIZE).itemProbs[0]!;
    expect(after).toBeLessThan(before / 5);
  });
});

describe('ProPerAssistant', () => {
  it('never sees the persona: its state holds nothing of the persona or rubric', () => {
    const persona = fixturePersona();
    const a = createPropera({ id: 't', label: 't', memory: 'ASCR' });
    const agents = { user: builtinUser, assistant: a };
    const run = createRun(persona, agents, { seed: '2', days: 2 });
    dispatch(run, agents, { type: 'advance', steps: 2 * 576 });
    const text = JSON.stringify(run.assistant);
    expect(text).not.toContain(persona.name);
    expect(text).not.toContain(persona.rubric.timing.prose);
  });

  it('speaks at most steps on day 1, collects pairs, trains at the start of day 2 and exports pairs', () => {
    const persona = fixturePersona();
    const a = createPropera({ id: 't', label: 't', memory: 'AS' });
    const agents = { user: builtinUser, assistant: a };
    const run = createRun(persona, agents, { seed: '3', days: 2 });
    dispatch(run, agents, { type: 'advance', steps: 576 + 1 });
    const day1 = run.days[0]!;
    expect(day1.recommendations / day1.scoredSteps).toBeGreaterThan(0.75);
    expect(run.assistant.pairs.length).toBeGreaterThan(100);
    expect(run.assistant.training).toHaveLength(1);
    expect(run.assistant.training[0]!.pairs).toBe(200);
    expect(run.assistant.training[0]!.lossAfter).toBeLessThan(
      run.assistant.training[0]!.lossBefore,
    );
    const exported = a.exportPairs(run.assistant);
    expect(exported.length).toBe(run.assistant.pairs.length);
    expect(exported[0]!.prompt).toMatch(/\[MEMORY\][\s\S]*\[ACTION\]/);
    expect(JSON.parse(exported[0]!.chosen)).toHaveProperty('decision');
    expect(exported[0]!.chosen).not.toBe(exported[0]!.rejected);
  });
});
