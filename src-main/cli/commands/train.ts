/**
 * `nanograd train`: the CLI host of the TrainingSession. Same session, same defaults as the
 * app; this file only turns flags into a config, shows progress and writes the model file.
 */
import path from 'node:path';
import { type Command } from 'commander';
import { ConfigError, TrainingError, firstLine } from '../../../src-shared/errors';
import { count } from '../../../src-shared/data';
import type { PreparedData } from '../../../src-shared/data/types';
import { serializeModel } from '../../../src-shared/model';
import {
  describeSpec,
  runModelFile,
  startRun,
  type PreparedRun,
  type TrainingRun,
  type TrainingSession,
  type EpochMetrics,
  type SessionSnapshot,
  type TrainConfig,
} from '../../../src-shared/training';
import { fitBaselines, linearBaselineWarning, type Baselines } from '../../../src-shared/evaluation';
import { writeFileAtomic } from '../../node/atomic-write';
import { EXIT_INTERRUPTED, type CliContext } from '../context';
import { checkWritable } from '../files';
import { asFlagError } from '../options';
import { addThreadsOption, useThreads } from '../threads';
import { crossValidate } from './cross-validate';
import { ProgressBar, epochJson, formatBaselines, formatMetrics } from '../progress';
import {
  addTrainOptions,
  checkFlagCombinations,
  parseFolds,
  parseWorkers,
  type TrainFlags,
} from '../train-flags';
import { loadRunInputs, prepareForRun } from '../train-config';
export function register(program: Command, context: CliContext): void {
  const command = program
    .command('train')
    .description('Train an MLP on a CSV file or a built-in data set and optionally save the model.');
  addTrainOptions(command)
    .option('--out <model.json>', 'write the trained model (JSON) here')
    .option(
      '--json',
      'print one JSON object per epoch on stdout (with the epoch\'s "lr"), and a last {"type":"done","state",...,"best","stoppedEpoch"} line, also when the run diverges or fails',
    )
    .option('--from-model <model.json>', 'continue training from a saved model (same inputs and outputs)')
    .option(
      '--folds <K>',
      'K-fold cross-validation instead of one run: K models, fold i validating on the i-th of K disjoint seeded folds (stratified for classes); prints mean ± std (population) of the validation scores',
      parseFolds,
    )
    .option(
      '--workers <n>',
      'threads for --folds (default: one per core, at most one per fold)',
      parseWorkers,
    );
  addThreadsOption(command).action(async (flags: TrainFlags) => {
    checkFlagCombinations(flags);
    useThreads(flags.threads);
    context.exitCode = await train(flags);
  });
}

