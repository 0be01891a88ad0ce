/**
 * `--threads N` (train, bench): how many threads split each large matrix product (the GEMM
 * thread pool of src-shared/engine/fast/gemm-threads.ts). Default: one per core. Results are
 * bit-identical whatever N, so the flag changes speed only.
 */
import type { Command } from 'commander';
import { MAX_THREADS } from '../../src-shared/engine/fast/gemm-threads';
import { startGemmThreads } from '../node/gemm-threads';
import { coreCount } from '../node/worker-pool';
import { StudioError } from '../../src-shared/errors';
import { integerArg, UsageError } from './options';

export function parseThreads(value: string): number {
  const n = integerArg('--threads')(value);
  if (n < 1 || n > MAX_THREADS)
    throw new UsageError(`--threads must be a whole number from 1 to ${MAX_THREADS} (got ${value.trim()})`);
  return n;
}

export function addThreadsOption(command: Command): Command {
  return command.option(
    '--threads <n>',
    `threads for large matrix products, 1 to ${MAX_THREADS} (default: one per core, ${coreCount()} here); results are identical whatever the count`,
    parseThreads,
  );
}

/**
 * Starts the pool for this process's training (nothing for 1 thread); returns the count in use.
 * Run from the sources (tests, jiti) the bundled helper file does not exist: the default then
 * trains on one thread (same results, thread count only changes speed), while an explicit
 * --threads says why it cannot be honoured.
 */
export function useThreads(threads: number | undefined): number {
  const count = Math.min(threads ?? coreCount(), MAX_THREADS);
  try {
    return startGemmThreads(count)?.threads ?? 1;
  } catch (error) {
    if (threads !== undefined || !(error instanceof StudioError)) throw error;
    return startGemmThreads(1)?.threads ?? 1;
  }
}
