/**
 * `nanograd train`: the CLI host of the TrainingSession. Same session, same defaults as the
 * app; this file only turns flags into a config, shows progress and writes the model file.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { ConfigError, DatasetError, TrainingError, firstLine } from '../../../src-shared/errors';
import {
  ACTIVATIONS,
  INITS,
  LOSSES,
  OPTIMIZERS,
  REGULARIZATIONS,
  type Activation,
  type InitName,
  type Regularization,
  type LayerSpec,
  type OptimizerConfig,
} from '../../../src-shared/engine/types';
import { count, type InputFeature } from '../../../src-shared/data';
import type { MissingPolicy, PreparedData, Table } from '../../../src-shared/data/types';
import { modelNetwork, parseModel, serializeModel } from '../../../src-shared/model';
import type { ModelFile } from '../../../src-shared/model/types';
import {
  DEFAULT_REG_RATE,
  DEFAULT_TRAIN_CONFIG,
  DEFAULT_SCHEDULE,
  LIMITS,
  defaultInitFor,
  describeSpec,
  prepareRun,
  runModelFile,
  startRun,
  validateTrainConfig,
  type ContinueFrom,
  type PreparedRun,
  type TrainingRun,
  type TrainingSession,
  type EpochMetrics,
  type SessionSnapshot,
  type TrainConfig,
  SCHEDULES,
  KEEP_CHOICES,
  type ScheduleName,
} from '../../../src-shared/training';
import type { Keep } from '../../../src-shared/training/early-stop';
import {
  MAX_FOLDS,
  fitBaselines,
  linearBaselineWarning,
  type Baselines,
} from '../../../src-shared/evaluation';
import { writeFileAtomic } from '../../node/atomic-write';
import { EXIT_INTERRUPTED, type CliContext } from '../context';
import { DATA_NAMES, checkWritable, loadTable, readTextFile } from '../files';
import {
  UsageError,
  asFlagError,
  choiceArg,
  integerArg,
  flagFor,
  parseActivations,
  parseBetas,
  parseLayers,
  parseNoise,
  parsePoints,
  parseValFraction,
  trainArgs,
} from '../options';
import { addThreadsOption, useThreads } from '../threads';
import { crossValidate } from './cross-validate';
import { defaultValFraction, featuresOption, prepareOptions } from '../data-flags';
import { ProgressBar, epochJson, formatBaselines, formatMetrics } from '../progress';

export interface TrainFlags {
  data: string;
  target?: string;
  layers?: number[];
  activation?: string[];
  loss?: string;
  optimizer?: string;
  lr?: number;
  epochs?: number;
  batch?: number;
  seed: number;
  val?: number;
  points?: number;
  noise?: number;
  missing: MissingPolicy;
  out?: string;
  json?: boolean;
  fromModel?: string;
  regularization?: Regularization;
  regRate?: number;
  dropout?: number;
  weightInit?: InitName;
  momentum?: number;
  nesterov?: boolean;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  folds?: number;
  workers?: number;
  schedule?: ScheduleName;
  stepSize?: number;
  gamma?: number;
  warmup?: number;
  clipGradNorm?: number;
  earlyStop?: number;
  minDelta?: number;
  keep?: Keep;
  features?: InputFeature[];
  threads?: number;
}

const defaults = DEFAULT_TRAIN_CONFIG;

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

/** The options that define a run (data, network, optimizer, schedule...): train and lr-find share them. */
export function addTrainOptions(command: Command): Command {
  return command
    .requiredOption('--data <file|name>', `a CSV file, or a built-in data set: ${DATA_NAMES.join(', ')}`)
    .option('--target <column>', 'target column of the CSV (default: the last column)')
    .option(
      '--layers <sizes>',
      `hidden layer sizes, comma-separated; "none" for no hidden layer (default: ${defaults.hiddenLayers.map((l) => l.units).join(',')})`,
      parseLayers,
    )
    .option(
      '--activation <names>',
      `hidden activation: ${ACTIVATIONS.join(', ')}; one for all layers or one per layer (default: ${defaults.hiddenLayers[0].activation})`,
      parseActivations,
    )
    .addOption(
      new Option('--loss <name>', 'loss (default: auto = cross_entropy for classes, mse for numbers)')
        .choices(['auto', ...LOSSES])
        .argParser(choiceArg('--loss', ['auto', ...LOSSES])),
    )
    .addOption(
      new Option('--optimizer <name>', `optimizer (default: ${defaults.optimizer.name})`)
        .choices(OPTIMIZERS)
        .argParser(choiceArg('--optimizer', OPTIMIZERS)),
    )
    .option('--lr <rate>', `learning rate (default: ${defaults.optimizer.lr})`, trainArgs.lr)
    .option('--epochs <n>', `epochs (default: ${defaults.epochs})`, trainArgs.epochs)
    .option('--batch <n>', `batch size, 0 = full batch (default: ${defaults.batchSize})`, trainArgs.batch)
    .option(
      '--seed <n>',
      'seed for data generation, split, init and batch order',
      trainArgs.seed,
      defaults.seed,
    )
    .option(
      '--val <fraction>',
      'fraction of rows held out for validation, 0 = none (default: 0.2; 0 for xor, the 4 points of the seed)',
      parseValFraction,
    )
    .option('--points <n>', 'built-in data sets: number of points', parsePoints)
    .option('--noise <level>', 'built-in data sets: noise level 0..1', parseNoise)
    .addOption(featuresOption())
    .addOption(
      new Option(
        '--missing <policy>',
        'rows with missing cells: drop them, or impute the mean / most frequent value',
      )
        .choices(['drop', 'impute'])
        .argParser(choiceArg('--missing', ['drop', 'impute'] as const))
        .default('drop'),
    )
    .addOption(
      new Option(
        '--regularization <kind>',
        `weight penalty added to the loss: l1 (rate x sum |w|), l2 (rate/2 x sum w², gradient rate x w: PyTorch's weight_decay convention) or none (default: ${defaults.regularization})`,
      )
        .choices(REGULARIZATIONS)
        .argParser(choiceArg('--regularization', REGULARIZATIONS)),
    )
    .option(
      '--reg-rate <rate>',
      `regularization rate, 0..${LIMITS.maxRegRate} (default: ${DEFAULT_REG_RATE} with --regularization l1 or l2)`,
      trainArgs.regRate,
    )
    .option(
      '--dropout <p>',
      `dropout probability of the hidden layers while training, 0..${LIMITS.maxDropout} (default: ${defaults.dropout})`,
      trainArgs.dropout,
    )
    .addOption(
      new Option(
        '--weight-init <name>',
        'initial weights: uniform U(-1,1), pytorch (nn.Linear default), xavier, he (default: he for relu/leaky_relu/gelu, xavier otherwise)',
      )
        .choices(INITS)
        .argParser(choiceArg('--weight-init', INITS)),
    )
    .option(
      '--momentum <m>',
      'sgd/momentum: momentum factor, 0 to below 1 (default: 0.9 with --optimizer momentum, 0 with sgd)',
      trainArgs.momentum,
    )
    .option('--nesterov', 'sgd/momentum: Nesterov momentum (needs a momentum above 0, as in PyTorch)')
    .option(
      '--betas <b1,b2>',
      'adam/adamw: the decay rates of the moment estimates (default: 0.9,0.999)',
      parseBetas,
    )
    .option('--eps <e>', 'adam/adamw: added to the denominator for stability (default: 1e-8)', trainArgs.eps)
    .option(
      '--weight-decay <wd>',
      `weight decay, PyTorch's weight_decay: added to the gradient (wd x w) for sgd/momentum/adam, decoupled for adamw; 0..${LIMITS.maxWeightDecay} (default: 0; 0.01 for adamw)`,
      trainArgs.weightDecay,
    )
    .addOption(
      new Option(
        '--schedule <name>',
        'learning-rate schedule as in PyTorch: constant, step (StepLR, per epoch), cosine (CosineAnnealingLR, T_max = epochs, eta_min 0, per epoch), onecycle (OneCycleLR with its defaults, max_lr = --lr, per batch) (default: constant)',
      )
        .choices(SCHEDULES)
        .argParser(choiceArg('--schedule', SCHEDULES)),
    )
    .option('--step-size <epochs>', 'step schedule: epochs between decays (default: 10)', trainArgs.stepSize)
    .option('--gamma <factor>', 'step schedule: decay factor (default: 0.1)', trainArgs.gamma)
    .option(
      '--warmup <epochs>',
      'linear warm-up over the first epochs before the schedule (lr x (e+1)/(N+1)); not with onecycle (default: 0)',
      trainArgs.warmup,
    )
    .option(
      '--clip-grad-norm <max>',
      'clip the total L2 norm of all gradients to max before each update, as torch.nn.utils.clip_grad_norm_ (default: off)',
      trainArgs.clipGradNorm,
    )
    .option(
      '--early-stop <patience>',
      "stop when the validation loss has not improved for this many epochs; the saved model is the best epoch's (needs --val > 0)",
      trainArgs.earlyStop,
    )
    .option(
      '--min-delta <d>',
      'with --early-stop: an improvement must lower the validation loss by more than d (default: 0)',
      trainArgs.minDelta,
    )
    .addOption(
      new Option(
        '--keep <which>',
        "with --early-stop: save the best epoch's weights or the last epoch's (default: best)",
      )
        .choices(KEEP_CHOICES)
        .argParser(choiceArg('--keep', KEEP_CHOICES)),
    );
}

