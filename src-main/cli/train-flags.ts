/** The flags that define a training run (train, lr-find and sweep share them), and their parsing. */
import { Option, type Command } from 'commander';
import {
  ACTIVATIONS,
  INITS,
  LOSSES,
  OPTIMIZERS,
  REGULARIZATIONS,
  type InitName,
  type Regularization,
} from '../../src-shared/engine/types';
import { type InputFeature } from '../../src-shared/data';
import type { MissingPolicy } from '../../src-shared/data/types';
import {
  DEFAULT_REG_RATE,
  DEFAULT_TRAIN_CONFIG,
  LIMITS,
  SCHEDULES,
  KEEP_CHOICES,
  type ScheduleName,
} from '../../src-shared/training';
import type { Keep } from '../../src-shared/training/early-stop';
import { MAX_FOLDS } from '../../src-shared/evaluation';
import { DATA_NAMES } from './files';
import {
  UsageError,
  choiceArg,
  integerArg,
  parseActivations,
  parseBetas,
  parseLayers,
  parseNoise,
  parsePoints,
  parseValFraction,
  trainArgs,
} from './options';
import { defaultValFraction, featuresOption } from './data-flags';

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

export function parseFolds(value: string): number {
  const k = integerArg('--folds')(value);
  if (k < 2 || k > MAX_FOLDS)
    throw new UsageError(`--folds must be a whole number from 2 to ${MAX_FOLDS} (got ${value.trim()})`);
  return k;
}

export function parseWorkers(value: string): number {
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
