/**
 * The versioned model file: build it from a trained network, write it as JSON, read it back
 * with validation that names the broken field, and turn it back into a network.
 */
import { ModelFileError } from '../errors';
import type { DenseParams, LossName, MlpSpec } from '../engine/types';
import type { Preprocessing, Task } from '../data/types';
import { MODEL_FORMAT, MODEL_VERSION, type ModelFile } from './types';
import { float32ArrayText } from './float-text';
import { checkModelRelations } from './model-checks';
import { outputTransform } from '../training/loss';
import { parseJsonDocument, validateDocument } from './document';
import { modelFileSchema } from './schema';
import { count } from '../data/plural';
import { FLOAT32_MAX } from '../data/csv/numbers';

export interface BuildModelArgs {
  name: string;
  spec: MlpSpec;
  params: DenseParams[];
  task: Task;
  loss: LossName;
  preprocessing: Preprocessing;
  training: ModelFile['training'];
}

export function buildModelFile(args: BuildModelArgs): ModelFile {
  const { spec, params } = args;
  if (params.length !== spec.layers.length)
    throw new ModelFileError(
      `cannot build a model: ${count(spec.layers.length, 'layer')} but ${count(params.length, 'weight set')}`,
    );
  let inSize = spec.inputSize;
  const layers = spec.layers.map((layer, i) => {
    const p = params[i];
    if (p.inSize !== inSize || p.outSize !== layer.units)
      throw new ModelFileError(
        `cannot build a model: layer ${i + 1} weights are ${p.inSize}x${p.outSize}, the design says ${inSize}x${layer.units}`,
      );
    inSize = layer.units;
    return { inSize: p.inSize, outSize: p.outSize, activation: layer.activation };
  });
  const model: ModelFile = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    name: args.name,
    createdAt: new Date().toISOString(),
    task: args.task,
    loss: args.loss,
    output: outputTransform(args.loss),
    layers,
    activations: layers.map((l) => l.activation),
    // Array.from keeps every float32 exactly (a float32 is exactly representable as a double).
    weights: params.map((p) => ({ weight: Array.from(p.weight), bias: Array.from(p.bias) })),
    preprocessing: structuredClone(args.preprocessing),
    training: args.training === null ? null : structuredClone(args.training),
  };
  checkModelRelations(
    model,
    'model',
    (field, message) => new ModelFileError(`cannot build a model: ${message}`, { field }),
  );
  return model;
}

/**
 * Pretty JSON, except that each weight/bias array is written on one line with the shortest
 * text that reads back as the same float32. Non-finite weights (a diverged run) are refused:
 * JSON would silently turn them into null.
 */
export function serializeModel(model: ModelFile): string {
  model.weights.forEach((layer, i) => {
    for (const key of ['weight', 'bias'] as const) {
      const bad = layer[key].findIndex((v) => !Number.isFinite(v));
      if (bad >= 0)
        throw new ModelFileError(
          `cannot save the model: weights[${i}].${key}[${bad}] is ${layer[key][bad]} (training diverged; reset and train again)`,
          { field: `weights[${i}].${key}[${bad}]` },
        );
    }
  });
  return `${prettyJson(model, '', (path) => path.length === 3 && path[0] === 'weights')}\n`;
}

/**
 * JSON.stringify(value, null, 2), except that an array whose key path satisfies `inline` (a
 * weight or bias) is written on one line as float32 text. Written directly rather than by
 * patching stringified text, so no column or class name can collide with the format.
 */