function parseFolds(value: string): number {
  const k = integerArg('--folds')(value);
  if (k < 2 || k > MAX_FOLDS)
    throw new UsageError(`--folds must be a whole number from 2 to ${MAX_FOLDS} (got ${value.trim()})`);
  return k;
}

function parseWorkers(value: string): number {
  const n = integerArg('--workers')(value);
  if (n < 1 || n > 256)
    throw new UsageError(`--workers must be a whole number from 1 to 256 (got ${value.trim()})`);
  return n;
}

/** Flags that would silently do nothing together are refused before any work. */
export function checkFlagCombinations(flags: TrainFlags): void {
  if (flags.folds !== undefined) {
    const clash = flags.out
      ? '--out (K models are trained to score the design; train without --folds to save one)'
      : flags.fromModel
        ? '--from-model (each fold starts from fresh weights)'
        : flags.val !== undefined
          ? '--val (each fold validates on 1/K of the rows)'
          : null;
    if (clash) throw new UsageError(`--folds cannot be combined with ${clash}`, 'folds');
  } else if (flags.workers !== undefined) {
    throw new UsageError('--workers has no effect without --folds', 'workers');
  }
  if (flags.regRate !== undefined && flags.regRate > 0 && (flags.regularization ?? 'none') === 'none')
    throw new UsageError(
      `--reg-rate ${flags.regRate} has no effect without --regularization l1 or l2`,
      'regRate',
    );
  const epochs = flags.epochs ?? defaults.epochs;
  const schedule = flags.schedule ?? 'constant';
  if ((flags.stepSize !== undefined || flags.gamma !== undefined) && schedule !== 'step')
    throw new UsageError(
      `${flags.stepSize !== undefined ? '--step-size' : '--gamma'} has no effect without --schedule step`,
      'schedule',
    );
  if (flags.warmup !== undefined && flags.warmup > 0 && schedule === 'onecycle')
    throw new UsageError(
      '--warmup cannot be combined with --schedule onecycle, which warms up by itself (its first 30% of steps)',
      'schedule.warmup',
    );
  if (flags.warmup !== undefined && flags.warmup >= epochs)
    throw new UsageError(
      `--warmup must be less than --epochs (${epochs}) (got ${flags.warmup})`,
      'schedule.warmup',
    );
  if (flags.earlyStop === undefined && (flags.minDelta !== undefined || flags.keep !== undefined))
    throw new UsageError(
      `${flags.minDelta !== undefined ? '--min-delta' : '--keep'} has no effect without --early-stop`,
      'earlyStopping',
    );
  if (flags.earlyStop !== undefined && (flags.val ?? defaultValFraction(flags.data)) === 0)
    throw new UsageError(
      '--early-stop needs a validation split: it watches the validation loss (use --val 0.2, say)',
      'earlyStopping',
    );
  if (flags.earlyStop !== undefined && flags.folds !== undefined)
    throw new UsageError('--early-stop cannot be combined with --folds', 'earlyStopping');
  if (flags.weightInit !== undefined && flags.fromModel !== undefined)
    throw new UsageError(
      '--weight-init has no effect with --from-model: the weights come from the saved model',
      'init',
    );
}

