import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** A fixture written by tests/fixtures/torch/make_fixtures.py or make_training_fixtures.py (PyTorch, float64). */
export function torchFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/torch/${name}`, import.meta.url), 'utf8')) as T;
}

/**
 * |ours − torch| ≤ rel·|torch| + abs for every element (abs: a floor for values that are 0 in exact
 * arithmetic), naming the first that is not; NaN never passes.
 */
export function expectClose(
  ours: ArrayLike<number>,
  torch: readonly number[],
  rel: number,
  abs: number,
  what: string,
): void {
  expect(ours.length, what).toBe(torch.length);
  for (let i = 0; i < torch.length; i++) {
    const err = Math.abs(ours[i] - torch[i]);
    if (!(err <= rel * Math.abs(torch[i]) + abs))
      expect.fail(`${what}[${i}]: ours ${ours[i]} vs torch ${torch[i]} (error ${err})`);
  }
}
