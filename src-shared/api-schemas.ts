/**
 * Runtime schemas for every request payload of the api.ts contract. Both hosts (the Electron
 * main process and the web build's worker) run `validateRequest` before touching a payload,
 * so a malformed request from a compromised or buggy renderer becomes a one-line PayloadError
 * (`train:start: field "optimizer.lr" must be a positive number`) instead of a crash.
 *
 * `train:start` is validated by the one training config schema (./training/config.ts: ranges
 * from LIMITS and the rules between fields), the same one the model file and the CLI use.
 */
import { z } from 'zod';
import { PayloadError } from './errors';
import { DATA_MAP_KINDS, REQUEST_CHANNELS } from './api';
import type { RequestChannel, RequestOf } from './api';
import { BUILTIN_DATASETS } from './data/types';
import type { ExportFormat, ExportedFile } from './model/types';
import {
  LIMITS,
  layerSpecSchema,
  optimizerConfigSchema,
  savedTrainConfigSchema,
  trainConfigSchema,
} from './training/config';
import { formatFieldPath } from './zod-issues';
import { integerField, numberField, requiredOr } from './zod-fields';
import { epochMetricsSchema, savedEpochMetricsSchema } from './training/metrics-schema';
import { SWEEP_PARAM_NAMES } from './experiments/params';
import { VIEW_SPLITS } from './evaluation/view';
import { MAX_THREADS } from './engine/fast/gemm-threads';
import { MAX_FOLDS } from './evaluation/cv-app';
import { MAX_PAINTED_POINTS } from './data/paint';

/** Largest text payload accepted (CSV, model, project): bigger files are not small-network data. */
export const MAX_TEXT_CHARS = 200 * 1024 * 1024;
export const MAX_NAME_CHARS = 1024;
export const EXPORT_FORMATS = [
  'json',
  'onnx',
  'pytorch',
  'predictions',
] as const satisfies readonly ExportFormat[];
export const OPEN_KINDS = ['csv', 'model', 'project'] as const;
export type OpenKind = (typeof OPEN_KINDS)[number];

// ---------- field builders: each carries the sentence the user will read ----------

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: requiredOr(`must be one of ${values.map((v) => `"${v}"`).join(', ')}`) });
}

function textField(description: string, maxChars: number, minChars = 0) {
  const message = `must be ${description}`;
  return z
    .string({ error: requiredOr(message) })
    .refine((s) => s.length >= minChars && s.length <= maxChars, { error: message });
}

function booleanField() {
  return z.boolean({ error: requiredOr('must be true or false') });
}

const seedField = integerField(`an integer from 0 to ${LIMITS.maxSeed}`, 0, LIMITS.maxSeed);
const valFractionField = numberField('a number from 0 to 0.9', (v) => v >= 0 && v <= 0.9);
const finiteNumber = numberField('a finite number', Number.isFinite);

// ---------- payload schemas ----------

// The training config is defined once, in ./training/config.ts (LIMITS, defaults, rules).
export { layerSpecSchema, optimizerConfigSchema, trainConfigSchema };
// So is the epoch metrics row (./training/metrics-schema.ts), shared with model files.
export { epochMetricsSchema };

// A painted set's rows as a project saves them (data/paint.ts PaintedSnapshot). How they fit
// the generated set (equal lengths, classes, row counts) the backend checks against that set.
const MAX_SNAPSHOT_ROWS = 1_000_000 + MAX_PAINTED_POINTS;
function rowList<T extends z.ZodType>(entry: T, description: string) {
  return z
    .array(entry, { error: requiredOr(`must be a list of ${description}`) })
    .max(MAX_SNAPSHOT_ROWS, { error: `must have at most ${MAX_SNAPSHOT_ROWS} entries` });
}

