/**
 * The CLI run from its sources (no bundle, so no gemm-worker.js next to it): the default thread
 * count falls back to one thread and trains, an explicit --threads fails with one line saying why.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runInProcess } from './in-process';

async function train(extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runInProcess(['train', '--data', 'moons', '--epochs', '2', '--json', ...extra]);
}

afterEach(() => vi.restoreAllMocks());

describe('train from the sources, without the bundled GEMM helper file', () => {
  it('trains on one thread by default', async () => {
    const { code, stdout, stderr } = await train([]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const done = JSON.parse(stdout.trimEnd().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(done).toMatchObject({ type: 'done', state: 'done', epochs: 2 });
  });

  it('refuses an explicit --threads 2 with one line naming the missing file', async () => {
    const { code, stderr } = await train(['--threads', '2']);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(
      /^nanograd: the worker file gemm-worker\.js is missing next to .*: run npm run build\n$/,
    );
  });
});
