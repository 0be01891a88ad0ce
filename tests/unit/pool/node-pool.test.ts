import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StudioError } from '@shared/errors';
import type { TaskSpec } from '@shared/pool';
import { createNodeWorkerPool } from '../../../src-main/node/worker-pool';

/** The bundled worker entry (built by the vitest global setup with the CLI). */
const entry = fileURLToPath(new URL('../../../out/cli/pool-worker.js', import.meta.url));

interface Unknown {
  missing: TaskSpec<{ x: number }, number>;
}

describe('Node worker pool (worker_threads)', () => {
  it('round-trips a job through a real thread running the bundled pool-worker.js', async () => {
    const pool = createNodeWorkerPool<Unknown>({ size: 2, entry });
    try {
      const error = await pool.run('missing', { x: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StudioError);
      expect((error as Error).message).toBe("Internal error: this worker has no task named 'missing'");
    } finally {
      await pool.dispose();
    }
  });

  it('a thread that exits fails its job with the exit code and the next job gets a new thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nanograd-pool-'));
    const script = join(dir, 'exits.mjs');
    // Answers the first job, exits on the second: the pool must notice the exit, not hang.
    writeFileSync(
      script,
      `import { parentPort } from 'node:worker_threads';
let jobs = 0;
parentPort.on('message', (m) => {
  if (m.type !== 'pool:job') return;
  if (++jobs === 2) process.exit(3);
  parentPort.postMessage({ type: 'pool:result', id: m.id, result: m.payload.x * 2 });
});`,
    );
    const pool = createNodeWorkerPool<Unknown>({ size: 1, entry: script });
    try {
      expect(await pool.run('missing', { x: 21 })).toBe(42);
      await expect(pool.run('missing', { x: 1 })).rejects.toThrow(
        'worker 1 of 1 stopped during missing (exit code 3)',
      );
      expect(await pool.run('missing', { x: 5 })).toBe(10);
    } finally {
      await pool.dispose();
    }
  });
});
