/**
 * The backend's current data set: a generated or imported table, prepared (encoded, split) for
 * training, with the summary and plotted points the UI shows. Everything here is built before
 * the backend replaces its data, so a bad CSV or option changes nothing.
 */
import type { DatasetSummary, RequestOf } from '../api';
import { builtinDefaults, datasetCsv, generateTable, parseCsv, prepareDataset, previewTable } from '../data';
import type { PrepareOptions, PreparedData, Table } from '../data/types';
import type { ExportedFile } from '../model/types';
import { csvFile, fileBaseName } from './file-names';
import type { DataPainter } from './paint';
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
  painter?: DataPainter;
}

export function generatedData(req: RequestOf<'data:generate'>): CurrentData {
  const table = generateTable(req.kind, { points: req.points, noise: req.noise, seed: req.seed });
  const prepare: PrepareOptions = {
    task: builtinDefaults(req.kind).task,
    valFraction: req.valFraction,
    seed: req.seed,
    missing: 'drop',
    standardize: false,
  };
  return currentData(table, prepare, true);
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

/** The data set as CSV with its split column (Export data). */
export function dataCsvFile({ table, prepared }: CurrentData): ExportedFile {
  return csvFile(fileBaseName(prepared.name, 'data'), 'data', datasetCsv(table, prepared));
}
