/**
 * `nanograd sweep`: many `train` runs on a worker pool. Every train flag is accepted as a fixed
 * value (the same Option objects, so the same parsing and messages as `train`); --grid and
 * --range name a train flag without dashes, and each swept value is parsed by that flag's own
 * parser before any run starts. Each run is exactly the standalone `nanograd train` with those
 * flags (same table loading, preparation, config and run module), executed in a worker thread.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { ConfigError, firstLine } from '../../../src-shared/errors';
import type { Table, Task } from '../../../src-shared/data/types';
import { count } from '../../../src-shared/data';
import type { ModelFile } from '../../../src-shared/model/types';
import { prepareRun, startRun, type TrainConfig } from '../../../src-shared/training';
import {
  bestRunIndex,
  defaultMetric,
  metricValue,
  parseGridArg,
  parseRangeArg,
  planRuns,
  resultsCsv,
  resultsFile,
  resultsJson,
  runSweep,
  sweptNames,
  type PlannedRun,
  type SweepRun,
  type SweepRunSpec,
} from '../../../src-shared/experiments';
import { writeFileAtomic } from '../../node/atomic-write';
import { coreCount, createNodeWorkerPool } from '../../node/worker-pool';
import { EXIT_INTERRUPTED, type CliContext } from '../context';
import { loadTable } from '../files';
import { UsageError, asFlagError, integerArg } from '../options';
import { register as registerTrain } from './train';
import { checkFlagCombinations, type TrainFlags } from '../train-flags';
import { buildConfig, continueFrom, readFromModel } from '../train-config';
import { defaultValFraction, prepareOptions } from '../data-flags';
import {
  SweepProgress,
  bestRunBaselineNote,
  doneLine,
  metricText,
  rankedTable,
  runLine,
} from './sweep-output';

interface SweepFlags extends TrainFlags {
  grid?: string[];
  range?: string[];
  random?: number;
  seeds: number;
  workers?: number;
  outDir?: string;
}

/** Train flags that mean something else in a sweep (or nothing). */
const NOT_FROM_TRAIN = new Set(['--out', '--json', '--seed', '--workers', '--folds']);

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function positive(flag: string) {
  const integer = integerArg(flag);
  return (value: string): number => {
    const n = integer(value);
    if (n < 1) throw new UsageError(`${flag} must be a whole number of at least 1 (got ${value})`);
    return n;
  };
}

/** The train command's options, as train registers them (its parsers, choices and help). */
function trainOptions(): Option[] {
  const scratch = new Command();
  registerTrain(scratch, { exitCode: 0 });
  const train = scratch.commands.find((c) => c.name() === 'train');
  if (!train) throw new Error('train command not registered');
  return train.options.filter((o) => !NOT_FROM_TRAIN.has(o.long ?? ''));
}

export function register(program: Command, context: CliContext): void {
  const command = program
    .command('sweep')
    .description(
      'Train many configurations on all cores: a grid (--grid) and/or random search (--random N --range), each with seeds 1..K.',
    );
  const options = trainOptions();
  for (const option of options) command.addOption(option);
  command
    .option(
      '--grid <param=v1|v2|...>',
      'a train flag without dashes and its values separated by | (e.g. lr=0.1|0.01, "layers=8|16,16"); repeatable: the cross product is run',
      collect,
    )
    .option('--random <n>', 'sample N configurations from the --range parameters', positive('--random'))
    .option(
      '--range <param=lo:hi[:log]>',
      'a numeric train flag and its range for --random (log-uniform with :log); repeatable',
      collect,
    )
    .option('--seeds <k>', 'run every configuration with seeds 1..K', positive('--seeds'), 1)
    .option('--seed <n>', 'seed of the random search sampling', integerArg('--seed'), 1)
    .option(
      '--workers <w>',
      `worker threads (default: the number of cores, ${coreCount()})`,
      positive('--workers'),
    )
    .option(
      '--out-dir <dir>',
      "write results.csv, results.json and each run's model file (run-<index>.json) here",
    )
    .option(
      '--json',
      'one JSON line per finished run {"type":"run","index","config","final","best","seconds","baselines"}, then {"type":"done","runs","workers","seconds","bestIndex"}',
    )
    .action(async (flags: SweepFlags) => {
      context.exitCode = await sweep(flags, options);
    });
}

interface Planned {
  runs: PlannedRun[];
  swept: string[];
  configs: TrainConfig[];
}

