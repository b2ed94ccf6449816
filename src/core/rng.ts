/**
 * A small seeded random generator (sfc32) whose whole state is four 32-bit
 * numbers in a plain object, so it can live inside the simulation state,
 * be saved with a run and be replayed exactly. The core never uses
 * Math.random.
 */

export interface RngState {
  a: number;
  b: number;
  c: number;
  d: number;
}

/** Spread an arbitrary string or number seed over the four words. */
export function seedRng(seed: string | number): RngState {
  const text = String(seed);
  // cyrb128-style mixing of the seed text into four words.
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  const state: RngState = {
    a: (h1 ^ h2 ^ h3 ^ h4) >>> 0,
    b: (h2 ^ h1) >>> 0,
    c: (h3 ^ h1) >>> 0,
    d: (h4 ^ h1) >>> 0,
  };
  // Warm up so that similar seeds diverge.
  const rng = new Rng(state);
  for (let i = 0; i < 12; i++) rng.nextUint32();
  return rng.state;
}

/**
 * A view over an RngState that advances it in place. Create one around the
 * state you own; the state object is the single source of truth.
 */
export class Rng {
  constructor(public readonly state: RngState) {}

  static fromSeed(seed: string | number): Rng {
    return new Rng(seedRng(seed));
  }

  /** A child generator with its own state, derived from this one and a label. */
  fork(label: string): Rng {
    return new Rng(seedRng(`${this.nextUint32()}:${label}`));
  }

  nextUint32(): number {
    const s = this.state;
    const t = (((s.a + s.b) | 0) + s.d) | 0;
    s.d = (s.d + 1) | 0;
    s.a = s.b ^ (s.b >>> 9);
    s.b = (s.c + (s.c << 3)) | 0;
    s.c = (s.c << 21) | (s.c >>> 11);
    s.c = (s.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Approximately normal (sum of uniforms), mean 0 and the given spread. */
  normal(sd = 1): number {
    let sum = 0;
    for (let i = 0; i < 6; i++) sum += this.next();
    return (sum - 3) * sd * Math.SQRT2;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** Index drawn with probability proportional to weights (all >= 0). */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) return Math.floor(this.next() * weights.length);
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
}