function hiddenLayersFrom(flags: TrainFlags, initModel: ModelFile | null): LayerSpec[] {
  const fromModel = initModel ? modelNetwork(initModel).spec.layers.slice(0, -1) : null;
  const sizes =
    flags.layers ?? (fromModel ? fromModel.map((l) => l.units) : defaults.hiddenLayers.map((l) => l.units));
  const modelActivations = fromModel && fromModel.length > 0 ? fromModel.map((l) => l.activation) : null;
  const activations =
    flags.activation ??
    (modelActivations && (!flags.layers || flags.layers.length === modelActivations.length)
      ? modelActivations
      : [modelActivations?.[0] ?? defaults.hiddenLayers[0].activation]);
  if (activations.length !== 1 && activations.length !== sizes.length) {
    throw new UsageError(
      `--activation lists ${count(activations.length, 'activation')} for ${count(sizes.length, 'hidden layer')}: give one for all or one per layer`,
      'hiddenLayers',
    );
  }
  return sizes.map((units, i) => ({
    units,
    activation: (activations.length === 1 ? activations[0] : activations[i]) as Activation,
  }));
}

/** `--reg-rate`, else the saved model's rate, else DEFAULT_REG_RATE once a penalty is chosen. */
function regRateFrom(flags: TrainFlags, saved: TrainConfig | null): number {
  if (flags.regRate !== undefined) return flags.regRate;
  if (flags.regularization === undefined && saved) return saved.regRate;
  return (flags.regularization ?? 'none') === 'none' ? 0 : DEFAULT_REG_RATE;
}

