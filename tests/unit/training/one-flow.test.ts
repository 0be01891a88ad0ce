/**
 * ONE training flow: every capability that trains (CLI train, the app's backend, the bench,
 * baselines, cross-validation folds, sweeps, the lr range test) builds its session through
 * src-shared/training/run.ts, so what a run does (continuing a model, its checks, its model file)
 * cannot differ between them. This guard fails when a source file builds a session itself.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|vue)$/.test(name) ? [path] : [];
  });
}

describe('the one training flow', () => {
  it('builds training sessions only in training/run.ts', () => {
    const builders = ['src-shared', 'src-main', 'src-renderer']
      .flatMap((dir) => sources(join(root, dir)))
      .filter((path) => /new TrainingSession\s*\(/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(root, path));
    expect(builders).toEqual(['src-shared/training/run.ts']);
  });
});
