/**
 * Flag values. Exit codes (issue 5): 2 for a usage error, 1 for everything else.
 *
 * A usage error is a value that is wrong whatever the data: not of the right kind (`--lr abc`,
 * `--epochs 2.5`), out of range (`--lr -1`, `--epochs 0`, `--val 1.5`, `--layers 0`), not one
 * of the names (`--activation foo`, `--loss hinge`), plus commander's own complaints (unknown
 * flag, missing required flag). Each value is checked while the command line is parsed, by the
 * same validator the app's settings go through (validateTrainConfig), so the ranges live in one
 * place; the message names the flag: `nanograd: --lr must be a number greater than 0 and at most
 * 1000 (got -1)`. Nothing has been read or written when a usage error is reported.
 *
 * Exit 1 stays for files and data, including a valid value that does not fit this data or
 * model: `--target` naming no column, `--loss bce` on 3 classes, `--val` leaving fewer than 2
 * training rows, `--from-model` with a model for other data, an unreadable CSV, a diverged run.
 */
import { ConfigError } from '../../src-shared/errors';
import { MAX_GENERATED_POINTS, MIN_GENERATED_POINTS } from '../../src-shared/data';
import { DEFAULT_TRAIN_CONFIG, LIMITS, validateTrainConfig } from '../../src-shared/training';

/** A bad command line: main prints `nanograd: <message>` and exits 2. */
export class UsageError extends ConfigError {
  constructor(message: string, field?: string) {
    super(message, field === undefined ? {} : { field });
    this.name = 'UsageError';
  }
}

/** The exit code of a usage error (commander's own errors included). */
export const EXIT_USAGE = 2;

type Parser<T> = (value: string) => T;

/** The value as typed: numbers bare (`got -1`), anything else quoted (`got "fast"`). */
function shown(value: string): string {
  return value.trim() !== '' && Number.isFinite(Number(value)) ? value.trim() : JSON.stringify(value);
}

/** Any finite number (`--lr 1e-3`, `--noise 0.2`). */
export function numberArg(flag: string): Parser<number> {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n))
      throw new UsageError(`${flag} must be a number (got ${shown(value)})`);
    return n;
  };
}

/** A whole number (`--epochs 20`). */
export function integerArg(flag: string): Parser<number> {
  const number = numberArg(flag);
  return (value) => {
    const n = number(value);
    if (!Number.isInteger(n)) throw new UsageError(`${flag} must be a whole number (got ${shown(value)})`);
    return n;
  };
}

/** One of `values` (help still lists them: pair it with Option.choices). */
export function choiceArg<T extends string>(flag: string, values: readonly T[]): Parser<T> {
  return (value) => {
    if (!(values as readonly string[]).includes(value))
      throw new UsageError(`${flag} must be one of ${values.join(', ')} (got ${shown(value)})`);
    return value as T;
  };
}

/**
 * `value` checked by validateTrainConfig as the one setting of an otherwise default config;
 * a complaint about `field` comes back as a UsageError naming `flag`.
 */
function checkSetting(flag: string, field: string, config: Record<string, unknown>): void {
  try {
    validateTrainConfig(config);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const renamed = renameField(err, field, flag);
    throw new UsageError(renamed ?? `${flag}: ${err.message}`, err.location.field);
  }
}

/** `optimizer.lr must be …` -> `--lr must be …`; hiddenLayers[i].x -> `--layers (layer i+1) …`. */
function renameField(err: ConfigError, field: string, flag: string): string | null {
  const at = err.location.field ?? '';
  if (!err.message.startsWith(at)) return null;
  const rest = err.message.slice(at.length);
  if (at === field) return `${flag}${rest}`;
  const layer = /^hiddenLayers\[(\d+)\]\.(units|activation)$/.exec(at);
  if (layer && field === 'hiddenLayers') return `${flag} (layer ${Number(layer[1]) + 1})${rest}`;
  return null;
}

/** A training setting: parsed by `parse`, then range-checked by validateTrainConfig. */
function settingArg<T>(
  flag: string,
  field: string,
  parse: Parser<T>,
  config: (value: T) => Record<string, unknown>,
): Parser<T> {
  return (value) => {
    const parsed = parse(value);
    checkSetting(flag, field, config(parsed));
    return parsed;
  };
}