const paintedSnapshotSchema = z.strictObject({
  xs: rowList(finiteNumber, 'finite numbers'),
  ys: rowList(finiteNumber, 'finite numbers'),
  labels: rowList(numberField('a class index or a finite target value', Number.isFinite), 'labels'),
  val: rowList(booleanField(), 'true or false'),
  generated: integerField('an integer from 0 to 1000000', 0, 1_000_000),
});

export const builtinDataRequestSchema = z.strictObject({
  kind: oneOf(BUILTIN_DATASETS),
  // Mirrors the generators' MIN/MAX_GENERATED_POINTS (not imported: the preload bundles this file).
  points: integerField('an integer from 4 to 1000000', 4, 1_000_000),
  noise: numberField('a number from 0 to 1', (v) => v >= 0 && v <= 1),
  seed: seedField,
  valFraction: valFractionField,
  painted: paintedSnapshotSchema.optional(),
});

const missingPolicyField = oneOf(['drop', 'impute']);

export const csvDataRequestSchema = z.strictObject({
  fileName: textField('a file name', MAX_NAME_CHARS, 1),
  text: textField('the file text (at most 200 MB)', MAX_TEXT_CHARS),
  path: textField('a file path', 4096, 1).optional(),
  target: textField('a column name', MAX_NAME_CHARS, 1).optional(),
  missing: missingPolicyField,
  valFraction: valFractionField,
  seed: seedField,
});

export const openedFileSchema = z.strictObject({
  fileName: textField('a file name', MAX_NAME_CHARS, 1),
  text: textField('the file text (at most 200 MB)', MAX_TEXT_CHARS),
  path: textField('a file path', 4096, 1).optional(),
});

export const projectStateSchema = z.strictObject({
  name: textField('a project name (1 to 200 characters)', 200, 1),
  data: z.discriminatedUnion(
    'source',
    [
      z.strictObject({ source: z.literal('builtin'), request: builtinDataRequestSchema }),
      z.strictObject({
        source: z.literal('csv'),
        fileName: textField('a file name', MAX_NAME_CHARS, 1),
        path: textField('a file path', 4096, 1).optional(),
        text: textField('the file text (at most 200 MB)', MAX_TEXT_CHARS).optional(),
        target: textField('a column name', MAX_NAME_CHARS, 1).optional(),
        missing: missingPolicyField,
        valFraction: valFractionField,
        seed: seedField,
      }),
    ],
    { error: requiredOr('must be one of "builtin", "csv"') },
  ),
  config: trainConfigSchema,
  history: z
    .array(epochMetricsSchema, { error: requiredOr('must be a list of epoch metrics') })
    .max(1_000_000, { error: 'must have at most 1000000 entries' }),
});

/**
 * The same state as read from a .nnproj file: the data source stays strict, but the training
 * config and the history drop keys another version wrote (as model files do), so a project
 * saved before a setting was added or retired still opens.
 */
export const savedProjectStateSchema = projectStateSchema.extend({
  config: savedTrainConfigSchema,
  history: z
    .array(savedEpochMetricsSchema, { error: requiredOr('must be a list of epoch metrics') })
    .max(1_000_000, { error: 'must have at most 1000000 entries' }),
});

const emptyPayload = z
  .strictObject({}, { error: 'must be an empty object' })
  .optional()
  .transform(() => ({}) as Record<string, never>);

export const exportRequestSchema = z.strictObject({ format: oneOf(EXPORT_FORMATS) });

const layerIndexField = integerField('a layer index from 0', 0, LIMITS.maxHiddenLayers);
const unitIndexField = integerField(`a unit index from 0 to ${LIMITS.maxUnits - 1}`, 0, LIMITS.maxUnits - 1);

export const weightEditSchema = z.strictObject({
  layer: layerIndexField,
  to: unitIndexField,
  from: z.union([integerField('an input index from 0', 0, 10_000_000), z.null()], {
    error: requiredOr('must be an input index or null (the bias)'),
  }),
  value: numberField('a finite number', Number.isFinite),
});

export const neuronRequestSchema = z.strictObject({ layer: layerIndexField, unit: unitIndexField });

