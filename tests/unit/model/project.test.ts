import { describe, expect, it } from 'vitest';
import type { ProjectFile } from '../../../src-shared/api';
import { ModelFileError } from '../../../src-shared/errors';
import { parseProject, serializeModel, serializeProject } from '../../../src-shared/model';
import { defaultTrainConfig } from '../../../src-shared/training/config';
import { makeModel } from './make-model';

function project(withModel: boolean): ProjectFile {
  return {
    format: 'nanograd-studio/project',
    version: 1,
    state: {
      name: 'flowers study',
      data: {
        source: 'csv',
        fileName: 'flowers.csv',
        path: '/data/flowers.csv',
        text: 'a,b\n1,2\n',
        missing: 'drop',
        valFraction: 0.2,
        seed: 3,
      },
      config: defaultTrainConfig(),
      history: [
        {
          epoch: 1,
          loss: 0.9,
          valLoss: 1.1,
          accuracy: 0.5,
          valAccuracy: 0.4,
          r2: null,
          valR2: null,
          mae: null,
          valMae: null,
          seconds: 0.2,
        },
      ],
    },
    model: withModel ? makeModel({ csv: 'flowers.csv', hidden: ['tanh'] }) : null,
  };
}

function errorOf(text: string): ModelFileError {
  try {
    parseProject(text, 'study.nnproj');
  } catch (err) {
    if (err instanceof ModelFileError) return err;
    throw err;
  }
  throw new Error('accepted');
}

describe('project files', () => {
  it('round-trip with and without a trained model (weights bit-exact)', () => {
    for (const withModel of [true, false]) {
      const original = project(withModel);
      const text = serializeProject(original);
      const loaded = parseProject(text, 'study.nnproj');
      expect(loaded).toEqual(original);
      expect(serializeProject(loaded)).toBe(text);
    }
  });

  it('embeds the model with the same compact float32 text as a model file', () => {
    const original = project(true);
    const modelText = serializeModel(original.model!);
    const weightsLine = modelText
      .split('\n')
      .find((l) => l.includes('"weight": ['))!
      .trim();
    expect(serializeProject(original)).toContain(weightsLine);
  });

  it('names the broken field of the state, including nested and union fields', () => {
    const broken = JSON.parse(serializeProject(project(false)));
    broken.state.config.hiddenLayers[0].activation = 'swish';
    expect(errorOf(JSON.stringify(broken)).message).toMatch(
      /^study\.nnproj: field "state\.config\.hiddenLayers\[0\]\.activation" must be one of .*got "swish"$/,
    );
    broken.state.config.hiddenLayers[0].activation = 'relu';
    broken.state.data.source = 'ftp';
    const err = errorOf(JSON.stringify(broken));
    expect(err.message).toMatch(/field "state\.data\.source" must be "builtin" or "csv", got "ftp"/);
    delete broken.state;
    expect(errorOf(JSON.stringify(broken)).message).toMatch(/field "state" is missing/);
  });

  it('checks the embedded model with the full model rules, naming model.<field>', () => {
    const broken = JSON.parse(serializeProject(project(true)));
    broken.model.weights[1].bias.pop();
    const err = errorOf(JSON.stringify(broken));
    expect(err.message).toMatch(
      /^study\.nnproj: field "model\.weights\[1\]\.bias" must have 3 numbers \(layer 2 has 3 outputs\), got 2$/,
    );
    expect(err.location.field).toBe('model.weights[1].bias');
    broken.model.version = 7;
    expect(errorOf(JSON.stringify(broken)).message).toMatch(/field "model\.version" is 7/);
  });

  it('recognises a model file, a wrong version, truncation and non-JSON', () => {
    const model = serializeModel(makeModel({ csv: 'flowers.csv', hidden: ['relu'] }));
    expect(errorOf(model).message).toMatch(/this is a model file: open it as a model/);
    expect(errorOf(serializeProject(project(false)).replace('"version": 1', '"version": 2')).message).toMatch(
      /project version 1 only/,
    );
    expect(errorOf(serializeProject(project(false)).slice(0, 200)).message).toMatch(
      /^study\.nnproj: the file is truncated/,
    );
    expect(errorOf('hello').message).toMatch(/not valid JSON at line 1, column 1/);
  });
});

describe('project files from a diverged run', () => {
  it('NaN metrics in the history are written as null and read back as NaN', () => {
    const original = project(false);
    original.state.history.push({ ...original.state.history[0], epoch: 2, loss: NaN, valLoss: NaN });
    const loaded = parseProject(serializeProject(original), 'diverged.nnproj');
    expect(loaded.state.history[1].loss).toBeNaN();
    expect(loaded.state.history[1].valLoss).toBeNull();
  });

  it('opens a history whose last epoch has only nulls (JSON writes NaN and Infinity as null)', () => {
    const file = JSON.parse(serializeProject(project(false)));
    const metrics = ['loss', 'valLoss', 'accuracy', 'valAccuracy', 'r2', 'valR2', 'mae', 'valMae', 'seconds'];
    file.state.history.push({ epoch: 2, ...Object.fromEntries(metrics.map((m) => [m, null])) });
    const last = parseProject(JSON.stringify(file), 'diverged.nnproj').state.history[1];
    expect(last.loss).toBeNaN();
    expect(last.seconds).toBeNaN();
    expect(last.valLoss).toBeNull();
    expect(last.mae).toBeNull();
  });

  it('reads back a 0 lr (under a step schedule, lr · gammaᵏ underflows to 0 after enough steps)', () => {
    const original = project(false);
    original.state.history.push({ ...original.state.history[0], epoch: 2, lr: 0 });
    expect(parseProject(serializeProject(original), 'decay.nnproj')).toEqual(original);
  });
});

describe('project state: the schema the app saves with', () => {
  it('refuses a key the app never writes, naming it', () => {
    const file = JSON.parse(serializeProject(project(false)));
    file.state.data.colour = 'red';
    const err = errorOf(JSON.stringify(file));
    expect(err.message).toBe('study.nnproj: field "state.data.colour" is not allowed');
    expect(err.location.field).toBe('state.data.colour');
  });

  it('opens a project whose config or history has a key this version does not know, dropping it', () => {
    const file = JSON.parse(serializeProject(project(false)));
    file.state.config.retiredSetting = true;
    file.state.history[0].gpuSeconds = 1.5;
    const state = parseProject(JSON.stringify(file), 'older.nnproj').state;
    expect(state).toEqual(project(false).state);
  });

  it('names a metric that is neither a number nor null', () => {
    const file = JSON.parse(serializeProject(project(false)));
    file.state.history[0].valLoss = 'high';
    expect(errorOf(JSON.stringify(file)).message).toBe(
      'study.nnproj: field "state.history[0].valLoss" must be a number or null, got "high"',
    );
  });
});
