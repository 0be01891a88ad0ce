/**
 * The exported PyTorch script re-implements the engine's seeded RNG (torch_script/rng.py) to get
 * the studio's batch order and dropout masks; its pytest test (tests/python/test_rng.py) compares
 * it with tests/python/fixtures/rng.json. This test keeps that fixture equal to what the engine
 * draws now, so a change to rng.ts cannot leave the script behind unnoticed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rng, deriveSeed } from '../../../src-shared/engine/rng';

const fixture = JSON.parse(
  readFileSync(new URL('../../python/fixtures/rng.json', import.meta.url), 'utf8'),
) as Record<string, number[]>;

describe('the PyTorch script RNG fixture', () => {
  it('holds the engine’s draws, derived seeds and shuffles', () => {
    for (const seed of [1, 42, -7, 2147483647]) {
      const rng = new Rng(seed);
      expect(fixture[`next${seed}`]).toEqual(Array.from({ length: 5 }, () => rng.next()));
      expect(fixture[`derive${seed}`]).toEqual([0, 1, 2].map((s) => deriveSeed(seed, s)));
      expect(fixture[`shuffle${seed}`]).toEqual(
        Array.from(new Rng(seed).shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])),
      );
    }
  });
});