export const dataMapRequestSchema = z.strictObject({
  map: oneOf(DATA_MAP_KINDS),
  horizontal: textField('a column name', MAX_NAME_CHARS, 1).optional(),
  vertical: textField('a column name', MAX_NAME_CHARS, 1).optional(),
  heldRow: integerField('a row index of at least 0', 0, 1_000_000).optional(),
});

export const evaluationRequestSchema = z.strictObject({
  split: z.enum(VIEW_SPLITS),
  importance: z.boolean(),
});

/** Pointer positions of one batch of a paint stroke: raw units of the two inputs. */
export const MAX_PAINT_BATCH = 1000;
const paintPoints = z
  .array(z.strictObject({ x: finiteNumber, y: finiteNumber }), {
    error: requiredOr('must be a list of {x, y} points'),
  })
  .min(1, { error: 'must hold at least one point' })
  .max(MAX_PAINT_BATCH, { error: `must hold at most ${MAX_PAINT_BATCH} points` });
const strokeField = integerField('a stroke number of at least 0', 0, Number.MAX_SAFE_INTEGER);
const radiusField = numberField('a positive finite number', (v) => Number.isFinite(v) && v > 0);

export const paintRequestSchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({
      action: z.literal('add'),
      stroke: strokeField,
      // Class index or target value; the class count is the data's, checked by the backend.
      label: numberField('a class index or a finite target value', Number.isFinite),
      points: paintPoints,
    }),
    z.strictObject({
      action: z.literal('erase'),
      stroke: strokeField,
      points: paintPoints,
      radiusX: radiusField,
      radiusY: radiusField,
    }),
    z.strictObject({ action: z.literal('undo') }),
  ],
  {
    error: (issue) =>
      typeof issue.input === 'object' && issue.input !== null
        ? 'must be one of "add", "erase", "undo"'
        : 'must be an object',
  },
);

export const dataMapRowRequestSchema = z.strictObject({
  row: integerField('a row index of at least 0', 0, 1_000_000),
});

const sweepParamName = oneOf(SWEEP_PARAM_NAMES as unknown as readonly [string, ...string[]]);
export const sweepStartSchema = z.strictObject({
  grid: z
    .array(
      z.strictObject({
        name: sweepParamName,
        values: z
          .array(textField('a value', 200, 1))
          .min(1)
          .max(1000),
      }),
    )
    .max(SWEEP_PARAM_NAMES.length),
  ranges: z
    .array(
      z.strictObject({
        name: sweepParamName,
        lo: numberField('a finite number', Number.isFinite),
        hi: numberField('a finite number', Number.isFinite),
        log: booleanField(),
      }),
    )
    .max(SWEEP_PARAM_NAMES.length),
  random: integerField('a whole number from 0 to 10000', 0, 10_000),
  seeds: integerField('a whole number from 1 to 100', 1, 100),
  sweepSeed: integerField('a seed', 0, LIMITS.maxSeed),
  base: trainConfigSchema,
});

export const cvStartSchema = z.strictObject({
  folds: integerField(`a whole number from 2 to ${MAX_FOLDS}`, 2, MAX_FOLDS),
  config: trainConfigSchema,
});

export const engineThreadsSchema = z.strictObject({
  threads: integerField(`a whole number from 1 to ${MAX_THREADS}`, 1, MAX_THREADS).optional(),
});