/** Every value parsed by its train flag's parser and every run's config built as train would. */
function planSweep(flags: SweepFlags, options: Option[], initModel: ModelFile | null): Planned {
  const asUsage = (err: unknown): never => {
    if (err instanceof ConfigError && !(err instanceof UsageError))
      throw new UsageError(err.message, err.location.field);
    throw err;
  };
  let grid;
  let ranges;
  let runs: PlannedRun[];
  try {
    grid = (flags.grid ?? []).map(parseGridArg);
    ranges = (flags.range ?? []).map(parseRangeArg);
    runs = planRuns({ grid, ranges, random: flags.random ?? 0, seeds: flags.seeds, sweepSeed: flags.seed });
  } catch (err) {
    return asUsage(err);
  }
  const swept = sweptNames({ grid, ranges });
  const byName = new Map(options.map((o) => [o.long?.replace(/^--/, '') ?? '', o]));
  const parsed = new Map<string, unknown>();
  for (const name of swept) {
    const option = byName.get(name);
    if (!option?.parseArg) throw new UsageError(`--grid ${name}: not a train flag that takes a value`, name);
    const attribute = option.attributeName() as keyof SweepFlags;
    if (flags[attribute] !== undefined)
      throw new UsageError(`--${name} is given as a fixed value and swept: give it one way`, name);
    const values = new Set(runs.map((r) => r.values[name]));
    for (const value of values) {
      try {
        parsed.set(`${name}\u0000${value}`, option.parseArg(value, undefined));
      } catch (err) {
        throw new UsageError(
          `--grid ${name}=${value}: ${firstLine(err instanceof Error ? err.message : String(err))}`,
          name,
        );
      }
    }
  }
  const configs = runs.map((run) => {
    // --workers is the sweep's own (train's --workers is for --folds).
    const runFlags: SweepFlags = { ...flags, seed: run.seed, workers: undefined };
    for (const name of swept) {
      const attribute = byName.get(name)?.attributeName() as keyof SweepFlags;
      (runFlags as unknown as Record<string, unknown>)[attribute] = parsed.get(
        `${name}\u0000${run.values[name]}`,
      );
    }
    const where = swept.map((name) => `${name}=${run.values[name]}`).join(' ');
    try {
      checkFlagCombinations(runFlags);
      return buildConfig(runFlags, initModel, flags.fromModel);
    } catch (err) {
      if (err instanceof ConfigError)
        throw new UsageError(`${where}: ${firstLine(err.message)}`, err.location.field);
      throw err;
    }
  });
  return { runs, swept, configs };
}

function modelFileName(index: number, total: number): string {
  return `run-${String(index).padStart(String(total - 1).length, '0')}.json`;
}