const OPTIMIZER_FLAGS = ['--momentum', '--nesterov', '--betas', '--eps', '--weight-decay'];

function flagGiven(flags: TrainFlags, flag: string): boolean {
  const key = {
    '--momentum': 'momentum',
    '--nesterov': 'nesterov',
    '--betas': 'betas',
    '--eps': 'eps',
    '--weight-decay': 'weightDecay',
  }[flag] as keyof TrainFlags | undefined;
  return key !== undefined && flags[key] !== undefined;
}

/** The optimizer of the flags; continuing a model keeps its saved settings for the same optimizer. */
function optimizerFrom(flags: TrainFlags, saved: TrainConfig | null): OptimizerConfig {
  const name = (flags.optimizer ??
    saved?.optimizer.name ??
    defaults.optimizer.name) as OptimizerConfig['name'];
  const kept = saved && saved.optimizer.name === name ? saved.optimizer : null;
  const optimizer: OptimizerConfig = {
    ...kept,
    name,
    lr: flags.lr ?? saved?.optimizer.lr ?? defaults.optimizer.lr,
  };
  if (flags.momentum !== undefined) optimizer.momentum = flags.momentum;
  if (flags.nesterov) optimizer.nesterov = true;
  if (flags.betas) [optimizer.beta1, optimizer.beta2] = flags.betas;
  if (flags.eps !== undefined) optimizer.eps = flags.eps;
  if (flags.weightDecay !== undefined) optimizer.weightDecay = flags.weightDecay;
  return optimizer;
}

