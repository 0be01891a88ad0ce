/**
 * `nanograd train --json` when something fails after the epochs have started (here: writing
 * --out fails, e.g. the disk is full): stdout still ends with a machine-readable done line
 * (state "failed" and the error), stderr has the one-line error, the exit code is 1. Runs the
 * CLI in-process so the write can be made to fail deterministically.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StudioError } from '../../../src-shared/errors';

vi.mock('../../../src-main/node/atomic-write', () => ({
  writeFileAtomic: vi.fn(async (target: string) => {
    throw new StudioError('io', `cannot write ${target}: ENOSPC`, { file: target });
  }),
}));

const { runInProcess } = await import('./in-process');

afterEach(() => vi.restoreAllMocks());

describe('train --json, a failure after the epochs started', () => {
  it('ends stdout with {"type":"done","state":"failed","message":...} and exits 1', async () => {
    const { code, stdout, stderr } = await runInProcess(
      'train --data moons --epochs 3 --json --out model.json'.split(' '),
    );
    expect(code).toBe(1);
    expect(stderr).toBe('nanograd: cannot write model.json: ENOSPC\n');
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => l.epoch ?? l.type)).toEqual([1, 2, 3, 'done']);
    expect(lines[3]).toMatchObject({
      type: 'done',
      state: 'failed',
      message: 'cannot write model.json: ENOSPC',
      epochs: 3,
      loss: lines[2].loss,
      out: null,
    });
  });
});
