/**
 * The built-in assistant's learnable policy: a log-linear model over
 * "stay silent" and the catalogue suggestions for the action it sees.
 *
 *   π(speak | x)  = σ(w · ψ(x))                       when to speak
 *   π(item i | x) = π(speak | x) · softmax_i(l_i)     what to say
 *   l_i           = u[kind, topic_i] + t[topic_i] + v[tone_i]
 *                   + a[age of topic_i among my recent suggestions]
 *                   + b[age of item i among my recent suggestions]   (variety)
 *
 * It is trained with the DPO objective on (chosen, rejected) pairs:
 *   L = −log σ(β · [(log π(y_w|x) − log π_ref(y_w|x)) − (log π(y_l|x) − log π_ref(y_l|x))])
 * with the reference policy frozen at the start of each day's training,
 * and optimised with Adam. Gradients are exact (the model is linear in
 * its parameters), so the loss and the parameters can be inspected.
 */
import { catalogueFor, type CatalogueItem } from '../../core/catalogue';
import type { Rng } from '../../core/rng';
import { ACTIVITY_KINDS, TONES, TOPICS, type ActivityKind } from '../../core/vocab';

/** Activity as the assistant sees it: walking hides the activity. */
export type SeenKind = ActivityKind | 'walking';
export const SEEN_KINDS: readonly SeenKind[] = [...ACTIVITY_KINDS, 'walking'];
const KIND_INDEX = new Map<SeenKind, number>(SEEN_KINDS.map((k, i) => [k, i]));
const TOPIC_INDEX = new Map(TOPICS.map((t, i) => [t, i]));
const TONE_INDEX = new Map(TONES.map((t, i) => [t, i]));

export function kindIndex(kind: SeenKind): number {
  return KIND_INDEX.get(kind) as number;
}

/** The suggestions the assistant can choose from for what it sees. */
export function itemsForSeen(kind: SeenKind): readonly CatalogueItem[] {
  return catalogueFor(kind === 'walking' ? 'relax' : kind);
}

/** A context: sparse one-hot feature indices plus a few dense values. */
export interface Features {
  sparse: number[];
  dense: number[];
  kind: SeenKind;
  /** [topic index, age bucket 0–2] of topics I suggested lately today. */
  topicAge?: [number, number][];
  /** [item index in itemsForSeen(kind), days ago 0–2] of items I suggested lately. */
  itemAge?: [number, number][];
}

/** A choice: -1 for silence, else the index into itemsForSeen(kind). */
export type Choice = number;
export const SILENT_CHOICE = -1;

export interface PolicyParams {
  /** Weights of the speak logit: sparse features, then dense. */
  speak: number[];
  /** Item logits: kind × topic, then topic, then tone. */
  item: number[];
}

export interface PolicyShape {
  sparseSize: number;
  denseSize: number;
}

const KT = SEEN_KINDS.length * TOPICS.length;
const AGE_BUCKETS = 3;
const TOPIC_AGE = KT + TOPICS.length + TONES.length;
const ITEM_AGE = TOPIC_AGE + AGE_BUCKETS;
export const ITEM_SIZE = ITEM_AGE + AGE_BUCKETS;

export function newParams(shape: PolicyShape, initialSpeakLogit: number): PolicyParams {
  const speak = new Array<number>(shape.sparseSize + shape.denseSize).fill(0);
  speak[0] = initialSpeakLogit; // feature 0 is the bias
  return { speak, item: new Array<number>(ITEM_SIZE).fill(0) };
}

const itemFeatureCache = new WeakMap<Features, number[][]>();

/**
 * The item features of every item for x's kind: the three base indices, plus
 * age features. Training asks for the same context's features many times, so
 * they are kept per Features object (which is never changed once built).
 */
function itemFeatures(x: Features): number[][] {
  let feats = itemFeatureCache.get(x);
  if (!feats) {
    feats = computeItemFeatures(x);
    itemFeatureCache.set(x, feats);
  }
  return feats;
}

function computeItemFeatures(x: Features): number[][] {
  const k = kindIndex(x.kind);
  const topicAge = new Map(x.topicAge ?? []);
  const itemAge = new Map(x.itemAge ?? []);
  return itemsForSeen(x.kind).map((item, j) => {
    const t = TOPIC_INDEX.get(item.topic) as number;
    const idx = [
      k * TOPICS.length + t,
      KT + t,
      KT + TOPICS.length + (TONE_INDEX.get(item.tone) as number),
    ];
    const ta = topicAge.get(t);
    if (ta !== undefined) idx.push(TOPIC_AGE + ta);
    const ia = itemAge.get(j);
    if (ia !== undefined) idx.push(ITEM_AGE + ia);
    return idx;
  });
}