export function buildConfig(flags: TrainFlags, initModel: ModelFile | null, initPath?: string): TrainConfig {
  const hiddenLayers = hiddenLayersFrom(flags, initModel);
  const saved = initModel?.training?.config ?? null;
  const raw = {
    hiddenLayers,
    loss: flags.loss ?? (initModel ? initModel.loss : defaults.loss),
    optimizer: optimizerFrom(flags, saved),
    batchSize: flags.batch ?? defaults.batchSize,
    epochs: flags.epochs ?? defaults.epochs,
    regularization: flags.regularization ?? saved?.regularization ?? defaults.regularization,
    regRate: regRateFrom(flags, saved),
    dropout: flags.dropout ?? saved?.dropout ?? defaults.dropout,
    init:
      flags.weightInit ?? (hiddenLayers.length > 0 ? defaultInitFor(hiddenLayers[0].activation) : 'xavier'),
    seed: flags.seed,
    schedule: {
      name: flags.schedule ?? 'constant',
      stepSize: flags.stepSize ?? DEFAULT_SCHEDULE.stepSize,
      gamma: flags.gamma ?? DEFAULT_SCHEDULE.gamma,
      warmup: flags.warmup ?? 0,
    },
    clipGradNorm: flags.clipGradNorm ?? 0,
    earlyStopping:
      flags.earlyStop === undefined ? null : { patience: flags.earlyStop, minDelta: flags.minDelta ?? 0 },
    keep: flags.keep ?? 'best',
    features: flags.features ?? saved?.features,
  };
  try {
    return validateTrainConfig(raw);
  } catch (err) {
    // A rule between optimizer flags (--nesterov without momentum, --betas with sgd) is a usage error.
    const flag = err instanceof ConfigError ? flagFor(err.location.field ?? '') : null;
    if (flag && OPTIMIZER_FLAGS.includes(flag) && flagGiven(flags, flag))
      throw new UsageError(
        `${flag}${err instanceof ConfigError ? err.message.slice((err.location.field ?? '').length) : ''}`,
        err instanceof ConfigError ? err.location.field : undefined,
      );
    // Every other flag value was checked while parsing, so what is left came from the --from-model model.
    if (err instanceof ConfigError && initPath)
      throw new ConfigError(`${initPath}: its saved training config: ${err.message}`, {
        ...err.location,
        file: initPath,
      });
    throw err;
  }
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

/** prepareRun, with what it says about the validation fraction naming --val. */
export function prepareForRun(
  table: Table,
  flags: TrainFlags,
  valFraction: number,
  builtin: boolean,
  fromModel: ContinueFrom | null,
): PreparedRun {
  const asFlag = (text: string) => text.replace(/^validation fraction /, '--val ');
  try {
    const prepared = prepareRun(
      {
        table,
        prepare: prepareOptions(flags, valFraction, builtin),
      },
      fromModel,
    );
    const data = prepared.data;
    return {
      ...prepared,
      data: { ...data, notes: data.notes.map(asFlag), warnings: data.warnings?.map(asFlag) },
    };
  } catch (err) {
    if (err instanceof DatasetError && err.location.field === 'valFraction')
      throw new DatasetError(asFlag(err.message), err.location);
    throw err;
  }
}

async function train(flags: TrainFlags): Promise<number> {
  const valFraction = flags.val ?? defaultValFraction(flags.data);
  if (flags.out) await checkWritable(flags.out);

  const initModel = flags.fromModel ? parseModel(await readTextFile(flags.fromModel), flags.fromModel) : null;
  const config = buildConfig(flags, initModel, flags.fromModel);
  const { table, builtin } = await loadTable(flags.data, {
    points: flags.points,
    noise: flags.noise,
    seed: flags.seed,
  });
  if (flags.folds !== undefined)
    return crossValidate({ table, builtin, flags, config, folds: flags.folds, workers: flags.workers });
  const fromModel =
    initModel && flags.fromModel ? { model: initModel, label: `--from-model ${flags.fromModel}` } : null;
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