function createRun(prepared: PreparedRun, config: TrainConfig): TrainingRun {
  try {
    return startRun(prepared, config, { now: () => performance.now() });
  } catch (err) {
    // "--from-model m.json does not fit: ..." already names the flag.
    if (prepared.fromModel && err instanceof ConfigError && err.message.startsWith(prepared.fromModel.label))
      throw err;
    throw asFlagError(err);
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function train(flags: TrainFlags): Promise<number> {
  if (flags.out) await checkWritable(flags.out);
  const { config, table, builtin, fromModel, valFraction } = await loadRunInputs(flags);
  if (flags.folds !== undefined)
    return crossValidate({ table, builtin, flags, config, folds: flags.folds, workers: flags.workers });
  const prepared = prepareForRun(table, flags, valFraction, builtin, fromModel);
  const run = createRun(prepared, config);
  const data = run.data;
  const session = run.session;

  const tty = !flags.json && process.stderr.isTTY === true;
  const bar = tty ? new ProgressBar(process.stderr, config.epochs, data.task) : null;
  if (tty) {
    process.stderr.write(`${describeRun(data, session, config)}\n`);
    for (const note of data.notes) process.stderr.write(`note: ${note}\n`);
  } else {
    // Notes go to stdout after the run (or into the done line); warnings must be seen now.
    for (const warning of data.warnings ?? []) process.stderr.write(`note: ${warning}\n`);
  }

  let interrupted = false;
  const onInterrupt = (): void => {
    interrupted = true;
    session.stop();
  };
  process.once('SIGINT', onInterrupt);
  const started = performance.now();
  let trainedSeconds: number | null = null;
  // With --json, a script reads stdout to the end: whatever happens once epochs have started,
  // the last line is a {"type":"done"} line (state done, stopped, diverged or failed).
  const doneLine = (
    state: string,
    message: string | null,
    last: EpochMetrics | null,
    out: string | null,
    baselines: Baselines | null = null,
  ) =>
    `${JSON.stringify({
      type: 'done',
      loss: last?.loss ?? null,
      valLoss: last?.valLoss ?? null,
      accuracy: last?.accuracy ?? null,
      valAccuracy: last?.valAccuracy ?? null,
      ...(data.task === 'regression'
        ? {
            r2: last?.r2 ?? null,
            valR2: last?.valR2 ?? null,
            mae: last?.mae ?? null,
            valMae: last?.valMae ?? null,
          }
        : {}),
      epochs: session.epoch,
      best: session.snapshot().best ?? null,
      stoppedEpoch: session.snapshot().stoppedEpoch ?? null,
      seconds: Number(((trainedSeconds ?? performance.now() - started) / 1000).toFixed(3)),
      state,
      message,
      out,
      baselines,
      notes: data.notes,
    })}\n`;
  const failed = (err: unknown): unknown => {
    if (flags.json) {
      const message = err instanceof Error ? firstLine(err.message) : String(err);
      process.stdout.write(doneLine('failed', message, session.snapshot().last, null));
    }
    return err;
  };
  let final: SessionSnapshot;
  try {
    final = await run.drive({
      now: () => performance.now(),
      yieldToHost: yieldToEventLoop,
      waitWhilePaused: () => wait(50),
      onProgress: (metrics: EpochMetrics[]) => {
        if (flags.json) {
          process.stdout.write(metrics.map((m) => `${JSON.stringify(epochJson(m, data.task))}\n`).join(''));
        } else if (bar && metrics.length > 0) {
          bar.update(metrics[metrics.length - 1]);
        }
      },
    });
  } catch (err) {
    throw failed(err);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    bar?.clear();
  }
  trainedSeconds = performance.now() - started;
  const seconds = trainedSeconds / 1000;

  if (final.state === 'diverged') {
    // The session kept the last finite epoch's weights: --out still gets them, to continue from.
    let kept: string | null = null;
    if (flags.out && session.epoch > 0) {
      const model = runModelFile(run, path.basename(flags.out).replace(/\.json$/i, '') || data.name);
      await writeFileAtomic(flags.out, serializeModel(model));
      kept = flags.out;
    }
    const where = kept ? `; wrote them to ${kept} (continue with --from-model ${kept} and a lower --lr)` : '';
    const message = `${final.message ?? 'training diverged'}${where}`;
    if (flags.json) process.stdout.write(doneLine('diverged', message, final.last, kept));
    throw new TrainingError(message);
  }

  let written: string | null = null;
  if (flags.out) {
    try {
      const model = runModelFile(run, path.basename(flags.out).replace(/\.json$/i, '') || data.name);
      await writeFileAtomic(flags.out, serializeModel(model));
    } catch (err) {
      throw failed(err);
    }
    written = flags.out;
  }

  const last = final.last;
  // The references on the same split: does the network beat a constant and a linear model?
  const baselines = fitBaselines(data, session.config);
  const warning = last ? linearBaselineWarning(data.task, last, baselines.linear) : null;
  if (flags.json) {
    process.stdout.write(doneLine(final.state, null, last, written, baselines));
  } else {
    // The warnings among the notes were printed on stderr before the run: not again here.
    const warned = new Set(data.warnings ?? []);
    if (!tty) for (const note of data.notes) if (!warned.has(note)) process.stdout.write(`note: ${note}\n`);
    const what = last ? formatMetrics(last, data.task) : 'no epoch completed';
    process.stdout.write(
      `trained ${describeSpec(session.spec)} for ${count(session.epoch, 'epoch')} in ${seconds.toFixed(1)} s: ${what}\n`,
    );
    process.stdout.write(`baselines: ${formatBaselines(baselines, data.task)}\n`);
    if (warning) process.stdout.write(`note: ${warning}\n`);
    if (written) process.stdout.write(`wrote ${written}\n`);
  }
  if (interrupted) {
    const saved = written
      ? `; wrote ${written} with the weights trained so far`
      : '; nothing saved (no --out)';
    process.stderr.write(
      `nanograd: stopped by Ctrl-C at epoch ${session.epoch} of ${config.epochs}${saved}\n`,
    );
    return EXIT_INTERRUPTED;
  }
  return 0;
}

function describeRun(data: PreparedData, session: TrainingSession, config: TrainConfig): string {
  const rows = `${count(data.train.n, 'training row')}${data.val ? `, ${count(data.val.n, 'validation row')}` : ''}`;
  const activations =
    [...new Set(config.hiddenLayers.map((l) => l.activation))].join('/') || 'no hidden layer';
  const extras = [
    config.regularization !== 'none' ? `${config.regularization} ${config.regRate}` : '',
    config.dropout > 0 ? `dropout ${config.dropout}` : '',
  ]
    .filter((text) => text !== '')
    .map((text) => `, ${text}`)
    .join('');
  return `${data.name}: ${data.task}, ${rows}; network ${describeSpec(session.spec)} ${activations}, ${session.loss}, ${config.optimizer.name} lr ${config.optimizer.lr}${extras}, batch ${config.batchSize}, ${count(config.epochs, 'epoch')}`;
}
