/**
 * Sweep results on disk: results.json (everything, curves included) and results.csv (one row
 * per run: index, every setting by flag name, then the metrics). The CLI's --out-dir and the
 * app's export write the same files, and both import back (the swept parameters of a CSV are
 * the settings whose values differ between runs). The baseline columns come last and are
 * optional on import, so results written before runs had baselines still read back.
 */
import Papa from 'papaparse';
import { z } from 'zod';
import { ConfigError } from '../errors';
import type { BaselineScores, Baselines } from '../evaluation/baselines';
import { validateTrainConfig } from '../training/config';
import {
  SWEEP_PARAM_NAMES,
  configFromSettings,
  paramInfo,
  type RunSettings,
  type SettingValue,
} from './params';
import { bestRunIndex, sweptParams, type SweepRun } from './results';

export const RESULTS_FORMAT = 'nanograd-studio/sweep';

export interface SweepResultsFile {
  format: typeof RESULTS_FORMAT;
  version: 1;
  /** The data set the runs trained on. */
  data: string;
  /** The swept parameter names (seed excluded). */
  swept: string[];
  bestIndex: number | null;
  runs: SweepRun[];
}

/** After the settings (`loss` and `epochs` there are the loss function and the epochs asked for). */
export const METRIC_COLUMNS = [
  'finalLoss',
  'finalValLoss',
  'finalAccuracy',
  'finalValAccuracy',
  'bestEpoch',
  'bestValLoss',
  'bestValAccuracy',
  'seconds',
  'epochsTrained',
  'state',
] as const;

/** After the metrics; empty cells for a run without baselines (a failed one). */
export const BASELINE_COLUMNS = [
  'trivialValLoss',
  'trivialValAccuracy',
  'linearValLoss',
  'linearValAccuracy',
] as const;

export function resultsFile(
  data: string,
  runs: readonly SweepRun[],
  swept = sweptParams(runs),
): SweepResultsFile {
  const sorted = [...runs].sort((a, b) => a.index - b.index);
  return { format: RESULTS_FORMAT, version: 1, data, swept, bestIndex: bestRunIndex(sorted), runs: sorted };
}

export function resultsJson(file: SweepResultsFile): string {
  return `${JSON.stringify(file, null, 1)}\n`;
}

/** Setting columns: the flags in their usual order, then seed, then any settings without a flag. */
function settingColumns(runs: readonly SweepRun[]): string[] {
  const names = new Set(runs.flatMap((r) => Object.keys(r.settings)));
  const extra = [...names].filter((n) => n !== 'seed' && !SWEEP_PARAM_NAMES.includes(n)).sort();
  return [...SWEEP_PARAM_NAMES.filter((n) => names.has(n)), 'seed', ...extra];
}

function cell(value: SettingValue | null | undefined): string | number {
  return value === null || value === undefined ? '' : value;
}

export function resultsCsv(runs: readonly SweepRun[]): string {
  const sorted = [...runs].sort((a, b) => a.index - b.index);
  const settings = settingColumns(sorted);
  const rows = sorted.map((run) => [
    run.index,
    ...settings.map((name) => cell(run.settings[name])),
    cell(run.final.loss),
    cell(run.final.valLoss),
    cell(run.final.accuracy),
    cell(run.final.valAccuracy),
    cell(run.best.epoch),
    cell(run.best.valLoss),
    cell(run.best.valAccuracy),
    run.seconds,
    run.epochs,
    run.state,
    cell(run.baselines?.trivial.valLoss),
    cell(run.baselines?.trivial.valAccuracy),
    cell(run.baselines?.linear.valLoss),
    cell(run.baselines?.linear.valAccuracy),
  ]);
  const fields = ['index', ...settings, ...METRIC_COLUMNS, ...BASELINE_COLUMNS];
  return `${Papa.unparse({ fields, data: rows }, { newline: '\n' })}\n`;
}

// ---------- import ----------

const nullableNumber = z.number().nullable();
const scoresSchema = z.object({ valLoss: nullableNumber, valAccuracy: nullableNumber });
const runSchema = z.object({
  index: z.number().int().min(0),
  config: z.record(z.string(), z.union([z.number(), z.string()])),
  settings: z.record(z.string(), z.union([z.number(), z.string()])),
  trainConfig: z.unknown(),
  final: z.object({
    loss: nullableNumber,
    valLoss: nullableNumber,
    accuracy: nullableNumber,
    valAccuracy: nullableNumber,
  }),
  best: z.object({
    epoch: z.number().int().nullable(),
    valLoss: nullableNumber,
    valAccuracy: nullableNumber,
  }),
  seconds: z.number().min(0),
  epochs: z.number().int().min(0),
  state: z.enum(['done', 'stopped', 'diverged', 'failed']),
  message: z.string().nullable(),
  history: z.array(z.record(z.string(), z.unknown())).optional(),
  baselines: z.object({ trivial: scoresSchema, linear: scoresSchema }).optional(),
});
const fileSchema = z.object({
  format: z.literal(RESULTS_FORMAT),
  version: z.literal(1),
  data: z.string(),
  swept: z.array(z.string()),
  bestIndex: z.number().int().nullable(),
  runs: z.array(runSchema),
});

function importError(fileName: string, message: string, field?: string): ConfigError {
  return new ConfigError(`${fileName}: ${message}`, { file: fileName, ...(field ? { field } : {}) });
}

