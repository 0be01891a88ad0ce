import { describe, expect, it } from 'vitest';
import { runCli } from './cli-helpers';

/*
 * `--threads` changes speed only: 512-unit layers on batches of 32 (8 M multiply-adds a product,
 * above the threading threshold) train to the same bits with 1, 2 and 3 threads.
 */
describe('nanograd train --threads', () => {
  const run = (threads: string) => {
    const args = ['train', '--data', 'moons', '--layers', '512,512', '--epochs', '3', '--json'];
    const { status, stdout, stderr } = runCli([...args, '--threads', threads]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    // Every epoch's metrics; the done line also carries wall seconds, which differ.
    return stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((record) => record.type === undefined);
  };

  it('gives identical losses and accuracies with 1, 2 and 3 threads', () => {
    const one = run('1');
    expect(one).toHaveLength(3);
    expect(one[2].loss).toBeLessThan(one[0].loss as number);
    expect(run('2')).toEqual(one);
    expect(run('3')).toEqual(one);
  });
});
