import type { AppCommand, OpenedFile } from '@shared/api';
import type { ExportFormat } from '@shared/model/types';
import type { TrainConfig } from '@shared/training/types';
import { buildTrainConfig, hyperFromConfig } from '../lib/defaults';
import { configProblem } from '../lib/optimizer-settings';
import { RAW_FEATURES } from '@shared/data/prepare/input-features';
import { useInputFeatures } from './useInputFeatures';
import { MAX_CSV_BYTES, readCsvFile, type ReadableFile } from '../lib/csv-file';
import { routeFile, SNIFF_CHARS } from '../lib/file-kind';
import { useApiStore } from '../stores/api';
import { useDataStore } from '../stores/data';
import { useDesignStore } from '../stores/design';
import { useHyperStore } from '../stores/hyper';
import { useNoticesStore } from '../stores/notices';
import { useRunsStore } from '../stores/runs';
import { useTrainingStore } from '../stores/training';
import { useDiscardGuard } from './useDiscardGuard';

const EXPORT_LABELS: Record<ExportFormat, string> = {
  json: 'Export JSON',
  onnx: 'Export ONNX',
  pytorch: 'Export PyTorch',
  predictions: 'Export predictions',
};

/**
 * Everything a button, a keyboard shortcut or a desktop menu command can do, in one place so
 * the three entry points behave identically.
 */