function checkedConfig(fileName: string, settings: RunSettings, raw: unknown, where: string) {
  try {
    return validateTrainConfig(raw ?? configFromSettings(settings));
  } catch (err) {
    if (err instanceof ConfigError) throw importError(fileName, `${where}: ${err.message}`, where);
    throw err;
  }
}

export function parseResultsJson(text: string, fileName: string): SweepResultsFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw importError(fileName, `not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof doc === 'object' && doc !== null && (doc as { format?: unknown }).format !== RESULTS_FORMAT)
    throw importError(fileName, `not sweep results (format must be "${RESULTS_FORMAT}")`, 'format');
  const parsed = fileSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    throw importError(fileName, `${field || 'document'}: ${issue.message}`, field);
  }
  const runs = parsed.data.runs.map((run, i) => ({
    ...run,
    trainConfig: checkedConfig(fileName, run.settings, run.trainConfig, `runs[${i}].trainConfig`),
    history: run.history as SweepRun['history'],
  }));
  return { ...parsed.data, runs };
}

const numberOrNull = (text: string, fileName: string, row: number, column: string): number | null => {
  if (text.trim() === '') return null;
  const n = Number(text);
  if (!Number.isFinite(n))
    throw new ConfigError(`${fileName}: row ${row}, column ${column}: "${text}" is not a number`, {
      file: fileName,
      row,
      column,
    });
  return n;
};

export function parseResultsCsv(text: string, fileName: string): SweepResultsFile {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  if (!header || header[0] !== 'index' || !METRIC_COLUMNS.every((c) => header.includes(c)))
    throw importError(
      fileName,
      `not sweep results: the header must start with index and name ${METRIC_COLUMNS.join(', ')}`,
    );
  const at = (name: string) => header.indexOf(name);
  const settingNames = header.slice(1, at(METRIC_COLUMNS[0]));
  const runs: SweepRun[] = rows.map((cells, r) => {
    const row = r + 2;
    if (cells.length !== header.length)
      throw new ConfigError(
        `${fileName}: row ${row} has ${cells.length} cells, the header ${header.length}`,
        { file: fileName, row },
      );
    const value = (name: string) => cells[at(name)];
    const num = (name: string) => numberOrNull(value(name), fileName, row, name);
    const settings: RunSettings = {};
    for (const name of settingNames) {
      const raw = value(name);
      const kind = name === 'seed' ? 'integer' : paramInfo(name)?.kind;
      const asNumber =
        kind === 'number' ||
        kind === 'integer' ||
        (kind === undefined && raw !== '' && Number.isFinite(Number(raw)));
      settings[name] = asNumber ? (numberOrNull(raw, fileName, row, name) ?? raw) : raw;
    }
    const baselines = csvBaselines(header, num);
    const state = value('state');
    if (!['done', 'stopped', 'diverged', 'failed'].includes(state))
      throw new ConfigError(
        `${fileName}: row ${row}, column state: "${state}" is not done, stopped, diverged or failed`,
        { file: fileName, row, column: 'state' },
      );
    const index = num('index');
    if (index === null || !Number.isInteger(index) || index < 0)
      throw new ConfigError(`${fileName}: row ${row}, column index: must be a whole number`, {
        file: fileName,
        row,
        column: 'index',
      });
    return {
      index,
      config: {},
      settings,
      trainConfig: checkedConfig(fileName, settings, null, `row ${row}`),
      final: {
        loss: num('finalLoss'),
        valLoss: num('finalValLoss'),
        accuracy: num('finalAccuracy'),
        valAccuracy: num('finalValAccuracy'),
      },
      best: { epoch: num('bestEpoch'), valLoss: num('bestValLoss'), valAccuracy: num('bestValAccuracy') },
      seconds: num('seconds') ?? 0,
      epochs: num('epochsTrained') ?? 0,
      state: state as SweepRun['state'],
      message: null,
      ...(baselines ? { baselines } : {}),
    };
  });
  // The swept parameters are the settings that differ between runs (a CSV has no other record of them).
  const swept = settingNames.filter(
    (name) => name !== 'seed' && new Set(runs.map((r) => String(r.settings[name]))).size > 1,
  );
  for (const run of runs)
    run.config = Object.fromEntries([...swept, 'seed'].map((name) => [name, run.settings[name]]));
  return resultsFile(fileName.replace(/\.csv$/i, ''), runs, swept);
}

/** A row's baselines; none when the file has no baseline columns or the row's cells are all empty. */
function csvBaselines(header: readonly string[], num: (name: string) => number | null): Baselines | null {
  if (!BASELINE_COLUMNS.every((c) => header.includes(c))) return null;
  const scores = (model: 'trivial' | 'linear'): BaselineScores => ({
    valLoss: num(`${model}ValLoss`),
    valAccuracy: num(`${model}ValAccuracy`),
  });
  const baselines = { trivial: scores('trivial'), linear: scores('linear') };
  const empty = [baselines.trivial, baselines.linear].every(
    (b) => b.valLoss === null && b.valAccuracy === null,
  );
  return empty ? null : baselines;
}

/** Reads results.json or results.csv (by content: JSON starts with `{`). */
export function parseResults(text: string, fileName: string): SweepResultsFile {
  return text.trimStart().startsWith('{')
    ? parseResultsJson(text, fileName)
    : parseResultsCsv(text, fileName);
}
