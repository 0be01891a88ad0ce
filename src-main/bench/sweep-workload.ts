/**
 * SWEEP: 48 runs of a small MLP (moons, 400 points; lr x layers x 4 seeds, 40 epochs) through
 * the worker pool, with 1 worker and with one per core, measured in interleaved rounds (1, all,
 * 1, all, ...) so load from other processes hits both alike; the median runs/s of each is
 * reported with the speed-up. Workers are started and warmed (one run each) before timing.
 */
import { generateTable } from '../../src-shared/data';
import { applySweepValues, planRuns, runSweep, type SweepRunSpec } from '../../src-shared/experiments';
import { DEFAULT_TRAIN_CONFIG } from '../../src-shared/training';
import type { PoolTasks } from '../../src-shared/pool/tasks';
import type { WorkerPool } from '../../src-shared/pool';
import { coreCount, createNodeWorkerPool } from '../node/worker-pool';
import type { BenchRecord } from './workloads';

const EPOCHS = 40;
const ROUNDS = 3;

export function sweepSpecs(): SweepRunSpec[] {
  const runs = planRuns({
    grid: [
      { name: 'lr', values: ['0.003', '0.01', '0.03', '0.1'] },
      { name: 'layers', values: ['8', '16', '16,16'] },
    ],
    ranges: [],
    random: 0,
    seeds: 4,
    sweepSeed: 1,
  });
  const base = { ...DEFAULT_TRAIN_CONFIG, epochs: EPOCHS };
  return runs.map((run) => ({
    index: run.index,
    job: {
      table: generateTable('moons', { points: 400, noise: 0.2, seed: run.seed }),
      prepare: { valFraction: 0.2, seed: run.seed, missing: 'drop', standardize: false },
      config: applySweepValues(base, run.values, run.seed),
      fromModel: null,
      modelName: null,
    },
  }));
}

/** Wall seconds of one sweep, and the cores this process used meanwhile (CPU seconds of all its threads ÷ wall). */
async function timedSweep(
  pool: WorkerPool<PoolTasks>,
  specs: SweepRunSpec[],
): Promise<{ seconds: number; cores: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const { runs } = await runSweep(pool, specs, ['lr', 'layers']);
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  if (runs.length !== specs.length || runs.some((r) => r.state !== 'done'))
    throw new Error(
      `sweep bench: ${runs.filter((r) => r.state === 'done').length} of ${specs.length} runs finished`,
    );
  return { seconds, cores: (used.user + used.system) / 1e6 / seconds };
}

export async function runSweepBench(progress: (message: string) => void): Promise<BenchRecord> {
  const specs = sweepSpecs();
  const cores = coreCount();
  const pools = { one: createNodeWorkerPool({ size: 1 }), all: createNodeWorkerPool({ size: cores }) };
  try {
    // Start every thread and compile the kernels before timing.
    await runSweep(pools.one, specs.slice(0, 1), []);
    await runSweep(pools.all, specs.slice(0, cores), []);
    const one: number[] = [];
    const all: number[] = [];
    const coresOne: number[] = [];
    const coresAll: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      progress(`SWEEP round ${round}/${ROUNDS}: ${specs.length} runs on 1 worker, then on ${cores}`);
      const a = await timedSweep(pools.one, specs);
      const b = await timedSweep(pools.all, specs);
      one.push(specs.length / a.seconds);
      all.push(specs.length / b.seconds);
      coresOne.push(a.cores);
      coresAll.push(b.cores);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const perSecondAll = median(all);
    const perSecondOne = median(one);
    return {
      workload: 'SWEEP-48-moons-mlp',
      seconds: specs.length / perSecondAll,
      samples_per_s: null,
      metric: {
        runs: specs.length,
        epochs: EPOCHS,
        workers: cores,
        runs_per_s_1_worker: Number(perSecondOne.toFixed(2)),
        runs_per_s_all_workers: Number(perSecondAll.toFixed(2)),
        speedup: Number((perSecondAll / perSecondOne).toFixed(2)),
        rounds_runs_per_s_1_worker: one.map((x) => Number(x.toFixed(2))),
        rounds_runs_per_s_all_workers: all.map((x) => Number(x.toFixed(2))),
        // How many cores the machine actually gave us: a loaded machine caps the speed-up here.
        cores_used_1_worker: Number(median(coresOne).toFixed(2)),
        cores_used_all_workers: Number(median(coresAll).toFixed(2)),
      },
    };
  } finally {
    await pools.one.dispose();
    await pools.all.dispose();
  }
}