/** One schema per request channel; the mapped type keeps them in step with api.ts. */
export const REQUEST_SCHEMAS: { [C in RequestChannel]: z.ZodType<RequestOf<C>, unknown> } = {
  'data:generate': builtinDataRequestSchema,
  'data:import-csv': csvDataRequestSchema,
  'data:export': emptyPayload,
  'data:paint': paintRequestSchema,
  'train:start': trainConfigSchema,
  'train:pause': emptyPayload,
  'train:resume': emptyPayload,
  'train:step': emptyPayload,
  'train:stop': emptyPayload,
  'train:reset': emptyPayload,
  'train:set-weight': weightEditSchema,
  'train:lr-find': trainConfigSchema,
  'inspect:neuron': neuronRequestSchema,
  'model:export': exportRequestSchema,
  'model:load': openedFileSchema,
  'project:save': projectStateSchema,
  'project:load': openedFileSchema,
  'datamap:show': dataMapRequestSchema,
  'datamap:row': dataMapRowRequestSchema,
  'sweep:start': sweepStartSchema,
  'sweep:stop': emptyPayload,
  'eval:report': evaluationRequestSchema,
  'cv:start': cvStartSchema,
  'cv:stop': emptyPayload,
  'engine:threads': engineThreadsSchema,
};

// ---------- host-only channels (Electron preload <-> main; not part of the backend) ----------

export const exportedFileSchema = z.strictObject({
  fileName: textField('a file name', MAX_NAME_CHARS, 1).refine(
    (name) => !/[\\/]/.test(name) && name !== '.' && name !== '..',
    {
      error: 'must be a plain file name without folders',
    },
  ),
  mimeType: textField('a MIME type', 200, 1),
  data: z.union([z.string().max(MAX_TEXT_CHARS), z.instanceof(Uint8Array)], {
    error: 'must be text or bytes',
  }),
});

export const openKindSchema = oneOf(OPEN_KINDS);

// ---------- validation entry points ----------

export function isRequestChannel(channel: unknown): channel is RequestChannel {
  return typeof channel === 'string' && (REQUEST_CHANNELS as readonly string[]).includes(channel);
}

/** Validates a request; throws PayloadError with one line naming the channel and the field. */
export function validateRequest<C extends RequestChannel>(channel: C, payload: unknown): RequestOf<C>;
export function validateRequest(channel: string, payload: unknown): RequestOf<RequestChannel>;
export function validateRequest(channel: string, payload: unknown): RequestOf<RequestChannel> {
  if (!isRequestChannel(channel)) {
    throw new PayloadError(`unknown channel "${describeChannel(channel)}"`, { field: 'channel' });
  }
  return parseWith(
    channel,
    REQUEST_SCHEMAS[channel] as z.ZodType<RequestOf<RequestChannel>, unknown>,
    payload,
  );
}

export function validateExportedFile(channel: string, payload: unknown): ExportedFile {
  return parseWith(channel, exportedFileSchema, payload) as ExportedFile;
}

export function validateOpenKind(channel: string, payload: unknown): OpenKind {
  return parseWith(channel, openKindSchema, payload);
}

function parseWith<T>(channel: string, schema: z.ZodType<T, unknown>, payload: unknown): T {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const { field, sentence } = describeIssue(issue);
  const where = field ? `field "${field}"` : 'payload';
  throw new PayloadError(`${channel}: ${where} ${sentence}`, field ? { field } : {});
}

export { formatFieldPath };

function describeIssue(issue: z.core.$ZodIssue): { field: string; sentence: string } {
  const field = formatFieldPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = formatFieldPath([...issue.path, issue.keys[0] ?? '?']);
      return { field: key, sentence: 'is not allowed' };
    }
    case 'invalid_type':
      // zod's own wording for containers ("Invalid input: expected object ...") reads as jargon.
      if (issue.message.startsWith('Invalid input')) {
        if (issue.message.endsWith('received undefined')) return { field, sentence: 'is required' };
        return {
          field,
          sentence: issue.expected === 'object' ? 'must be an object' : `must be ${article(issue.expected)}`,
        };
      }
      return { field, sentence: issue.message };
    case 'invalid_union':
      if (issue.message.startsWith('Invalid discriminator')) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        return { field, sentence: `must be one of ${options.map((o) => `"${String(o)}"`).join(', ')}` };
      }
      return { field, sentence: issue.message };
    default:
      return { field, sentence: issue.message };
  }
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

function describeChannel(channel: string): string {
  const text = typeof channel === 'string' ? channel : String(channel);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