const sigmoid = (z: number): number =>
  z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
const logSigmoid = (z: number): number =>
  z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));

export function speakLogit(p: PolicyParams, x: Features, sparseSize: number): number {
  let z = 0;
  for (const i of x.sparse) z += p.speak[i] as number;
  for (let j = 0; j < x.dense.length; j++)
    z += (p.speak[sparseSize + j] as number) * (x.dense[j] as number);
  return z;
}

function itemLogits(p: PolicyParams, x: Features, feats = itemFeatures(x)): number[] {
  const logits = new Array<number>(feats.length);
  for (let j = 0; j < feats.length; j++) {
    let sum = 0;
    // `?? 0`: a policy saved before the age features existed has a shorter item vector.
    for (const i of feats[j]!) sum += p.item[i] ?? 0;
    logits[j] = sum;
  }
  return logits;
}

function softmax(logits: number[]): number[] {
  const m = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export interface Distribution {
  pSpeak: number;
  /** Probability of each item given that it speaks. */
  itemProbs: number[];
}

export function distribution(p: PolicyParams, x: Features, sparseSize: number): Distribution {
  const z = speakLogit(p, x, sparseSize);
  const logits = itemLogits(p, x);
  return { pSpeak: sigmoid(z), itemProbs: logits.length ? softmax(logits) : [] };
}

export function sampleChoice(d: Distribution, rng: Rng): Choice {
  if (d.itemProbs.length === 0 || !rng.chance(d.pSpeak)) return SILENT_CHOICE;
  return rng.weighted(d.itemProbs);
}

export function logProb(p: PolicyParams, x: Features, choice: Choice, sparseSize: number): number {
  const z = speakLogit(p, x, sparseSize);
  if (choice === SILENT_CHOICE) return logSigmoid(-z);
  const logits = itemLogits(p, x);
  const m = Math.max(...logits);
  const lse = m + Math.log(logits.reduce((s, l) => s + Math.exp(l - m), 0));
  return logSigmoid(z) + (logits[choice] as number) - lse;
}

/** Add scale · ∇ log π(choice | x) into the gradient buffers. */
function addGradLogProb(
  p: PolicyParams,
  x: Features,
  choice: Choice,
  sparseSize: number,
  scale: number,
  gSpeak: number[],
  gItem: number[],
): void {
  const z = speakLogit(p, x, sparseSize);
  const s = sigmoid(z);
  // d/dz log σ(−z) = −σ(z); d/dz log σ(z) = 1 − σ(z)
  const dz = choice === SILENT_CHOICE ? -s : 1 - s;
  for (const i of x.sparse) gSpeak[i] = (gSpeak[i] as number) + scale * dz;
  for (let j = 0; j < x.dense.length; j++) {
    gSpeak[sparseSize + j] =
      (gSpeak[sparseSize + j] as number) + scale * dz * (x.dense[j] as number);
  }
  if (choice === SILENT_CHOICE) return;
  const feats = itemFeatures(x);
  const probs = softmax(itemLogits(p, x, feats));
  feats.forEach((idxs, j) => {
    const coef = scale * ((j === choice ? 1 : 0) - (probs[j] as number));
    if (coef === 0) return;
    for (const idx of idxs) gItem[idx] = (gItem[idx] ?? 0) + coef;
  });
}

export interface PreferencePair {
  x: Features;
  chosen: Choice;
  rejected: Choice;
}

export interface AdamState {
  t: number;
  m: { speak: number[]; item: number[] };
  v: { speak: number[]; item: number[] };
}

export function newAdam(p: PolicyParams): AdamState {
  return {
    t: 0,
    m: { speak: p.speak.map(() => 0), item: p.item.map(() => 0) },
    v: { speak: p.speak.map(() => 0), item: p.item.map(() => 0) },
  };
}

export interface DpoOptions {
  beta: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** L2 pull towards zero on the item weights and non-bias speak weights. */
  weightDecay: number;
  /**
   * Conservative DPO (cDPO): the share of pairs assumed flipped. 0 is plain
   * DPO, whose optimal margin is unbounded; ε > 0 bounds it at
   * log((1 − ε)/ε)/β, so a context that lost many noisy pairs can recover
   * when better pairs arrive.
   */
  labelSmoothing?: number;
}

export interface DpoReport {
  pairs: number;
  lossBefore: number;
  lossAfter: number;
  /** Share of pairs where the policy prefers the chosen answer (margin > 0) after training. */
  accuracy: number;
}

/** DPO loss of one pair given precomputed reference log-probabilities. */
function pairMargin(
  p: PolicyParams,
  pair: PreferencePair,
  refW: number,
  refL: number,
  sparseSize: number,
): number {
  return (
    logProb(p, pair.x, pair.chosen, sparseSize) -
    refW -
    (logProb(p, pair.x, pair.rejected, sparseSize) - refL)
  );
}

export function dpoLoss(
  p: PolicyParams,
  pairs: PreferencePair[],
  ref: [number, number][],
  beta: number,
  sparseSize: number,
  labelSmoothing = 0,
): number {
  if (pairs.length === 0) return 0;
  let sum = 0;
  pairs.forEach((pair, i) => {
    const [rw, rl] = ref[i] as [number, number];
    const z = beta * pairMargin(p, pair, rw, rl, sparseSize);
    sum += -(1 - labelSmoothing) * logSigmoid(z) - labelSmoothing * logSigmoid(-z);
  });
  return sum / pairs.length;
}

/**
 * Train `p` in place on `pairs` with DPO against the frozen reference policy
 * `refParams` (the untrained policy, as DPO's reference is the model before
 * preference tuning; re-freezing it every day would let the same pairs push
 * the policy further every day without end). Batches are shuffled with `rng`.
 */
export function trainDpo(
  p: PolicyParams,
  refParams: PolicyParams,
  adam: AdamState,
  pairs: PreferencePair[],
  opts: DpoOptions,
  sparseSize: number,
  rng: Rng,
): DpoReport {
  const ref: [number, number][] = pairs.map((pair) => [
    logProb(refParams, pair.x, pair.chosen, sparseSize),
    logProb(refParams, pair.x, pair.rejected, sparseSize),
  ]);
  const lossBefore = dpoLoss(p, pairs, ref, opts.beta, sparseSize, opts.labelSmoothing ?? 0);
  const order = pairs.map((_, i) => i);
  const b1 = 0.9;
  const b2 = 0.999;
  const eps = 1e-8;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    rng.shuffle(order);
    for (let start = 0; start < order.length; start += opts.batchSize) {
      const batch = order.slice(start, start + opts.batchSize);
      const gSpeak = p.speak.map(() => 0);
      const gItem = p.item.map(() => 0);
      for (const i of batch) {
        const pair = pairs[i] as PreferencePair;
        const [rw, rl] = ref[i] as [number, number];
        const zMargin = opts.beta * pairMargin(p, pair, rw, rl, sparseSize);
        // dL/dmargin = −β · σ(−z); we ascend log σ(z), so accumulate +β·σ(−z)·∇margin.
        const eps = opts.labelSmoothing ?? 0;
        const coef =
          (opts.beta * ((1 - eps) * sigmoid(-zMargin) - eps * sigmoid(zMargin))) / batch.length;
        addGradLogProb(p, pair.x, pair.chosen, sparseSize, coef, gSpeak, gItem);
        addGradLogProb(p, pair.x, pair.rejected, sparseSize, -coef, gSpeak, gItem);
      }
      adam.t++;
      const step = (
        params: number[],
        grad: number[],
        m: number[],
        v: number[],
        decayFrom: number,
      ) => {
        for (let k = 0; k < params.length; k++) {
          const g =
            -(grad[k] as number) + (k >= decayFrom ? opts.weightDecay * (params[k] as number) : 0);
          m[k] = b1 * (m[k] as number) + (1 - b1) * g;
          v[k] = b2 * (v[k] as number) + (1 - b2) * g * g;
          const mh = (m[k] as number) / (1 - b1 ** adam.t);
          const vh = (v[k] as number) / (1 - b2 ** adam.t);
          params[k] = (params[k] as number) - (opts.learningRate * mh) / (Math.sqrt(vh) + eps);
        }
      };
      step(p.speak, gSpeak, adam.m.speak, adam.v.speak, 1);
      step(p.item, gItem, adam.m.item, adam.v.item, 0);
    }
  }
  const lossAfter = dpoLoss(p, pairs, ref, opts.beta, sparseSize, opts.labelSmoothing ?? 0);
  let right = 0;
  pairs.forEach((pair, i) => {
    const [rw, rl] = ref[i] as [number, number];
    if (pairMargin(p, pair, rw, rl, sparseSize) > 0) right++;
  });
  return {
    pairs: pairs.length,
    lossBefore,
    lossAfter,
    accuracy: pairs.length ? right / pairs.length : 0,
  };
}
