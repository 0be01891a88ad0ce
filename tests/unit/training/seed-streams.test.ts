/**
 * One seed, independent streams: with the app's defaults the data seed and the training seed are
 * both 1, and the data generator, the train/validation split, the initial weights, the batch
 * order and dropout must not read the same mulberry32 draws (nor nearby stretches of its one
 * cycle: a state that is k steps ahead of another repeats its draws k later).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateTable } from '../../../src-shared/data';
import { Rng } from '../../../src-shared/engine/rng';
import { APP_TRAIN_CONFIG, prepareRun, runModelFile, startRun } from '../../../src-shared/training';

const STEP = 0x6d2b79f5;
const TWO32 = 2n ** 32n;

/** Steps of mulberry32's state walk from state a to state b (its state only adds STEP). */
function stepsApart(a: number, b: number): number {
  const inverse = modInverse(BigInt(STEP), TWO32);
  const k = Number((((((BigInt(b) - BigInt(a)) % TWO32) + TWO32) % TWO32) * inverse) % TWO32);
  return Math.min(k, 2 ** 32 - k);
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r, oldS, s] = [a, m, 1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}

/** Every generator that draws, with its starting state and the code that drew from it first. */
const streams = new Map<Rng, { start: number; reader: string }>();
const originalNext = Rng.prototype.next;

beforeEach(() => {
  streams.clear();
  Rng.prototype.next = function (this: Rng) {
    if (!streams.has(this)) {
      const frames = (new Error().stack ?? '').split('\n').slice(2);
      const reader = frames.find((f) => !f.includes('engine/rng.ts') && f.includes('src-shared')) ?? '?';
      const start = (this as unknown as { state: number }).state >>> 0;
      streams.set(this, { start, reader: reader.trim().replace(/^at /, '') });
    }
    return originalNext.call(this);
  };
});
afterEach(() => {
  Rng.prototype.next = originalNext;
});

function readers(): { start: number; reader: string }[] {
  return [...streams.values()];
}

describe('the streams of one seed', () => {
  it('gives data, split, init, batch order and dropout draws far apart on the cycle', () => {
    const table = generateTable('xor-noisy', { points: 200, noise: 0.1, seed: 1 });
    const prepared = prepareRun({
      table,
      prepare: { valFraction: 0.2, seed: 1, missing: 'drop', standardize: true },
    });
    const run = startRun(prepared, { ...APP_TRAIN_CONFIG, seed: 1, dropout: 0.2, init: 'uniform' });
    run.step();
    const seen = readers();
    const named = (part: string) => seen.filter((s) => s.reader.includes(part)).length;
    // Each consumer drew (so the check below covers them all).
    expect(named('generators/')).toBe(1);
    expect(named('prepare/split')).toBe(1);
    expect(named('engine/init')).toBe(1);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < seen.length; i++) {
      for (let j = i + 1; j < seen.length; j++) {
        const apart = stepsApart(seen[i].start, seen[j].start);
        expect(apart, `${seen[i].reader} and ${seen[j].reader} read the same draws`).toBeGreaterThan(1e7);
      }
    }
    expect(runModelFile(run, 'x').training?.epochs).toBe(1);
  });

  it('keeps the split when the init scheme changes, and the init when the data grows', () => {
    const prepare = { valFraction: 0.2, seed: 1, missing: 'drop' as const, standardize: true };
    const small = prepareRun({
      table: generateTable('moons', { points: 100, noise: 0.1, seed: 1 }),
      prepare,
    });
    const large = prepareRun({
      table: generateTable('moons', { points: 400, noise: 0.1, seed: 1 }),
      prepare,
    });
    const config = { ...APP_TRAIN_CONFIG, seed: 1 };
    const weights = (data: typeof small, init: 'uniform' | 'xavier') =>
      Array.from(startRun(data, { ...config, init }).session.weights().params[0].weight);
    expect(weights(small, 'uniform')).toEqual(weights(large, 'uniform'));
    const val = (init: 'uniform' | 'xavier') => {
      const run = startRun(small, { ...config, init });
      run.step();
      return Array.from(run.data.val?.rowIndex ?? []);
    };
    expect(val('xavier')).toEqual(val('uniform'));
  });
});