/** `16,16` -> [16, 16]; `none` or an empty string -> no hidden layers (a linear/logistic model). */
export function parseLayers(value: string): number[] {
  const text = value.trim();
  if (text === '' || text === 'none') return [];
  const sizes = text.split(',').map((part) => {
    const n = Number(part.trim());
    if (part.trim() === '' || !Number.isInteger(n))
      throw new UsageError(`--layers: "${part.trim()}" is not a layer size (use e.g. 16,16, or none)`);
    return n;
  });
  const layers = sizes.map((units) => ({
    units,
    activation: DEFAULT_TRAIN_CONFIG.hiddenLayers[0].activation,
  }));
  if (sizes.length === 1) checkSetting('--layers', 'hiddenLayers[0].units', { hiddenLayers: layers });
  else checkSetting('--layers', 'hiddenLayers', { hiddenLayers: layers });
  return sizes;
}

/** `relu` or `relu,tanh`: one activation for all hidden layers or one per layer. */
export function parseActivations(value: string): string[] {
  const names = parseList(value);
  if (names.length === 0) throw new UsageError('--activation must name an activation (got "")');
  const layers = names.map((activation) => ({ units: 1, activation }));
  if (names.length === 1)
    checkSetting('--activation', 'hiddenLayers[0].activation', { hiddenLayers: layers });
  else checkSetting('--activation', 'hiddenLayers', { hiddenLayers: layers });
  return names;
}

export function parseList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The numeric training flags of `nanograd train`, each range-checked like the app's settings. */
export const trainArgs = {
  lr: settingArg('--lr', 'optimizer.lr', numberArg('--lr'), (lr) => ({
    optimizer: { name: DEFAULT_TRAIN_CONFIG.optimizer.name, lr },
  })),
  epochs: settingArg('--epochs', 'epochs', integerArg('--epochs'), (epochs) => ({ epochs })),
  batch: settingArg('--batch', 'batchSize', integerArg('--batch'), (batchSize) => ({ batchSize })),
  seed: settingArg('--seed', 'seed', integerArg('--seed'), (seed) => ({ seed })),
  regRate: settingArg('--reg-rate', 'regRate', numberArg('--reg-rate'), (regRate) => ({ regRate })),
  dropout: settingArg('--dropout', 'dropout', numberArg('--dropout'), (dropout) => ({ dropout })),
  stepSize: settingArg('--step-size', 'schedule.stepSize', integerArg('--step-size'), (stepSize) => ({
    schedule: { name: 'step', stepSize },
  })),
  gamma: settingArg('--gamma', 'schedule.gamma', numberArg('--gamma'), (gamma) => ({
    schedule: { name: 'step', gamma },
  })),
  warmup: settingArg('--warmup', 'schedule.warmup', integerArg('--warmup'), (warmup) => ({
    epochs: LIMITS.maxEpochs,
    schedule: { name: 'constant', warmup },
  })),
  clipGradNorm: settingArg(
    '--clip-grad-norm',
    'clipGradNorm',
    numberArg('--clip-grad-norm'),
    (clipGradNorm) => ({
      clipGradNorm,
    }),
  ),
  earlyStop: settingArg('--early-stop', 'earlyStopping.patience', integerArg('--early-stop'), (patience) => ({
    epochs: LIMITS.maxEpochs,
    earlyStopping: { patience, minDelta: 0 },
  })),
  minDelta: settingArg('--min-delta', 'earlyStopping.minDelta', numberArg('--min-delta'), (minDelta) => ({
    earlyStopping: { patience: 1, minDelta },
  })),
  momentum: settingArg('--momentum', 'optimizer.momentum', numberArg('--momentum'), (momentum) => ({
    optimizer: { name: 'momentum', lr: DEFAULT_TRAIN_CONFIG.optimizer.lr, momentum },
  })),
  eps: settingArg('--eps', 'optimizer.eps', numberArg('--eps'), (eps) => ({
    optimizer: { name: 'adam', lr: DEFAULT_TRAIN_CONFIG.optimizer.lr, eps },
  })),
  weightDecay: settingArg(
    '--weight-decay',
    'optimizer.weightDecay',
    numberArg('--weight-decay'),
    (weightDecay) => ({ optimizer: { name: 'adam', lr: DEFAULT_TRAIN_CONFIG.optimizer.lr, weightDecay } }),
  ),
};

