/**
 * The backend's current data set: a generated or imported table, prepared (encoded, split) for
 * training, with the summary and plotted points the UI shows. Everything here is built before
 * the backend replaces its data, so a bad CSV or option changes nothing.
 */
import type { BuiltinDataRequest, DatasetSummary, ProjectState, RequestOf } from '../api';
import { builtinDefaults, datasetCsv, generateTable, parseCsv, prepareDataset, previewTable } from '../data';
import type { PrepareOptions, PreparedData, Table } from '../data/types';
import type { ExportedFile } from '../model/types';
import { csvFile, fileBaseName } from './file-names';
import { PayloadError } from '../errors';
import type { SnapshotProblem } from '../data/paint';
import { DataPainter } from './paint';
import { dataPlane, type Plane } from './plane';

export interface CurrentData {
  table: Table;
  /** How `table` was prepared (sweep runs prepare it the same way in their workers). */
  prepare: PrepareOptions;
  prepared: PreparedData;
  summary: DatasetSummary;
  plane: Plane | null;
  /** Built by a generator: Paint mode can change it (the painter exists from the first stroke). */
  generated: boolean;
  /** The generator request (without painted rows) of a generated set. */
  request?: BuiltinDataRequest;
  painter?: DataPainter;
}

/** How a saved snapshot that does not fit reads on the data:generate channel. */
function paintPayloadError({ field, message }: SnapshotProblem): Error {
  return new PayloadError(`data:generate: field "painted.${field}" ${message}`, {
    field: `painted.${field}`,
  });
}

/**
 * A generated set; with `painted` (a saved project's rows) those rows replace the generated
 * ones, keeping the generated set's preprocessing as painting does.
 */
export function generatedData(
  { painted, ...req }: RequestOf<'data:generate'>,
  fail: (problem: SnapshotProblem) => Error = paintPayloadError,
): CurrentData {
  const table = generateTable(req.kind, { points: req.points, noise: req.noise, seed: req.seed });
  const prepare: PrepareOptions = {
    task: builtinDefaults(req.kind).task,
    valFraction: req.valFraction,
    seed: req.seed,
    missing: 'drop',
    standardize: false,
  };
  const data: CurrentData = { ...currentData(table, prepare, true), request: req };
  if (!painted) return data;
  const painter = new DataPainter(data, { rows: painted, fail });
  return { ...data, ...painter.data(), painter };
}

export function importedData(req: RequestOf<'data:import-csv'>): CurrentData {
  const table = parseCsv(req.text, req.fileName);
  const prepare: PrepareOptions = {
    target: req.target,
    valFraction: req.valFraction,
    seed: req.seed,
    missing: req.missing,
    standardize: true,
  };
  return currentData(table, prepare, false);
}

function currentData(table: Table, prepare: PrepareOptions, generated: boolean): CurrentData {
  const prepared = prepareDataset(table, prepare);
  const plane = dataPlane(prepared);
  const summary: DatasetSummary = {
    name: prepared.name,
    task: prepared.task,
    inputSize: prepared.train.inputSize,
    outputSize: prepared.train.outputSize,
    trainRows: prepared.train.n,
    valRows: prepared.val?.n ?? 0,
    featureNames: [...prepared.preprocessing.encodedNames],
    targetName: prepared.preprocessing.target.name,
    classes: prepared.preprocessing.target.classes ? [...prepared.preprocessing.target.classes] : null,
    notes: [...prepared.notes],
    preview: previewTable(table),
    points: plane ? plane.points : null,
  };
  return { table, prepare, prepared, summary, plane, generated };
}

/**
 * A project's data as saved: the renderer sends the generator request only, so the backend adds
 * the rows of the current set when it is that request's set and has been painted.
 */
export function projectData(data: ProjectState['data'], current: CurrentData | null): ProjectState['data'] {
  if (data.source !== 'builtin') return data;
  const { painted: _sent, ...request } = data.request;
  const rows = current?.painter?.rows;
  const counts = rows?.counts();
  if (!rows || !counts || counts.painted + counts.erased === 0 || !sameRequest(request, current.request))
    return { source: 'builtin', request };
  return { source: 'builtin', request: { ...request, painted: rows.snapshot() } };
}

function sameRequest(a: BuiltinDataRequest, b: BuiltinDataRequest | undefined): boolean {
  return (
    b !== undefined &&
    a.kind === b.kind &&
    a.points === b.points &&
    a.noise === b.noise &&
    a.seed === b.seed &&
    a.valFraction === b.valFraction
  );
}

/** The data set as CSV with its split column (Export data). */
export function dataCsvFile({ table, prepared }: CurrentData): ExportedFile {
  return csvFile(fileBaseName(prepared.name, 'data'), 'data', datasetCsv(table, prepared));
}