async function sweep(flags: SweepFlags, options: Option[]): Promise<number> {
  const initModel = await readFromModel(flags);
  const { runs, swept, configs } = planSweep(flags, options, initModel);
  const valFraction = flags.val ?? defaultValFraction(flags.data);
  const fromModel = continueFrom(flags, initModel);

  // The same table `train --seed k` loads: a generated set depends on the seed, a CSV does not.
  const tables = new Map<number, { table: Table; builtin: boolean }>();
  for (const run of runs) {
    if (tables.has(run.seed)) continue;
    const loaded = await loadTable(flags.data, { points: flags.points, noise: flags.noise, seed: run.seed });
    if (!loaded.builtin && tables.size > 0) {
      tables.set(run.seed, tables.values().next().value as { table: Table; builtin: boolean });
      continue;
    }
    tables.set(run.seed, loaded);
  }
  const specs: SweepRunSpec[] = runs.map((run, i) => {
    const { table, builtin } = tables.get(run.seed) as { table: Table; builtin: boolean };
    return {
      index: run.index,
      job: {
        table,
        prepare: prepareOptions({ ...flags, seed: run.seed }, valFraction, builtin),
        config: configs[i],
        fromModel,
        modelName: flags.outDir ? modelFileName(run.index, runs.length).replace(/\.json$/, '') : null,
      },
    };
  });

  // A value that fits no run on this data (`loss=bce` on 3 classes) is refused before any run.
  const checked = new Set<string>();
  let task: Task = 'classification';
  for (const spec of specs) {
    const key = JSON.stringify({ ...spec.job.config, seed: 0 });
    if (checked.has(key)) continue;
    checked.add(key);
    const where = swept.map((name) => `${name}=${runs[spec.index].values[name]}`).join(' ');
    try {
      const prepared = prepareRun({ table: spec.job.table, prepare: spec.job.prepare }, fromModel);
      task = prepared.data.task;
      startRun(prepared, spec.job.config);
    } catch (err) {
      if (err instanceof ConfigError && err.location.field !== 'valFraction')
        throw new UsageError(
          `${where}: ${firstLine(String(asFlagError(err) instanceof Error ? (asFlagError(err) as Error).message : err))}`,
          err.location.field,
        );
      throw err;
    }
  }

  if (flags.outDir)
    await fs.mkdir(flags.outDir, { recursive: true }).catch((err: unknown) => {
      throw new ConfigError(`cannot create --out-dir ${flags.outDir}: ${firstLine(String(err))}`, {
        file: flags.outDir,
      });
    });

  const workers = Math.min(flags.workers ?? coreCount(), runs.length);
  const pool = createNodeWorkerPool({ size: workers });
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  process.once('SIGINT', onInterrupt);
  const tty = !flags.json && process.stderr.isTTY === true;
  const progress = tty ? new SweepProgress(process.stderr, runs.length) : null;
  if (tty)
    process.stderr.write(
      `sweep: ${count(runs.length, 'run')} of ${flags.data} on ${count(workers, 'worker')}\n`,
    );
  const finished: SweepRun[] = [];
  const metric = (): ReturnType<typeof defaultMetric> => defaultMetric(finished);
  const bestText = (): string => {
    const index = bestRunIndex(finished);
    const best = finished.find((r) => r.index === index);
    return best ? `#${best.index} ${metricText(metric(), metricValue(best, metric()))}` : '';
  };
  let lastDraw = 0;
  const started = performance.now();
  let outcome;
  try {
    outcome = await runSweep(pool, specs, swept, {
      signal: controller.signal,
      onProgress: (index, p) => {
        progress?.runProgress(index, p.epoch, p.totalEpochs);
        if (progress && performance.now() - lastDraw > 100) {
          lastDraw = performance.now();
          progress.draw(finished.length, bestText());
        }
      },
      onRun: async (run, model) => {
        finished.push(run);
        progress?.finished(run.index);
        if (flags.json) process.stdout.write(runLine(run));
        else if (run.state === 'diverged' || run.state === 'failed') {
          progress?.clear();
          process.stderr.write(`note: run ${run.index} ${run.state}: ${run.message ?? ''}\n`);
        }
        progress?.draw(finished.length, bestText());
        if (model && flags.outDir)
          await writeFileAtomic(path.join(flags.outDir, modelFileName(run.index, runs.length)), model);
      },
    });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    progress?.clear();
    await pool.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  const done = outcome.runs;
  const best = bestRunIndex(done);
  if (flags.outDir) {
    await writeFileAtomic(path.join(flags.outDir, 'results.csv'), resultsCsv(done));
    await writeFileAtomic(
      path.join(flags.outDir, 'results.json'),
      resultsJson(resultsFile(flags.data, done, swept)),
    );
  }
  if (flags.json) {
    process.stdout.write(doneLine(done.length, workers, seconds, best));
  } else {
    if (done.length > 0) process.stdout.write(`${rankedTable(done, swept, defaultMetric(done))}\n`);
    const note = bestRunBaselineNote(
      done.find((r) => r.index === best),
      task,
    );
    if (note) process.stdout.write(`${note}\n`);
    const rate = done.length / Math.max(seconds, 1e-9);
    process.stdout.write(
      `swept ${count(done.length, 'run')} in ${seconds.toFixed(1)} s on ${count(workers, 'worker')} (${rate.toFixed(1)} runs/s)${best !== null ? `; best run #${best}` : ''}\n`,
    );
    if (flags.outDir)
      process.stdout.write(
        `wrote ${path.join(flags.outDir, 'results.csv')}, results.json and the model files\n`,
      );
  }
  if (outcome.stopped) {
    process.stderr.write(
      `nanograd: sweep stopped by Ctrl-C after ${count(done.length, 'finished run')} of ${runs.length}${flags.outDir ? `; wrote them to ${flags.outDir}` : ''}\n`,
    );
    return EXIT_INTERRUPTED;
  }
  return done.some((r) => r.state === 'done') || done.length === 0 ? 0 : 1;
}
