import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS } from '../../../src-shared/api';
import type { BuiltinDataRequest, CsvDataRequest, ProjectState } from '../../../src-shared/api';
import { parseModel, parseProject } from '../../../src-shared/model';
import type { TrainConfig } from '../../../src-shared/training/types';
import { PEOPLE_CSV, validTrainConfig } from './fixtures';
import { createHarness } from './harness';

const XOR: BuiltinDataRequest = { kind: 'xor', points: 4, noise: 0, seed: 1, valFraction: 0 };
const CIRCLE: BuiltinDataRequest = { kind: 'circle', points: 200, noise: 0.05, seed: 3, valFraction: 0.25 };

/** XOR 2-8-1 tanh with Adam: solves the four points in a few hundred full-batch epochs. */
function xorConfig(epochs: number): TrainConfig {
  return { ...validTrainConfig, epochs, init: 'xavier', seed: 4 };
}

function csvRequest(text: string, fileName = 'people.csv'): CsvDataRequest {
  return { fileName, text, missing: 'drop', valFraction: 0.25, seed: 1 };
}

describe('StudioBackend data', () => {
  it('generates a built-in data set with its 2-D points', async () => {
    const h = createHarness();
    const summary = await h.call('data:generate', CIRCLE);
    expect(summary.task).toBe('classification');
    expect(summary.inputSize).toBe(2);
    expect(summary.trainRows + summary.valRows).toBe(200);
    expect(summary.valRows).toBeGreaterThan(0);
    expect(summary.classes).toHaveLength(2);
    expect(summary.points!.xy).toHaveLength(2 * 200);
    expect(summary.points!.val.filter(Boolean)).toHaveLength(summary.valRows);
    expect(summary.preview!.rowCount).toBe(200);
  });

  it('imports a CSV and plots its points in raw units, not standardized ones', async () => {
    const h = createHarness();
    const summary = await h.call('data:import-csv', csvRequest(PEOPLE_CSV));
    expect(summary.featureNames).toEqual(['height', 'weight']);
    expect(summary.targetName).toBe('size');
    expect(summary.classes!.slice().sort()).toEqual(['large', 'small']);
    const xs = summary.points!.xy.filter((_, i) => i % 2 === 0);
    expect(Math.min(...xs)).toBeCloseTo(150, 3);
    expect(Math.max(...xs)).toBeCloseTo(189, 3);
    expect(summary.preview!.columns.map((c) => c.name)).toEqual(['height', 'weight', 'size']);
  });

  it('keeps the previous data when an import fails', async () => {
    const h = createHarness();
    await h.call('data:generate', XOR);
    const error = await h.fail('data:import-csv', csvRequest('a,b,label\n1,2,x\n3,4\n', 'broken.csv'));
    expect(error.kind).toBe('csv');
    expect(error.message).toContain('broken.csv');
    expect(error.message).not.toContain('\n');
    // Training still runs on XOR: 2 inputs, 2 classes, 4 rows.
    const started = await h.call('train:start', xorConfig(5));
    expect(started.snapshot.spec.inputSize).toBe(2);
    await h.until(() => h.lastState() === 'done');
    const predictions = await h.call('model:export', { format: 'predictions' });
    expect(String(predictions.data).trim().split('\n')).toHaveLength(5);
  });

  it('keeps a trained model when the data changes so it can predict the new data', async () => {
    const h = createHarness();
    await h.call('data:import-csv', csvRequest(PEOPLE_CSV, 'train.csv'));
    await h.call('train:start', { ...xorConfig(30), batchSize: 8 });
    await h.until(() => h.lastState() === 'done');
    const other = ['height,weight,size', '160,45,small', '190,65,large'].join('\n');
    await h.call('data:import-csv', { ...csvRequest(other, 'test.csv'), valFraction: 0 });
    const file = await h.call('model:export', { format: 'predictions' });
    expect(file.fileName).toBe('test-predictions.csv');
    const lines = String(file.data).trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('160');
  });
});

