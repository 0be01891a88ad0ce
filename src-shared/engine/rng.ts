/**
 * Seeded PRNG (mulberry32) and the helpers built on it. The exact draw order matters: the
 * benchmark anchors (../shared/bench/anchors/README.md) define data, init and batch order
 * with these formulas, so the same seed gives the same run, bit for bit, in every system.
 */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed | 0;
  }
  /** A double in [0, 1), a multiple of 2^-32. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** U(lo, hi) as lo + (hi - lo) * next(). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  /** Standard normal by Box-Muller: two draws, the second value discarded. */
  normal(): number {
    const u1 = this.next();
    const u2 = this.next();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** In-place Fisher-Yates: for i = n-1 down to 1, j = floor(next() * (i + 1)). */
  shuffle<T extends { length: number; [i: number]: unknown }>(arr: T): T {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = arr[i];
      arr[i] = arr[j];
      arr[j] = t;
    }
    return arr;
  }
}

/**
 * The streams one user seed feeds. A data generator reads Rng(seed) itself (so the spiral of
 * seed 1 is the benchmark anchors' W2 spiral); every other consumer reads its own stream,
 * Rng(deriveSeed(seed, stream)), so the UI's one default seed does not give the data points,
 * the validation rows and the initial weights the same draws. The exported PyTorch script
 * (model/torch_script/rng.py) uses the same numbers, and 4 + rank, 2 + 64·rank for its
 * distributed shuffles and dropout: a new stream takes a number no one uses.
 */
export const SEED_STREAMS = { init: 0, batchOrder: 1, dropout: 2, split: 3 } as const;
export type SeedStream = keyof typeof SEED_STREAMS;

/** The seed of stream `stream` of a user seed: a 32-bit integer hash (murmur3's finalizer). */
export function deriveSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** The generator of one named stream of a user seed (see SEED_STREAMS). */
export function seedStream(seed: number, stream: SeedStream): Rng {
  return new Rng(deriveSeed(seed, SEED_STREAMS[stream]));
}

export function identityPermutation(n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return p;
}