function prettyJson(
  value: unknown,
  indent: string,
  inline: (path: string[]) => boolean,
  path: string[] = [],
): string {
  if (Array.isArray(value) && inline(path)) return float32ArrayText(value as number[]);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item, i) =>
      item === undefined || typeof item === 'function'
        ? 'null'
        : prettyJson(item, inner, inline, [...path, String(i)]),
    );
    return `[\n${items.map((item) => inner + item).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== undefined && typeof v !== 'function',
  );
  if (entries.length === 0) return '{}';
  const lines = entries.map(
    ([key, v]) => `${inner}${JSON.stringify(key)}: ${prettyJson(v, inner, inline, [...path, key])}`,
  );
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

export function parseModel(text: string, fileName: string): ModelFile {
  const raw = parseJsonDocument(
    text,
    fileName,
    'model',
    (message, field) => new ModelFileError(message, { file: fileName, field }),
  );
  return validateModelValue(raw, fileName, '');
}

/**
 * Validates an already-parsed value as a model file. `prefix` is the path of the model inside a
 * larger document (a project's `model`), so messages name the full field.
 */
export function validateModelValue(raw: unknown, fileName: string, prefix: string): ModelFile {
  const err = (message: string, field?: string) =>
    new ModelFileError(`${fileName}: ${message}`, { file: fileName, field });
  const at = (field: string) => (prefix === '' ? field : field === '' ? prefix : `${prefix}.${field}`);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw err(
      `${prefix === '' ? 'the file' : `field "${prefix}"`} must be a JSON object (a Nanograd Studio model), got ${Array.isArray(raw) ? 'an array' : typeof raw === 'object' ? 'null' : typeof raw}`,
      at(''),
    );
  const record = raw as Record<string, unknown>;
  if (record.format !== MODEL_FORMAT) {
    const hint =
      record.format === 'nanograd-studio/project'
        ? ' (this is a project file: open it as a project)'
        : ' (not a Nanograd Studio model file)';
    const got = record.format === undefined ? 'is missing' : `is ${JSON.stringify(record.format)}`;
    throw err(`field "${at('format')}" must be "${MODEL_FORMAT}" but ${got}${hint}`, at('format'));
  }
  if (record.version !== MODEL_VERSION) {
    const newer = typeof record.version === 'number' && record.version > MODEL_VERSION;
    throw err(
      `field "${at('version')}" is ${JSON.stringify(record.version) ?? 'missing'}, but this version of Nanograd Studio reads model version ${MODEL_VERSION} only${newer ? ' (the file was written by a newer release)' : ''}`,
      at('version'),
    );
  }
  const model = validateDocument(
    modelFileSchema,
    raw,
    (field, message) => err(message, field),
    prefix,
  ) as ModelFile;
  checkModelRelations(model, prefix, (field, message) => err(message, field));
  checkWeightRange(model, (field, message) => err(message, field), at);
  for (const layer of model.weights) {
    // A float64 number that is not a float32 would predict differently after export: snap it.
    for (const key of ['weight', 'bias'] as const) layer[key] = Array.from(Float32Array.from(layer[key]));
  }
  return model;
}

/**
 * Every weight and bias must be a float32: the engine computes in float32, where 1e300 is
 * Infinity and the predictions become NaN. (A float64 value inside the range is only rounded.)
 */
function checkWeightRange(
  model: ModelFile,
  fail: (field: string, message: string) => Error,
  at: (field: string) => string,
): void {
  model.weights.forEach((layer, i) => {
    for (const key of ['weight', 'bias'] as const) {
      const values = layer[key];
      for (let j = 0; j < values.length; j++) {
        const v = values[j];
        if (Number.isFinite(v) && Math.abs(v) <= FLOAT32_MAX) continue;
        const field = at(`weights[${i}].${key}[${j}]`);
        throw fail(
          field,
          `field "${field}" is ${v}, outside the float32 range (±3.4e38) the engine computes in; a trained weight is never that large, so the file was edited or is corrupt`,
        );
      }
    }
  });
}

export function modelNetwork(model: ModelFile): { spec: MlpSpec; params: DenseParams[] } {
  const spec: MlpSpec = {
    inputSize: model.layers[0].inSize,
    layers: model.layers.map((l) => ({ units: l.outSize, activation: l.activation })),
  };
  const params = model.layers.map((l, i) => ({
    inSize: l.inSize,
    outSize: l.outSize,
    weight: Float32Array.from(model.weights[i].weight),
    bias: Float32Array.from(model.weights[i].bias),
  }));
  return { spec, params };
}