/** A positive finite number (`lr-find --from 1e-6`). */
export function positiveArg(flag: string): Parser<number> {
  const number = numberArg(flag);
  return (value) => {
    const n = number(value);
    if (!(n > 0)) throw new UsageError(`${flag} must be a number greater than 0 (got ${shown(value)})`);
    return n;
  };
}

/** `--betas 0.9,0.999`: Adam's two decay rates, each in [0, 1). */
export function parseBetas(value: string): [number, number] {
  const parts = value.split(',');
  if (parts.length !== 2)
    throw new UsageError(
      `--betas must be two numbers separated by a comma, e.g. 0.9,0.999 (got ${shown(value)})`,
    );
  const [beta1, beta2] = parts.map((part) => numberArg('--betas')(part));
  const lr = DEFAULT_TRAIN_CONFIG.optimizer.lr;
  checkSetting('--betas', 'optimizer.beta1', { optimizer: { name: 'adam', lr, beta1 } });
  checkSetting('--betas', 'optimizer.beta2', { optimizer: { name: 'adam', lr, beta2 } });
  return [beta1, beta2];
}

/** `--val`: the share of rows held out, 0 <= f < 1. */
export function parseValFraction(value: string): number {
  const f = numberArg('--val')(value);
  if (f < 0 || f >= 1)
    throw new UsageError(`--val must be a number from 0 to less than 1 (got ${shown(value)})`);
  return f;
}

/** `--points` of a built-in data set (the generators' limits). */
export function parsePoints(value: string): number {
  const n = integerArg('--points')(value);
  if (n < MIN_GENERATED_POINTS || n > MAX_GENERATED_POINTS)
    throw new UsageError(
      `--points must be an integer from ${MIN_GENERATED_POINTS} to ${MAX_GENERATED_POINTS} (got ${shown(value)})`,
    );
  return n;
}

/** `--noise` of a built-in data set, 0..1. */
export function parseNoise(value: string): number {
  const n = numberArg('--noise')(value);
  if (n < 0 || n > 1) throw new UsageError(`--noise must be a number from 0 to 1 (got ${shown(value)})`);
  return n;
}

/** validateTrainConfig field paths -> the flag a CLI user typed. */
export function flagFor(field: string): string | null {
  const layer = /^hiddenLayers\[(\d+)\]\.(units|activation)$/.exec(field);
  if (layer)
    return layer[2] === 'units'
      ? `--layers (layer ${Number(layer[1]) + 1})`
      : `--activation (layer ${Number(layer[1]) + 1})`;
  const flags: Record<string, string> = {
    hiddenLayers: '--layers',
    loss: '--loss',
    'optimizer.name': '--optimizer',
    'optimizer.lr': '--lr',
    'optimizer.momentum': '--momentum',
    'optimizer.nesterov': '--nesterov',
    'optimizer.beta1': '--betas',
    'optimizer.beta2': '--betas',
    'optimizer.eps': '--eps',
    'optimizer.weightDecay': '--weight-decay',
    batchSize: '--batch',
    epochs: '--epochs',
    seed: '--seed',
    regularization: '--regularization',
    regRate: '--reg-rate',
    dropout: '--dropout',
    init: '--weight-init',
    'schedule.name': '--schedule',
    'schedule.stepSize': '--step-size',
    'schedule.gamma': '--gamma',
    'schedule.warmup': '--warmup',
    clipGradNorm: '--clip-grad-norm',
    earlyStopping: '--early-stop',
    'earlyStopping.patience': '--early-stop',
    'earlyStopping.minDelta': '--min-delta',
    keep: '--keep',
    features: '--features',
  };
  return flags[field] ?? null;
}

/**
 * Rewrites `optimizer.lr must be …` as `--lr must be …` so the message names what the user
 * typed. For checks that depend on the data (the session's `--loss bce needs exactly 2
 * classes`): the result stays a ConfigError, exit 1.
 */
export function asFlagError(err: unknown): unknown {
  if (!(err instanceof ConfigError) || !err.location.field) return err;
  const field = err.location.field;
  const flag = flagFor(field);
  if (!flag || !err.message.startsWith(field)) return err;
  return new ConfigError(`${flag}${err.message.slice(field.length)}`, err.location);
}