describe('StudioBackend training', () => {
  it('trains XOR to a low loss and reports done with metrics, weights and boundary frames', async () => {
    const h = createHarness();
    await h.call('data:generate', XOR);
    const { runId, snapshot } = await h.call('train:start', xorConfig(400));
    expect(snapshot.state).toBe('running');
    await h.until(() => h.lastState() === 'done');
    const progress = h.of('train:progress');
    const epochs = progress.flatMap((e) => e.payload.metrics.map((m) => m.epoch));
    expect(epochs).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    expect(progress.every((e) => e.payload.runId === runId)).toBe(true);
    const last = progress.at(-1)!.payload;
    expect(last.snapshot.state).toBe('done');
    expect(last.metrics.length === 0 || last.metrics.at(-1)!.epoch === 400).toBe(true);
    expect(last.snapshot.last!.loss).toBeLessThan(0.05);
    expect(last.weights).toHaveLength(2);
    expect(last.weights![0].weight).toHaveLength(16);
    const frames = h.of('train:boundary');
    expect(frames.length).toBeGreaterThan(0);
    const frame = frames.at(-1)!.payload.frame;
    expect(frame.size).toBe(60);
    expect(frame.values).toHaveLength(3600);
    expect(frame.classes).toBeNull();
    // XOR: the cell nearest (0,0) is class 0, nearest (1,0) class 1.
    const cellAt = (x: number, y: number) => {
      const col = Math.floor(((x - frame.xMin) / (frame.xMax - frame.xMin)) * frame.size);
      const row = Math.floor(((y - frame.yMin) / (frame.yMax - frame.yMin)) * frame.size);
      return frame.values[row * frame.size + col];
    };
    expect(cellAt(0, 0)).toBeLessThan(0.5);
    expect(cellAt(1, 0)).toBeGreaterThan(0.5);
    expect(cellAt(0, 1)).toBeGreaterThan(0.5);
    expect(cellAt(1, 1)).toBeLessThan(0.5);
  });

  it('pauses, steps one epoch, resumes and stops', async () => {
    const h = createHarness();
    await h.call('data:generate', CIRCLE);
    await h.call('train:start', { ...xorConfig(100_000), batchSize: 16 });
    await h.until(() => h.of('train:progress').length >= 2);
    const paused = await h.call('train:pause', {});
    expect(paused.state).toBe('paused');
    expect(h.lastState()).toBe('paused');
    await h.turns(50);
    const still = await h.call('train:pause', {});
    expect(still.epoch).toBe(paused.epoch);
    const stepped = await h.call('train:step', {});
    expect(stepped.epoch).toBe(paused.epoch + 1);
    expect(stepped.state).toBe('paused');
    await h.call('train:resume', {});
    expect(h.lastState()).toBe('running');
    await h.until(() => (h.of('train:progress').at(-1)?.payload.snapshot.epoch ?? 0) > stepped.epoch + 3);
    const stopped = await h.call('train:stop', {});
    expect(stopped.state).toBe('stopped');
    await h.turns(20);
    const after = await h.call('train:pause', {});
    expect(after.state).toBe('stopped');
    expect(after.epoch).toBe(stopped.epoch);
    expect(h.of('train:state').map((e) => e.payload.snapshot.state)).toEqual([
      'paused',
      'running',
      'stopped',
    ]);
  });

  it('reports a diverging run with its message', async () => {
    const h = createHarness();
    await h.call('data:import-csv', csvRequest(PEOPLE_CSV));
    await h.call('train:start', {
      ...xorConfig(1000),
      loss: 'mse',
      optimizer: { name: 'sgd', lr: 1000 },
      hiddenLayers: [{ units: 32, activation: 'linear' }],
    });
    await h.until(() => h.lastState() === 'diverged');
    expect(h.of('train:state').at(-1)!.payload.snapshot.message).toMatch(/diverged/);
  });

  it('drops the events of a run that was reset or replaced', async () => {
    const h = createHarness();
    await h.call('data:generate', CIRCLE);
    const first = await h.call('train:start', { ...xorConfig(100_000), batchSize: 8 });
    await h.until(() => h.of('train:progress').length >= 1);
    const second = await h.call('train:start', { ...xorConfig(100_000), batchSize: 8 });
    const cut = h.events.length;
    await h.until(() => h.of('train:progress').some((e) => e.payload.runId === second.runId));
    expect(
      h.events.slice(cut).every((e) => !('runId' in e.payload) || e.payload.runId === second.runId),
    ).toBe(true);
    const reset = await h.call('train:reset', {});
    expect(reset!.state).toBe('stopped');
    const cutAfterReset = h.events.length;
    await h.turns(50);
    expect(h.events.length).toBe(cutAfterReset);
    expect(first.runId).not.toBe(second.runId);
    expect((await h.fail('train:pause', {})).message).toBe(
      'cannot pause: no training run (press Train first)',
    );
    expect(await h.call('train:reset', {})).toBeNull();
  });

  it('throttles progress to 30 and boundary frames to 4 per second of its clock', async () => {
    const h = createHarness();
    await h.call('data:generate', CIRCLE);
    await h.call('train:start', { ...xorConfig(3000), batchSize: 50 });
    await h.until(() => h.lastState() === 'done', 200_000);
    const progress = h.of('train:progress');
    const gaps = progress.slice(1, -1).map((e, i) => e.at - progress[i].at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000 / 30 - 1);
    // Batched, not dropped: every epoch arrives exactly once.
    expect(progress.flatMap((e) => e.payload.metrics).map((m) => m.epoch)).toEqual(
      Array.from({ length: 3000 }, (_, i) => i + 1),
    );
    expect(progress.length).toBeLessThan(3000 / 2);
    const frames = h.of('train:boundary');
    const frameGaps = frames.slice(1, -1).map((e, i) => e.at - frames[i].at);
    expect(frames.length).toBeGreaterThan(2);
    expect(Math.min(...frameGaps)).toBeGreaterThanOrEqual(250 - 1);
  });

  it('refuses to train without data and to step without a run', async () => {
    const h = createHarness();
    expect((await h.fail('train:start', xorConfig(10))).message).toMatch(/no data yet/);
    expect((await h.fail('train:step', {})).kind).toBe('training');
  });

  it('checks the rules between fields at the API boundary (the one config schema)', async () => {
    const h = createHarness();
    await h.call('data:generate', XOR);
    const error = await h.fail('train:start', {
      ...xorConfig(10),
      optimizer: { name: 'adam', lr: 0.1, nesterov: true },
    });
    expect(error.kind).toBe('payload');
    expect(error.message).toBe(
      'train:start: field "optimizer.nesterov" applies only to sgd and momentum, not adam',
    );
    expect(error.location.field).toBe('optimizer.nesterov');
  });
});