export function useStudioActions() {
  const api = useApiStore();
  const data = useDataStore();
  const design = useDesignStore();
  const hyper = useHyperStore();
  const training = useTrainingStore();
  const notices = useNoticesStore();
  const runs = useRunsStore();
  const { guard } = useDiscardGuard();

  const { active: activeFeatures } = useInputFeatures();
  const currentConfig = () => buildTrainConfig(design.settings(), hyper.settings, activeFeatures.value);
  const datasetName = () => data.summary?.name ?? data.builtin.kind;

  /**
   * The config to start, or null after saying (in the form's words, with the schema's rule)
   * what the backend would refuse, e.g. Nesterov with momentum 0: no run starts.
   */
  function startableConfig(action: string): TrainConfig | null {
    const config = currentConfig();
    const problem = configProblem(config);
    if (problem) notices.report(problem.message, action);
    return problem ? null : config;
  }

  async function train(): Promise<void> {
    if (training.isActive || training.busy) return;
    if (!data.summary) {
      notices.report('Choose a data set first', 'Train');
      return;
    }
    const config = startableConfig('Train');
    if (config) await training.start(config, datasetName());
  }

  /** Space: start a new run, or pause / resume the current one. */
  async function toggle(): Promise<void> {
    if (training.busy) return;
    if (training.isRunning) await training.pause();
    else if (training.isPaused) await training.resume();
    else await train();
  }

  async function step(): Promise<void> {
    if (training.busy || !data.summary) return;
    // A paused run steps with the config it started with; only a new run needs checking.
    const config = training.isActive ? currentConfig() : startableConfig('Step');
    if (config) await training.step(config, datasetName());
  }

  async function reset(): Promise<void> {
    await guard('Reset', () => training.reset());
  }

  async function importCsvFile(file: ReadableFile): Promise<boolean> {
    const read = await readCsvFile(file);
    if (!read.ok) {
      data.rejectFile(file.name, read.reason);
      return false;
    }
    let imported = false;
    await guard(`Importing ${file.name}`, async () => {
      imported = await data.importCsv({ fileName: file.name, text: read.text, path: pathOf(file) });
    });
    return imported;
  }

  const pathOf = (file: ReadableFile) => (file instanceof File ? api.filePath(file) : undefined);

  /**
   * A file dropped on the window: CSV data is imported, a model or project file is opened, and
   * anything else gets one line saying what the studio opens. Returns whether it was taken.
   */
  async function openDroppedFile(file: ReadableFile): Promise<boolean> {
    const byName = routeFile(file.name, '');
    if (byName.ok && byName.kind === 'csv') return importCsvFile(file);
    if (file.size > MAX_CSV_BYTES) {
      notices.report(`${file.name} is too large to open (over 50 MB)`, 'Open file');
      return false;
    }
    const text = new TextDecoder().decode(await file.arrayBuffer());
    const route = routeFile(file.name, text.slice(0, SNIFF_CHARS));
    if (!route.ok) {
      notices.report(route.reason, 'Open file');
      return false;
    }
    if (route.kind === 'csv') return importCsvFile(file);
    const opened: OpenedFile = { fileName: file.name, text, path: pathOf(file) };
    return route.kind === 'model' ? loadModel(opened) : loadProject(opened);
  }

  async function exportAs(format: ExportFormat): Promise<void> {
    try {
      const file = await api.get().model.export(format);
      const saved = await api.get().files.save(file);
      if (saved)
        notices.notify(
          `Saved ${saved.fileName}${saved.location === 'download' ? ' (download)' : ` to ${saved.location}`}`,
        );
    } catch (error) {
      notices.report(error, EXPORT_LABELS[format]);
    }
  }

  async function openCsv(): Promise<void> {
    try {
      const file = await api.get().files.open('csv');
      if (!file) return;
      await guard(`Importing ${file.fileName}`, () =>
        data.importCsv({ fileName: file.fileName, text: file.text, path: file.path }),
      );
    } catch (error) {
      notices.report(error, 'Import CSV');
    }
  }

  async function openModel(): Promise<void> {
    try {
      const file = await api.get().files.open('model');
      if (file) await loadModel(file);
    } catch (error) {
      notices.report(error, 'Open model');
    }
  }

  /**
   * Loads a model file: the designer takes its hidden layers (and the hyper-parameters it was
   * trained with, when it says), exports use its weights, and Train continues from them.
   */
  async function loadModel(file: OpenedFile): Promise<boolean> {
    let loaded = false;
    try {
      await guard(`Opening ${file.fileName}`, async () => {
        const model = await api.get().model.load(file);
        design.apply({
          hiddenLayers: model.spec.layers.slice(0, -1).map((layer) => ({ ...layer })),
          defaultActivation: design.defaultActivation,
          // The model's input features, so Train continues it (it reads its inputs that way).
          features: model.config?.features ?? [...RAW_FEATURES],
        });
        if (model.config) hyper.apply(hyperFromConfig(model.config));
        // The backend ended the old run; its status and weights no longer describe the model.
        training.clearLive();
        if (model.history.length > 0) training.showRecordedHistory(model.history);
        const shape = [model.spec.inputSize, ...model.spec.layers.map((layer) => layer.units)].join('-');
        const recorded = model.history.length > 0 ? ` with its ${model.history.length} recorded epochs` : '';
        notices.notify(`Loaded model ${model.name} (${shape})${recorded}; export it or train it further`);
        loaded = true;
      });
    } catch (error) {
      notices.report(error, 'Open model');
    }
    return loaded;
  }

  async function openProject(): Promise<void> {
    try {
      const file = await api.get().files.open('project');
      if (file) await loadProject(file);
    } catch (error) {
      notices.report(error, 'Open project');
    }
  }

  /** Loads a project file: design, settings, data, the run's history and the trained weights. */
  async function loadProject(file: OpenedFile): Promise<boolean> {
    let loaded = false;
    try {
      await guard(`Opening ${file.fileName}`, async () => {
        const project = await api.get().project.load(file);
        const { state } = project;
        design.apply({
          hiddenLayers: state.config.hiddenLayers,
          defaultActivation: design.defaultActivation,
          features: state.config.features ?? [...RAW_FEATURES],
        });
        hyper.apply(hyperFromConfig(state.config));
        training.clearLive();
        await data.applyProjectData(state.data);
        if (state.history.length > 0) {
          const last = state.history[state.history.length - 1];
          runs.add({
            id: `project:${file.fileName}:${Date.now()}`,
            dataset: `${state.name} (project)`,
            config: state.config,
            history: state.history,
            final: {
              state: last.epoch >= state.config.epochs ? 'done' : 'stopped',
              epoch: last.epoch,
              totalEpochs: state.config.epochs,
              task: data.summary?.task ?? 'classification',
              loss: state.config.loss === 'auto' ? 'mse' : state.config.loss,
              spec: { inputSize: data.summary?.inputSize ?? 0, layers: state.config.hiddenLayers },
              message: null,
              last,
            },
            finishedAt: Date.now(),
          });
        }
        notices.notify(`Opened project ${state.name}`);
        loaded = true;
      });
    } catch (error) {
      notices.report(error, 'Open project');
    }
    return loaded;
  }

  async function saveProject(): Promise<void> {
    try {
      const name = data.summary?.name ?? 'project';
      const file = await api.get().project.save({
        name,
        data: data.projectData(),
        config: training.runConfig ?? currentConfig(),
        history: training.history.slice(),
      });
      const saved = await api.get().files.save(file);
      if (saved) notices.notify(`Saved project ${saved.fileName}`);
    } catch (error) {
      notices.report(error, 'Save project');
    }
  }

  function runCommand(command: AppCommand): Promise<void> {
    switch (command) {
      case 'open-csv':
        return openCsv();
      case 'open-model':
        return openModel();
      case 'open-project':
        return openProject();
      case 'save-project':
        return saveProject();
      case 'export-json':
        return exportAs('json');
      case 'export-onnx':
        return exportAs('onnx');
      case 'export-pytorch':
        return exportAs('pytorch');
      case 'export-predictions':
        return exportAs('predictions');
      case 'train-toggle':
        return toggle();
      case 'step':
        return step();
      case 'reset':
        return reset();
    }
  }

  return {
    currentConfig,
    train,
    toggle,
    step,
    reset,
    stop: () => training.stop(),
    importCsvFile,
    openDroppedFile,
    exportAs,
    openCsv,
    openModel,
    loadModel,
    openProject,
    loadProject,
    saveProject,
    runCommand,
  };
}
