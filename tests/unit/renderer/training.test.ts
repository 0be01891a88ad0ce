// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { watch, nextTick } from 'vue';
import { buildTrainConfig, defaultDesign, defaultHyper } from '../../../src-renderer/src/lib/defaults';
import { useNoticesStore } from '../../../src-renderer/src/stores/notices';
import { useRunsStore } from '../../../src-renderer/src/stores/runs';
import { useTrainingStore } from '../../../src-renderer/src/stores/training';
import { freshStudio } from './setup';
import { metricsAt, snapshotOf, type FakeApi } from './fake-api';

const config = () => buildTrainConfig(defaultDesign(), { ...defaultHyper(), epochs: 100 });

describe('training store', () => {
  let api: FakeApi;
  beforeEach(() => {
    ({ api } = freshStudio());
  });

  it('applies one batched progress event as one history update', async () => {
    const training = useTrainingStore();
    training.attach();
    await training.start(config(), 'xor');
    expect(training.runId).toBe('run-1');
    expect(training.isRunning).toBe(true);

    let historyUpdates = 0;
    watch(
      () => training.historyVersion,
      () => historyUpdates++,
    );
    const batch = [metricsAt(1, 0.7), metricsAt(2, 0.5), metricsAt(3, 0.25, 0.75)];
    api.emit('train:progress', {
      runId: 'run-1',
      snapshot: snapshotOf('running', 3, 100, batch[2]),
      metrics: batch,
      weights: null,
    });
    await nextTick();

    expect(historyUpdates).toBe(1);
    expect(training.history.map((m) => m.epoch)).toEqual([1, 2, 3]);
    expect(training.statusText).toBe('Epoch 3/100 · loss 0.2500 · acc 75.0% · running');

    api.emit('train:progress', {
      runId: 'run-1',
      snapshot: snapshotOf('running', 5, 100),
      metrics: [metricsAt(4, 0.2), metricsAt(5, 0.1)],
      weights: null,
    });
    await nextTick();
    expect(historyUpdates).toBe(2);
    expect(training.history).toHaveLength(5);
  });

  it('ignores events of other runs and of a reset run', async () => {
    const training = useTrainingStore();
    training.attach();
    await training.start(config(), 'xor');
    api.emit('train:progress', {
      runId: 'run-99',
      snapshot: snapshotOf('running', 9),
      metrics: [metricsAt(9, 9)],
      weights: null,
    });
    expect(training.history).toHaveLength(0);

    await training.reset();
    expect(training.snapshot).toBeNull();
    api.emit('train:progress', {
      runId: 'run-1',
      snapshot: snapshotOf('running', 4),
      metrics: [metricsAt(4, 1)],
      weights: null,
    });
    expect(training.history).toHaveLength(0);
    expect(training.statusText).toMatch(/^Ready/);
  });

  it('keeps weights and boundary frames for the diagram and the map', async () => {
    const training = useTrainingStore();
    training.attach();
    await training.start(config(), 'xor');
    const weights = [
      { inSize: 2, outSize: 1, weight: new Float32Array([0.5, -1]), bias: new Float32Array([0]) },
    ];
    api.emit('train:progress', {
      runId: 'run-1',
      snapshot: snapshotOf('running', 1),
      metrics: [metricsAt(1, 1)],
      weights,
    });
    api.emit('train:boundary', {
      runId: 'run-1',
      frame: { xMin: 0, xMax: 1, yMin: 0, yMax: 1, size: 2, values: [0, 1, 1, 0], classes: null },
    });
    expect(training.weights).toBe(weights);
    expect(training.boundary?.values).toEqual([0, 1, 1, 0]);
  });

  it('records a finished run once in the runs list, with its curve', async () => {
    const training = useTrainingStore();
    const runs = useRunsStore();
    training.attach();
    await training.start(config(), 'circle');
    api.emit('train:progress', {
      runId: 'run-1',
      snapshot: snapshotOf('running', 2),
      metrics: [metricsAt(1, 0.9), metricsAt(2, 0.4)],
      weights: null,
    });
    const done = snapshotOf('done', 2, 2, metricsAt(2, 0.4));
    api.emit('train:state', { runId: 'run-1', snapshot: done });
    api.emit('train:state', { runId: 'run-1', snapshot: done });
    expect(runs.runs).toHaveLength(1);
    expect(runs.runs[0].dataset).toBe('circle');
    expect(runs.runs[0].history.map((m) => m.loss)).toEqual([0.9, 0.4]);
    expect(runs.runs[0].label).toContain('#1 circle');
    expect(training.isActive).toBe(false);
  });

  it('reports a diverged run in plain words', async () => {
    const training = useTrainingStore();
    const notices = useNoticesStore();
    training.attach();
    await training.start(config(), 'xor');
    api.emit('train:state', {
      runId: 'run-1',
      snapshot: {
        ...snapshotOf('diverged', 7),
        message: 'Loss became NaN at epoch 7; lower the learning rate',
      },
    });
    expect(notices.errors.map((e) => e.message)).toEqual([
      'Training paused: Loss became NaN at epoch 7; lower the learning rate',
    ]);
  });

  it('step with no run starts one, pauses it and steps; discard stops an active run', async () => {
    const training = useTrainingStore();
    training.attach();
    await training.step(config(), 'xor');
    expect(api.calls.map((c) => c.method)).toEqual(['train.start', 'train.pause', 'train.step']);
    expect(training.isPaused).toBe(true);
    await training.discard();
    expect(api.calls.at(-1)?.method).toBe('train.stop');
    expect(training.state).toBe('stopped');
  });

  it('shows api failures as alerts instead of throwing', async () => {
    const training = useTrainingStore();
    const notices = useNoticesStore();
    api.train.start = async () => {
      throw {
        kind: 'config',
        message: 'hiddenLayers[0].units must be an integer from 1 to 1024 (got 0)\n  at stack',
        location: {},
      };
    };
    expect(await training.start(config(), 'xor')).toBe(false);
    expect(notices.errors[0].message).toBe(
      'Train: hiddenLayers[0].units must be an integer from 1 to 1024 (got 0)',
    );
    expect(training.busy).toBe(false);
  });

  it('unsubscribes from every event on detach', () => {
    const training = useTrainingStore();
    const detach = training.attach();
    expect(api.listenerCount('train:progress')).toBe(1);
    detach();
    expect(
      api.listenerCount('train:progress') +
        api.listenerCount('train:state') +
        api.listenerCount('train:boundary'),
    ).toBe(0);
  });
});
