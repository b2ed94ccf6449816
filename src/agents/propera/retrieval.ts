/**
 * Retrieval over the assistant's memory, as in the reference: the 4 most
 * recent records plus the top 3 of the rest by
 *   0.5·recency + 3·relevance + 2·importance,
 * each min-max normalised over all records, recency decaying by 0.995 per
 * record. `retrieve` is the plain definition; `GroupedRetriever` computes
 * the same answer fast by grouping records with identical text (whose
 * relevance is identical), and is tested against `retrieve`.
 */
import MiniSearch from 'minisearch';

export interface RetrievalOptions {
  recent: number;
  top: number;
  decay: number;
  weights: { recency: number; relevance: number; importance: number };
}

export const DEFAULT_RETRIEVAL: RetrievalOptions = {
  recent: 4,
  top: 3,
  decay: 0.995,
  weights: { recency: 0.5, relevance: 3, importance: 2 },
};

export interface RankedRecord {
  index: number;
  score: number;
  recency: number;
  relevance: number;
  importance: number;
}

export interface RetrievalResult {
  /** Indices of the most recent records, oldest first. */
  recent: number[];
  /** The best of the rest, best first. */
  top: RankedRecord[];
}

const normaliser = (min: number, max: number) => (x: number) =>
  max > min ? (x - min) / (max - min) : 0;

/**
 * The plain definition. `relevance(i)` is the raw relevance of record i to
 * the query; `importance(i)` its raw importance (constant in the reference).
 */
export function retrieve(
  count: number,
  relevance: (i: number) => number,
  importance: (i: number) => number = () => 1,
  opts: RetrievalOptions = DEFAULT_RETRIEVAL,
): RetrievalResult {
  const recentStart = Math.max(0, count - opts.recent);
  const recent: number[] = [];
  for (let i = recentStart; i < count; i++) recent.push(i);
  if (count === 0) return { recent, top: [] };
  const rec = (i: number) => opts.decay ** (count - 1 - i);
  const rel: number[] = [];
  const imp: number[] = [];
  for (let i = 0; i < count; i++) {
    rel.push(relevance(i));
    imp.push(importance(i));
  }
  const nRec = normaliser(rec(0), rec(count - 1));
  const nRel = normaliser(Math.min(...rel), Math.max(...rel));
  const nImp = normaliser(Math.min(...imp), Math.max(...imp));
  const ranked: RankedRecord[] = [];
  for (let i = 0; i < recentStart; i++) {
    const r = nRec(rec(i));
    const v = nRel(rel[i] as number);
    const m = nImp(imp[i] as number);
    ranked.push({
      index: i,
      recency: r,
      relevance: v,
      importance: m,
      score: opts.weights.recency * r + opts.weights.relevance * v + opts.weights.importance * m,
    });
  }
  ranked.sort((a, b) => b.score - a.score || b.index - a.index);
  return { recent, top: ranked.slice(0, opts.top) };
}

/** BM25 relevance (MiniSearch's BM25+) of a query to each distinct record text. */
export class LexicalIndex {
  private readonly search = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    storeFields: [],
  });
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];
  private cache = new Map<string, Map<number, number>>();

  /** Id of a text, adding it to the index when new. */
  idOf(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(text, id);
      this.texts.push(text);
      this.search.add({ id, text });
      this.cache = new Map();
    }
    return id;
  }

  /** Relevance of the query to each text id (absent ids score 0). */
  scores(query: string): Map<number, number> {
    const hit = this.cache.get(query);
    if (hit) return hit;
    const out = new Map<number, number>();
    if (query.trim()) for (const r of this.search.search(query)) out.set(r.id as number, r.score);
    this.cache.set(query, out);
    return out;
  }

  get size(): number {
    return this.texts.length;
  }
}

/**
 * Retrieval over records appended one at a time, each with a text id from a
 * LexicalIndex. Importance is constant, as in the reference.
 */
export class GroupedRetriever {
  /** Record indices per text id, ascending. */
  private readonly groups: number[][] = [];
  private count = 0;

  constructor(private readonly opts: RetrievalOptions = DEFAULT_RETRIEVAL) {}

  append(textId: number): void {
    while (this.groups.length <= textId) this.groups.push([]);
    (this.groups[textId] as number[]).push(this.count++);
  }

  get size(): number {
    return this.count;
  }

  retrieve(relevanceById: Map<number, number>): RetrievalResult {
    const { opts } = this;
    const n = this.count;
    const recentStart = Math.max(0, n - opts.recent);
    const recent: number[] = [];
    for (let i = recentStart; i < n; i++) recent.push(i);
    if (recentStart === 0) return { recent, top: [] };
    let relMin = Infinity;
    let relMax = -Infinity;
    for (let g = 0; g < this.groups.length; g++) {
      if ((this.groups[g] as number[]).length === 0) continue;
      const v = relevanceById.get(g) ?? 0;
      if (v < relMin) relMin = v;
      if (v > relMax) relMax = v;
    }
    const nRel = normaliser(relMin, relMax);
    const recMin = opts.decay ** (n - 1);
    const nRec = normaliser(recMin, 1);
    const best: RankedRecord[] = [];
    for (let g = 0; g < this.groups.length; g++) {
      const members = this.groups[g] as number[];
      const v = nRel(relevanceById.get(g) ?? 0);
      let taken = 0;
      for (let k = members.length - 1; k >= 0 && taken < opts.top; k--) {
        const i = members[k] as number;
        if (i >= recentStart) continue;
        taken++;
        const r = nRec(opts.decay ** (n - 1 - i));
        const score = opts.weights.recency * r + opts.weights.relevance * v;
        best.push({ index: i, score, recency: r, relevance: v, importance: 0 });
      }
    }
    best.sort((a, b) => b.score - a.score || b.index - a.index);
    return { recent, top: best.slice(0, opts.top) };
  }
}
