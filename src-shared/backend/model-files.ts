/**
 * What the backend makes of model and project files: the summary an opened model shows, the
 * predictions and project files it exports, and whether a loaded model is what the next run
 * continues from.
 */
import type { ModelSummary, ProjectFile, ProjectState } from '../api';
import type { PreparedData, Table } from '../data/types';
import { featuresMatch } from '../data/prepare/apply-input-features';
import type { ExportedFile, ModelFile } from '../model/types';
import { modelBaseName, modelNetwork, predictTable, predictionsCsv, serializeProject } from '../model';
import type { TrainConfig } from '../training/types';
import { csvFile, fileBaseName } from './file-names';

interface ModelData {
  table: Table;
  prepared: PreparedData;
}

export function modelSummary(model: ModelFile): ModelSummary {
  return {
    name: model.name,
    task: model.task,
    spec: modelNetwork(model).spec,
    featureNames: [...model.preprocessing.encodedNames],
    classes: model.preprocessing.target.classes ? [...model.preprocessing.target.classes] : null,
    config: model.training?.config ?? null,
    history: model.training?.history ?? [],
  };
}

/**
 * A loaded model is continued when the run asks for the same hidden layers on data with the
 * model's input columns and target; prepareRun then checks task and classes (a clear error
 * rather than a silent fresh start) and encodes the rows as the model expects.
 */
export function continuesModel(model: ModelFile, config: TrainConfig, data: ModelData): boolean {
  const hidden = modelNetwork(model).spec.layers.slice(0, -1);
  const sameHidden =
    hidden.length === config.hiddenLayers.length &&
    hidden.every(
      (layer, i) =>
        layer.units === config.hiddenLayers[i].units &&
        layer.activation === config.hiddenLayers[i].activation,
    );
  const columns = new Set(data.table.columns.map((c) => c.name));
  const pre = model.preprocessing;
  return (
    sameHidden &&
    pre.target.name === data.prepared.preprocessing.target.name &&
    featuresMatch(pre, config.features) &&
    pre.features.every((f) => columns.has(f.name))
  );
}

/** The model's predictions for every row of `data` (possibly a new file run through the model's own preprocessing). */
export function predictionsFile(model: ModelFile, data: ModelData): ExportedFile {
  const csv = predictionsCsv(model, data.table, predictTable(model, data.table));
  return csvFile(fileBaseName(data.prepared.name, modelBaseName(model)), 'predictions', csv);
}

export function projectFile(state: ProjectState, model: ModelFile | null): ExportedFile {
  const project: ProjectFile = { format: 'nanograd-studio/project', version: 1, state, model };
  return {
    fileName: `${fileBaseName(state.name, 'project')}.nnproj`,
    mimeType: 'application/json',
    data: serializeProject(project),
  };
}
