/**
 * Built-in data sets, TF-Playground-like: raw 2-D points in the generator's own units (never
 * standardized here; the seed's XOR must stay 0/1), deterministic for a seed.
 */
import { ConfigError } from '../../errors';
import type { BuiltinKind, GeneratorOptions, Table, Task } from '../types';
import { BUILTIN_DATASETS } from '../types';
import { generateCircle } from './circle';
import { generateGauss } from './gauss';
import { generateMoons } from './moons';
import { generatePlane, generateSine } from './regression';
import { generateSpiral2, generateSpiral3 } from './spiral';
import { generateXor } from './xor';
import { generateXorNoisy } from './xor-noisy';

export const MAX_GENERATED_POINTS = 1_000_000;
export const MIN_GENERATED_POINTS = 4;

interface BuiltinEntry {
  task: Task;
  defaults: GeneratorOptions;
  generate(source: string, opts: GeneratorOptions): Table;
}

const BUILTINS: Record<BuiltinKind, BuiltinEntry> = {
  xor: { task: 'classification', defaults: { points: 4, noise: 0, seed: 0 }, generate: generateXor },
  'xor-noisy': {
    task: 'classification',
    defaults: { points: 400, noise: 0.1, seed: 1 },
    generate: generateXorNoisy,
  },
  circle: {
    task: 'classification',
    defaults: { points: 400, noise: 0.1, seed: 1 },
    generate: generateCircle,
  },
  gauss: { task: 'classification', defaults: { points: 400, noise: 0.1, seed: 1 }, generate: generateGauss },
  spiral: {
    task: 'classification',
    defaults: { points: 400, noise: 0.1, seed: 1 },
    generate: generateSpiral2,
  },
  // 300 points, noise 0.2, seed 1 = the benchmark anchors' W2 spiral.
  spiral3: {
    task: 'classification',
    defaults: { points: 300, noise: 0.2, seed: 1 },
    generate: generateSpiral3,
  },
  moons: { task: 'classification', defaults: { points: 400, noise: 0.1, seed: 1 }, generate: generateMoons },
  'regression-plane': {
    task: 'regression',
    defaults: { points: 400, noise: 0.05, seed: 1 },
    generate: generatePlane,
  },
  'regression-sine': {
    task: 'regression',
    defaults: { points: 400, noise: 0.1, seed: 1 },
    generate: generateSine,
  },
};

export function isBuiltinKind(name: string): name is BuiltinKind {
  return (BUILTIN_DATASETS as readonly string[]).includes(name);
}

export function builtinDefaults(kind: BuiltinKind): GeneratorOptions & { task: Task } {
  const entry = BUILTINS[kind];
  if (!entry) throw unknownKind(kind);
  return { ...entry.defaults, task: entry.task };
}

/** Generates a built-in data set: columns x1, x2 and `label` (class names "0", "1", ...) or `y`. */
export function generateTable(kind: BuiltinKind, opts: GeneratorOptions): Table {
  const entry = BUILTINS[kind];
  if (!entry) throw unknownKind(kind);
  if (kind !== 'xor') checkOptions(kind, opts);
  return entry.generate(kind, opts);
}

function unknownKind(kind: string): ConfigError {
  return new ConfigError(
    `unknown built-in data set "${kind}" (choose one of: ${BUILTIN_DATASETS.join(', ')})`,
    {
      field: 'dataset',
    },
  );
}

function checkOptions(kind: BuiltinKind, opts: GeneratorOptions): void {
  const { points, noise, seed } = opts;
  if (!Number.isInteger(points) || points < MIN_GENERATED_POINTS || points > MAX_GENERATED_POINTS) {
    throw new ConfigError(
      `${kind}: points must be an integer from ${MIN_GENERATED_POINTS} to ${MAX_GENERATED_POINTS} (got ${points})`,
      { field: 'points' },
    );
  }
  if (typeof noise !== 'number' || !Number.isFinite(noise) || noise < 0 || noise > 1) {
    throw new ConfigError(`${kind}: noise must be a number from 0 to 1 (got ${noise})`, { field: 'noise' });
  }
  if (!Number.isSafeInteger(seed)) {
    throw new ConfigError(`${kind}: seed must be an integer (got ${seed})`, { field: 'seed' });
  }
}