describe('StudioBackend models and projects', () => {
  async function trainedXor() {
    const h = createHarness();
    await h.call('data:generate', XOR);
    await h.call('train:start', xorConfig(300));
    await h.until(() => h.lastState() === 'done');
    return h;
  }

  it('exports every format from the current run', async () => {
    const h = await trainedXor();
    const json = await h.call('model:export', { format: 'json' });
    expect(json.mimeType).toBe('application/json');
    const model = parseModel(String(json.data), json.fileName);
    expect(model.layers.map((l) => l.outSize)).toEqual([8, 2]);
    expect(model.training!.epochs).toBe(300);

    const onnx = await h.call('model:export', { format: 'onnx' });
    expect(onnx.fileName).toMatch(/\.onnx$/);
    expect(onnx.data).toBeInstanceOf(Uint8Array);
    expect((onnx.data as Uint8Array).length).toBeGreaterThan(100);

    const py = await h.call('model:export', { format: 'pytorch' });
    expect(py.fileName).toMatch(/\.py$/);
    expect(String(py.data)).toContain('torch');

    const csv = await h.call('model:export', { format: 'predictions' });
    const lines = String(csv.data).trim().split('\n');
    expect(lines).toHaveLength(5);
  });

  it('refuses to export before there is a model', async () => {
    const h = createHarness();
    const error = await h.fail('model:export', { format: 'json' });
    expect(error).toEqual({
      kind: 'export',
      message: 'nothing to export: train a model or open a model file first',
      location: {},
    });
  });

  it('loads a model, exports it unchanged, and continues training from its weights', async () => {
    const trained = await trainedXor();
    const file = await trained.call('model:export', { format: 'json' });
    const finalLoss = trained.of('train:progress').at(-1)!.payload.snapshot.last!.loss;

    const h = createHarness();
    const summary = await h.call('model:load', { fileName: file.fileName, text: String(file.data) });
    expect(summary.spec.layers.map((l) => l.units)).toEqual([8, 2]);
    expect(summary.featureNames).toEqual(['x1', 'x2']);
    expect(summary.config?.epochs).toBe(300);
    const again = await h.call('model:export', { format: 'json' });
    expect(parseModel(String(again.data), 'again.json').weights).toEqual(
      parseModel(String(file.data), 'first.json').weights,
    );

    await h.call('data:generate', XOR);
    await h.call('train:start', xorConfig(1));
    await h.until(() => h.lastState() === 'done');
    const continued = h.of('train:progress').at(-1)!.payload.snapshot.last!.loss;
    // A fresh 2-8-2 net starts near ln 2 = 0.69; the loaded one starts where it stopped.
    expect(continued).toBeLessThan(Math.max(finalLoss * 3, 0.05));
  });

  it('rejects a corrupt model file and keeps the current model', async () => {
    const h = await trainedXor();
    const error = await h.fail('model:load', {
      fileName: 'bad.json',
      text: '{"format": "nanograd-studio/model", "version": 9}',
    });
    expect(error.kind).toBe('model');
    expect(error.message).toContain('bad.json');
    expect((await h.call('model:export', { format: 'json' })).fileName).toMatch(/\.json$/);
  });

  it('saves a project with its model and loads it back', async () => {
    const h = await trainedXor();
    const state: ProjectState = {
      name: 'My XOR',
      data: { source: 'builtin', request: XOR },
      config: xorConfig(300),
      history: h.of('train:progress').flatMap((e) => e.payload.metrics),
    };
    const saved = await h.call('project:save', state);
    expect(saved.fileName).toBe('My-XOR.nnproj');
    const parsed = parseProject(String(saved.data), saved.fileName);
    expect(parsed.state.history).toHaveLength(300);
    expect(parsed.model).not.toBeNull();

    const other = createHarness();
    const loaded = await other.call('project:load', { fileName: saved.fileName, text: String(saved.data) });
    expect(loaded.state.name).toBe('My XOR');
    expect(loaded.model!.weights).toEqual(parsed.model!.weights);
    const exported = await other.call('model:export', { format: 'json' });
    expect(parseModel(String(exported.data), 'x.json').weights).toEqual(parsed.model!.weights);
  });

  it('saves a project without a model when nothing was trained', async () => {
    const h = createHarness();
    const state: ProjectState = {
      name: 'empty',
      data: { source: 'builtin', request: XOR },
      config: xorConfig(10),
      history: [],
    };
    const saved = await h.call('project:save', state);
    expect(parseProject(String(saved.data), saved.fileName).model).toBeNull();
  });
});

describe('StudioBackend payload validation', () => {
  it('answers every channel with a payload error envelope for junk, and keeps working', async () => {
    const h = createHarness();
    for (const channel of REQUEST_CHANNELS) {
      const error = await h.fail(channel, 'junk');
      expect(error.kind).toBe('payload');
      expect(error.message.startsWith(`${channel}: `)).toBe(true);
    }
    const unknown = await h.fail('fs:read', { path: '/etc/passwd' });
    expect(unknown).toEqual({
      kind: 'payload',
      message: 'unknown channel "fs:read"',
      location: { field: 'channel' },
    });
    expect((await h.call('data:generate', XOR)).inputSize).toBe(2);
  });
});
