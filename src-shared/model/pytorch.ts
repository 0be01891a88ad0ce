/**
 * PyTorch export: ONE self-contained Python script (torch + the standard library, no pandas)
 * holding the architecture as an nn.Module, the weights, the preprocessing and a command line:
 *   python3 model.py --predict data.csv [--out predictions.csv]
 * prints the same CSV as `nanograd predict` (input columns, predicted_<target>, p_<class>).
 *
 * The Python lives in ./torch_script as normal files (linted with pyflakes, tested with pytest
 * in tests/python); this module writes only the model's data and joins the parts: the header
 * docstring, the imports of every part, the data, then each part's code below its marker line.
 */
import { MAX_TOKEN_SPELLINGS, MISSING_TOKENS } from '../data/csv/infer';
import type { ModelFile } from './types';
import { float32ArrayText } from './float-text';
import { predictionColumns } from './predict';
import header from './torch_script/header.py?raw';
import network from './torch_script/network.py?raw';
import csvReader from './torch_script/csv_reader.py?raw';
import predict from './torch_script/predict.py?raw';
import rng from './torch_script/rng.py?raw';
import trainingData from './torch_script/training_data.py?raw';
import train from './torch_script/train.py?raw';
import modelFile from './torch_script/model_file.py?raw';
import distributed from './torch_script/distributed.py?raw';
import stream from './torch_script/stream.py?raw';
import baselines from './torch_script/baselines.py?raw';
import run from './torch_script/run.py?raw';
import cli from './torch_script/cli.py?raw';

/** The script's parts in dependency order (each uses only names defined above it). */
const PARTS: readonly string[] = [
  network,
  csvReader,
  predict,
  rng,
  trainingData,
  train,
  modelFile,
  distributed,
  stream,
  baselines,
  run,
  cli,
];
const SCRIPT_MARKER = '# --- script ---';

/** A Python literal for JSON-like data (JSON string escapes are valid Python escapes). */
export function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `float("${value}")`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${pythonLiteral(v)}`).join(', ')}}`;
}

/** Like pythonLiteral, but a list or dict too long for one line puts one item per line. */
function pythonBlock(value: unknown, indent = ''): string {
  const flat = pythonLiteral(value);
  if (flat.length + indent.length <= 100 || value === null || typeof value !== 'object') return flat;
  const inner = `${indent}    `;
  if (Array.isArray(value))
    return `[\n${value.map((v) => `${inner}${pythonBlock(v, inner)},`).join('\n')}\n${indent}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pythonBlock(v, inner)},`).join('\n')}\n${indent}}`;
}

/** The part of the script that describes this model (what torch_script/model_data.py stands for). */
function modelData(model: ModelFile): string {
  const weightLines = model.weights
    .map((w, i) => {
      const { inSize, outSize } = model.layers[i];
      return `    # layer ${i + 1}: weight [${outSize}, ${inSize}] row-major, bias [${outSize}]\n    (${float32ArrayText(w.weight)},\n     ${float32ArrayText(w.bias)}),`;
    })
    .join('\n');
  return [
    `NAME = ${pythonLiteral(model.name)}`,
    `TASK = ${pythonLiteral(model.task)}`,
    `LOSS = ${pythonLiteral(model.loss)}`,
    `OUTPUT = ${pythonLiteral(model.output)}  # softmax | sigmoid | none, applied to the last layer`,
    '# (inputs, outputs, activation) per layer',
    'LAYERS = [',
    ...model.layers.map((l) => `    (${l.inSize}, ${l.outSize}, ${JSON.stringify(l.activation)}),`),
    ']',
    `PREPROCESSING = ${pythonBlock(model.preprocessing)}`,
    `PREDICTION_COLUMNS = ${pythonLiteral(predictionColumns(model))}`,
    'WEIGHTS = [',
    weightLines,
    ']',
    '# The training run that made the weights (config, epochs, final metrics), or None.',
    `TRAINING = ${pythonBlock(model.training)}`,
    `MISSING_TOKENS = ${pythonLiteral([...MISSING_TOKENS])}  # compared lower-case`,
    `MAX_TOKEN_SPELLINGS = ${MAX_TOKEN_SPELLINGS}`,
  ].join('\n');
}

/** A part's imports (other parts' names excepted) and its code below the marker line. */
function splitPart(source: string): { imports: string[]; code: string } {
  const at = source.indexOf(SCRIPT_MARKER);
  if (at < 0) throw new Error(`a PyTorch script part lacks its "${SCRIPT_MARKER}" line`);
  const imports = source
    .slice(0, at)
    .split('\n')
    .filter((line) => /^(import |from (?!\.))/.test(line));
  return { imports, code: source.slice(at + SCRIPT_MARKER.length).trim() };
}

/** Standard library first, then torch, each sorted (the order isort would give). */
function importBlock(lines: string[]): string {
  const unique = [...new Set(lines)];
  const isTorch = (line: string) => /^(import|from) torch\b/.test(line);
  const byName = (a: string, b: string) =>
    a.replace(/^(import|from) /, '').localeCompare(b.replace(/^(import|from) /, '')) || a.localeCompare(b);
  const group = (list: string[]) => [
    ...list.filter((l) => l.startsWith('import ')).sort(byName),
    ...list.filter((l) => l.startsWith('from ')).sort(byName),
  ];
  return `${group(unique.filter((l) => !isTorch(l))).join('\n')}\n\n${group(unique.filter(isTorch)).join('\n')}`;
}

export function exportPytorch(model: ModelFile): string {
  const module = safeName(model.name);
  const title = `${model.task === 'classification' ? 'Classifier' : 'Regressor'} ${JSON.stringify(model.name).slice(1, -1)}`;
  const docstring = header
    .trim()
    .replace(/\{\{(TITLE|MODULE)\}\}/g, (_, key: string) => (key === 'TITLE' ? title : module));
  const parts = PARTS.map(splitPart);
  const imports = importBlock(parts.flatMap((p) => p.imports));
  const sections = [modelData(model), ...parts.map((p) => p.code)];
  return `#!/usr/bin/env python3\n${docstring}\n${imports}\n\n${sections.join('\n\n\n')}\n`;
}

function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1');
  return cleaned === '' ? 'model' : cleaned;
}
