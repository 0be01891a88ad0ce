import type { DatasetSummary, EventChannel, EventOf, StudioApi } from '@shared/api';
import type { SessionSnapshot, TrainConfig } from '@shared/training/types';
import type { EpochMetrics } from '@shared/training/types';

/** A scripted StudioApi: records every call and lets a test emit backend events by hand. */
export interface FakeApi extends StudioApi {
  calls: Array<{ method: string; arg?: unknown }>;
  emit<E extends EventChannel>(event: E, payload: EventOf<E>): void;
  listenerCount(event: EventChannel): number;
  failNextImport: Error | null;
  nextRunId: number;
}

export function xorSummary(overrides: Partial<DatasetSummary> = {}): DatasetSummary {
  return {
    name: 'xor',
    task: 'classification',
    inputSize: 2,
    outputSize: 2,
    trainRows: 4,
    valRows: 0,
    featureNames: ['x1', 'x2'],
    targetName: 'label',
    classes: ['0', '1'],
    notes: [],
    preview: null,
    points: {
      xy: [0, 0, 0, 1, 1, 0, 1, 1],
      label: [0, 1, 1, 0],
      val: [false, false, false, false],
      rows: [0, 1, 2, 3],
    },
    ...overrides,
  };
}

export function snapshotOf(
  state: SessionSnapshot['state'],
  epoch = 0,
  totalEpochs = 100,
  last: EpochMetrics | null = null,
): SessionSnapshot {
  return {
    state,
    epoch,
    totalEpochs,
    task: 'classification',
    loss: 'cross_entropy',
    spec: {
      inputSize: 2,
      layers: [
        { units: 8, activation: 'tanh' },
        { units: 2, activation: 'linear' },
      ],
    },
    message: null,
    last,
  };
}

export function metricsAt(epoch: number, loss: number, accuracy: number | null = 0.5): EpochMetrics {
  return {
    epoch,
    loss,
    valLoss: null,
    accuracy,
    valAccuracy: null,
    r2: null,
    valR2: null,
    mae: null,
    valMae: null,
    seconds: epoch / 100,
  };
}

export function createFakeApi(): FakeApi {
  const listeners = new Map<string, Set<(payload: never) => void>>();
  let state: SessionSnapshot['state'] | null = null;
  let totalEpochs = 100;
  const fake: FakeApi = {
    host: 'web',
    calls: [],
    failNextImport: null,
    nextRunId: 1,
    data: {
      export: async () => {
        fake.calls.push({ method: 'data.export' });
        return { fileName: 'xor-data.csv', mimeType: 'text/csv', data: 'x1,x2,label,split\n' };
      },
      paint: async (req) => {
        fake.calls.push({ method: 'data.paint', arg: req });
        return xorSummary();
      },
      generate: async (req) => {
        fake.calls.push({ method: 'data.generate', arg: req });
        return xorSummary({ name: req.kind });
      },
      importCsv: async (req) => {
        fake.calls.push({ method: 'data.importCsv', arg: req });
        if (fake.failNextImport) {
          const error = fake.failNextImport;
          fake.failNextImport = null;
          throw error;
        }
        return xorSummary({ name: req.fileName, targetName: req.target ?? 'label' });
      },
    },
    train: {
      start: async (config: TrainConfig) => {
        fake.calls.push({ method: 'train.start', arg: config });
        state = 'running';
        totalEpochs = config.epochs;
        return { runId: `run-${fake.nextRunId++}`, snapshot: snapshotOf('running', 0, totalEpochs) };
      },
      pause: async () => {
        fake.calls.push({ method: 'train.pause' });
        state = 'paused';
        return snapshotOf('paused', 1, totalEpochs);
      },
      resume: async () => {
        fake.calls.push({ method: 'train.resume' });
        state = 'running';
        return snapshotOf('running', 1, totalEpochs);
      },
      step: async () => {
        fake.calls.push({ method: 'train.step' });
        return snapshotOf('paused', 2, totalEpochs);
      },
      stop: async () => {
        fake.calls.push({ method: 'train.stop' });
        state = 'stopped';
        return snapshotOf('stopped', 3, totalEpochs);
      },
      reset: async () => {
        fake.calls.push({ method: 'train.reset' });
        const had = state;
        state = null;
        return had ? snapshotOf('stopped', 3, totalEpochs) : null;
      },
      setWeight: async (edit) => {
        fake.calls.push({ method: 'train.setWeight', arg: edit });
        return snapshotOf('paused', 1, totalEpochs);
      },
      lrFind: async (config) => {
        fake.calls.push({ method: 'train.lrFind', arg: config });
        return {
          lrs: [1e-3, 1e-2, 1e-1],
          losses: [1, 0.5, 2],
          suggestedLr: 1e-2,
          minLossLr: 1e-3,
          stoppedBecause: 'exploded',
        };
      },
    },
    inspect: {
      neuron: async (req) => {
        fake.calls.push({ method: 'inspect.neuron', arg: req });
        return {
          ...req,
          activation: 'tanh',
          weights: [0.5, -0.25],
          bias: 0.1,
          histogram: { min: -1, max: 1, counts: [1, 2, 1], nonFinite: 0 },
          deadShare: null,
          rows: 4,
        };
      },
    },
    model: {
      export: async (format) => {
        fake.calls.push({ method: 'model.export', arg: format });
        return { fileName: `model.${format}`, mimeType: 'application/json', data: '{}' };
      },
      load: async (file) => {
        fake.calls.push({ method: 'model.load', arg: file });
        throw new Error('not scripted');
      },
    },
    dataMap: {
      show: async (req) => {
        fake.calls.push({ method: 'dataMap.show', arg: req });
        throw new Error('not scripted');
      },
      row: async (row) => {
        fake.calls.push({ method: 'dataMap.row', arg: row });
        throw new Error('not scripted');
      },
    },
    sweep: {
      start: async (req) => {
        fake.calls.push({ method: 'sweep.start', arg: req });
        return { sweepId: 'sweep-1', runs: 2, workers: 2, swept: req.grid.map((g) => g.name) };
      },
      stop: async () => {
        fake.calls.push({ method: 'sweep.stop', arg: {} });
        return { finished: 0 };
      },
    },
    evaluation: {
      report: async (req) => {
        fake.calls.push({ method: 'evaluation.report', arg: req });
        throw new Error('not scripted');
      },
    },
    engine: {
      threads: async (threads) => {
        fake.calls.push({ method: 'engine.threads', arg: { threads } });
        return { threads: threads ?? 2, cores: 2, available: true };
      },
    },
    crossValidation: {
      start: async (req) => {
        fake.calls.push({ method: 'crossValidation.start', arg: req });
        return { cvId: 'cv-1', folds: req.folds, workers: 2 };
      },
      stop: async () => {
        fake.calls.push({ method: 'crossValidation.stop', arg: {} });
        return { finished: 0 };
      },
    },
    project: {
      save: async (projectState) => {
        fake.calls.push({ method: 'project.save', arg: projectState });
        return { fileName: 'p.nnproj', mimeType: 'application/json', data: '{}' };
      },
      load: async (file) => {
        fake.calls.push({ method: 'project.load', arg: file });
        throw new Error('not scripted');
      },
    },
    files: {
      open: async (kind) => {
        fake.calls.push({ method: 'files.open', arg: kind });
        return null;
      },
      save: async (file) => {
        fake.calls.push({ method: 'files.save', arg: file });
        return { fileName: file.fileName, location: 'download' };
      },
    },
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) (listener as (p: typeof payload) => void)(payload);
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
  return fake;
}
