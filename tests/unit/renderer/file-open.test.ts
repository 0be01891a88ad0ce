// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { ModelSummary } from '@shared/api';
import { routeFile } from '../../../src-renderer/src/lib/file-kind';
import { useStudioActions } from '../../../src-renderer/src/composables/useStudioActions';
import { useDataStore } from '../../../src-renderer/src/stores/data';
import { useDesignStore } from '../../../src-renderer/src/stores/design';
import { useNoticesStore } from '../../../src-renderer/src/stores/notices';
import { useTrainingStore } from '../../../src-renderer/src/stores/training';
import { freshStudio } from './setup';
import type { FakeApi } from './fake-api';

const fileOf = (name: string, text: string) => {
  const bytes = new TextEncoder().encode(text);
  return { name, size: bytes.length, arrayBuffer: async () => bytes.buffer };
};

const MODEL_HEAD = '{\n  "format": "nanograd-studio/model",\n  "version": 1,';
const PROJECT_HEAD = '{"format":"nanograd-studio/project","version":1,';

describe('routing a file to its open path', () => {
  it('goes by extension for data and projects, and by the format field for JSON', () => {
    expect(routeFile('data.csv', '')).toEqual({ ok: true, kind: 'csv' });
    expect(routeFile('DATA.TSV', '')).toEqual({ ok: true, kind: 'csv' });
    expect(routeFile('notes.txt', '{"format":"nanograd-studio/model"}')).toEqual({ ok: true, kind: 'csv' });
    expect(routeFile('run.nnproj', '')).toEqual({ ok: true, kind: 'project' });
    expect(routeFile('model.json', MODEL_HEAD)).toEqual({ ok: true, kind: 'model' });
    expect(routeFile('saved.json', PROJECT_HEAD)).toEqual({ ok: true, kind: 'project' });
    // A JSON that is not ours goes to the model loader, which names what is wrong with it.
    expect(routeFile('other.json', '[1, 2]')).toEqual({ ok: true, kind: 'model' });
    expect(routeFile('download', MODEL_HEAD)).toEqual({ ok: true, kind: 'model' });
  });

  it('refuses anything else in one line that says what the studio opens', () => {
    const route = routeFile('photo.png', '\u0089PNG');
    expect(route.ok).toBe(false);
    expect(!route.ok && route.reason).toBe(
      'photo.png is not a file Nanograd Studio opens; drop a CSV data file (.csv, .tsv, .txt), a model file (.json) or a project file (.nnproj)',
    );
  });
});

describe('a file dropped on the window', () => {
  let api: FakeApi;
  beforeEach(async () => {
    ({ api } = freshStudio());
    await useDataStore().loadBuiltin();
  });

  it('imports CSV data', async () => {
    expect(await useStudioActions().openDroppedFile(fileOf('points.csv', 'x,y\n1,2\n'))).toBe(true);
    expect(api.calls.filter((call) => call.method === 'data.importCsv')).toHaveLength(1);
    expect(useDataStore().summary?.name).toBe('points.csv');
  });

  it('opens a model file and puts its hidden layers in the designer, even without training info', async () => {
    const summary: ModelSummary = {
      name: 'tiny',
      task: 'classification',
      spec: {
        inputSize: 2,
        layers: [
          { units: 3, activation: 'relu' },
          { units: 5, activation: 'sigmoid' },
          { units: 2, activation: 'linear' },
        ],
      },
      featureNames: ['x1', 'x2'],
      classes: ['a', 'b'],
      config: null,
      history: [],
    };
    api.model.load = async (file) => {
      api.calls.push({ method: 'model.load', arg: file });
      return summary;
    };
    const text = `${MODEL_HEAD} "name": "tiny" }`;
    expect(await useStudioActions().openDroppedFile(fileOf('tiny.json', text))).toBe(true);
    expect(api.calls.find((call) => call.method === 'model.load')?.arg).toEqual({
      fileName: 'tiny.json',
      text,
      path: undefined,
    });
    expect(api.calls.some((call) => call.method === 'data.importCsv')).toBe(false);
    expect(useDesignStore().hiddenLayers).toEqual([
      { units: 3, activation: 'relu' },
      { units: 5, activation: 'sigmoid' },
    ]);
    expect(useTrainingStore().snapshot).toBeNull();
    expect(useTrainingStore().history).toEqual([]);
    expect(useNoticesStore().info).toBe('Loaded model tiny (2-3-5-2); export it or train it further');
  });

  it('shows the curves a model file recorded (a PyTorch script run) in the charts', async () => {
    const epoch = (n: number, loss: number) => ({
      epoch: n,
      loss,
      valLoss: loss + 0.1,
      accuracy: 0.5 + n / 10,
      valAccuracy: 0.5,
      r2: null,
      valR2: null,
      mae: null,
      valMae: null,
      seconds: n,
    });
    const history = [epoch(1, 0.9), epoch(2, 0.7), epoch(3, 0.6)];
    api.model.load = async () => ({
      name: 'trained',
      task: 'classification',
      spec: { inputSize: 2, layers: [{ units: 2, activation: 'linear' }] },
      featureNames: ['x1', 'x2'],
      classes: ['a', 'b'],
      config: null,
      history,
    });
    expect(await useStudioActions().openDroppedFile(fileOf('trained.json', `${MODEL_HEAD} }`))).toBe(true);
    expect(useTrainingStore().history).toEqual(history);
    expect(useTrainingStore().lastMetrics?.loss).toBe(0.6);
    expect(useNoticesStore().info).toBe(
      'Loaded model trained (2-2) with its 3 recorded epochs; export it or train it further',
    );
  });

  it('sends a project file to the project loader', async () => {
    await useStudioActions().openDroppedFile(fileOf('run.nnproj', PROJECT_HEAD));
    expect(api.calls.some((call) => call.method === 'project.load')).toBe(true);
    // The fake refuses it; the refusal is shown, prefixed with what the user did.
    expect(useNoticesStore().errors.map((notice) => notice.message)).toEqual(['Open project: not scripted']);
  });

  it('reports an unknown file and changes nothing', async () => {
    const before = useDesignStore().settings();
    expect(await useStudioActions().openDroppedFile(fileOf('song.mp3', 'ID3'))).toBe(false);
    expect(useNoticesStore().errors.map((notice) => notice.message)).toEqual([
      'Open file: song.mp3 is not a file Nanograd Studio opens; drop a CSV data file (.csv, .tsv, .txt), a model file (.json) or a project file (.nnproj)',
    ]);
    expect(useDesignStore().settings()).toEqual(before);
    expect(api.calls.map((call) => call.method)).toEqual(['data.generate']);
  });
});
