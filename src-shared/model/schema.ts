/**
 * zod schemas for the model file (a project file's state is read with the api's
 * `savedProjectStateSchema`, ../api-schemas.ts: the shape Save project checks), and the
 * translation of zod issues into ONE-line messages that name the file and the field
 * (`model.json: field "layers[1].activation" must be one of ...`). Structure is checked here;
 * relations between fields (sizes chaining, weight counts, preprocessing width) are checked in
 * ./model-checks.ts.
 */
import { z } from 'zod';
import { ACTIVATIONS, LOSSES, OUTPUT_TRANSFORMS } from '../engine/types';
import { INPUT_FEATURES } from '../data/prepare/input-features';
import { count as countOf } from '../data/plural';
import { savedTrainConfigSchema } from '../training/config';
import { savedEpochMetricsSchema } from '../training/metrics-schema';
import { formatFieldPath, valueAt } from '../zod-issues';

const count = z.number().int().min(0);
const size = z.number().int().min(1).max(1_000_000);
const nullableNumber = z.number().nullable();

/** A saved config: the one training config schema (../training/config.ts), extra fields dropped. */
const trainConfigSchema = savedTrainConfigSchema;

const taskSchema = z.enum(['classification', 'regression']);

export const preprocessingSchema = z.object({
  features: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['numeric', 'categorical']),
      mean: z.number().optional(),
      std: z.number().optional(),
      categories: z.array(z.string()).optional(),
      fill: z.union([z.number(), z.string()]).optional(),
    }),
  ),
  encodedNames: z.array(z.string()),
  inputFeatures: z.array(z.enum(INPUT_FEATURES)).min(1).optional(),
  target: z.object({
    name: z.string(),
    task: taskSchema,
    classes: z.array(z.string()).optional(),
    mean: z.number().optional(),
    std: z.number().optional(),
  }),
  missing: z.object({ policy: z.enum(['drop', 'impute']), rowsDropped: count, cellsImputed: count }),
});

const splitRecordSchema = z.object({
  valFraction: z.number().min(0).max(1),
  seed: z.number().int(),
  stratified: z.boolean(),
  fold: z.object({ count: count, index: count }).optional(),
  rows: count,
  trainRows: count,
  valRows: count,
  fingerprint: z.string(),
});

export const modelFileSchema = z.object({
  format: z.literal('nanograd-studio/model'),
  version: z.literal(1),
  name: z.string(),
  createdAt: z.string(),
  task: taskSchema,
  loss: z.enum(LOSSES),
  output: z.enum(OUTPUT_TRANSFORMS),
  layers: z.array(z.object({ inSize: size, outSize: size, activation: z.enum(ACTIVATIONS) })).min(1),
  activations: z.array(z.enum(ACTIVATIONS)),
  weights: z.array(z.object({ weight: z.array(z.number()), bias: z.array(z.number()) })),
  preprocessing: preprocessingSchema,
  training: z
    .object({
      config: trainConfigSchema,
      epochs: count,
      metrics: savedEpochMetricsSchema.nullable(),
      /** Every epoch of the run that wrote the file (its curves), when the writer kept them. */
      history: z.array(savedEpochMetricsSchema).optional(),
      split: splitRecordSchema.optional(),
      best: z
        .object({ epoch: count, valLoss: z.number(), valAccuracy: nullableNumber })
        .nullable()
        .optional(),
      stoppedEpoch: count.nullable().optional(),
      weightsFrom: z.enum(['best', 'last']).optional(),
    })
    .nullable(),
});

// ---------- issue -> one line ----------

/** `['weights', 1, 'bias']` -> `weights[1].bias` */
export const fieldPath = formatFieldPath;

/** Short description of a JSON value for messages: `null`, `"abc"`, `a string`, `an array of 3`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return value.length <= 40 ? JSON.stringify(value) : `a string of ${value.length} characters`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return 'an object';
}

const ARTICLE: Record<string, string> = {
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  int: 'an integer',
};

export interface FieldProblem {
  field: string;
  message: string;
}

/** The first zod issue as `field "<path>" <problem>` (one line). */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown): FieldProblem {
  const path = issue.path;
  const field = fieldPath(path);
  const value = valueAt(root, path);
  const got = describeValue(value);
  const name = `field "${field}"`;
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return { field, message: `${name} is missing` };
      const wanted = ARTICLE[issue.expected] ?? issue.expected;
      // JSON has no NaN/Infinity: a diverged value shows up as null or as text.
      // A JSON number beyond the float64 range (1e400) reads back as Infinity.
      if (typeof value === 'number' && !Number.isFinite(value))
        return {
          field,
          message: `${name} must be a finite number, got a number beyond any float range (it reads as ${value})`,
        };
      const nonFinite =
        value === null || (typeof value === 'string' && /^[+-]?(nan|inf(inity)?)$/i.test(value));
      const extra =
        issue.expected === 'number' && nonFinite ? ' (NaN and Infinity cannot be stored in a model)' : '';
      return { field, message: `${name} must be ${wanted}, got ${got}${extra}` };
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v));
      const wanted = allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`;
      return { field, message: `${name} must be ${wanted}, got ${got}` };
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'array')
        return {
          field,
          message: `${name} must have at least ${countOf(Number(min), 'entry', 'entries')}, got ${got}`,
        };
      return { field, message: `${name} must be at least ${min}, got ${got}` };
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'array')
        return {
          field,
          message: `${name} must have at most ${countOf(Number(max), 'entry', 'entries')}, got ${got}`,
        };
      return { field, message: `${name} must be at most ${max}, got ${got}` };
    }
    case 'unrecognized_keys': {
      // Strict objects (the project state) refuse a key they do not know: name that key.
      const key = fieldPath([...path, issue.keys[0] ?? '?']);
      return { field: key, message: `field "${key}" is not allowed` };
    }
    case 'invalid_union': {
      if (value === undefined) return { field, message: `${name} is missing` };
      // A discriminated union with an unknown tag lists the allowed tags ("builtin" or "csv").
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options) && options.length > 0) {
        const allowed = options.map((o) => JSON.stringify(o));
        const wanted =
          allowed.length === 1
            ? allowed[0]
            : `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
        return { field, message: `${name} must be ${wanted}, got ${got}` };
      }
      // A union with its own sentence (a metric "must be a number or null").
      if (issue.message.startsWith('must '))
        return { field, message: `${name} ${issue.message}, got ${got}` };
      return { field, message: `${name} has an unexpected form (got ${got})` };
    }
    case 'custom':
      // The training config's rules carry their own sentence ("must be an integer from 1 to 1024").
      return { field, message: `${name} ${issue.message}, got ${got}` };
    default:
      return { field, message: `${name}: ${issue.message}` };
  }
}
