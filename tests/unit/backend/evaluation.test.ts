import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validTrainConfig } from './fixtures';
import { createHarness } from './harness';

const IRIS = readFileSync(new URL('../../../src-shared/data/classic/iris.csv', import.meta.url), 'utf8');

describe('eval:report', () => {
  it("scores the run's model on the validation rows: same accuracy as the run, matrix cells match the rows", async () => {
    const h = createHarness();
    const summary = await h.call('data:import-csv', {
      fileName: 'iris',
      text: IRIS,
      missing: 'drop',
      valFraction: 0.2,
      seed: 4,
    });
    expect((await h.fail('eval:report', { split: 'val', importance: false })).message).toBe(
      'nothing to evaluate: train a model or open a model file first',
    );
    await h.call('train:start', { ...validTrainConfig, epochs: 20 });
    await h.until(() => h.lastState() === 'done');
    const view = await h.call('eval:report', { split: 'val', importance: true });
    expect(view.report.task).toBe('classification');
    expect(view.report.rows).toBe(summary.valRows);
    const last = h.of('train:progress').at(-1)!.payload.snapshot.last!;
    if (view.report.task === 'classification')
      expect(view.report.accuracy).toBeCloseTo(last.valAccuracy!, 12);
    // Each confusion cell counts the rows whose truth and prediction it names.
    const matrix = [0, 1, 2].map((t) =>
      [0, 1, 2].map((p) => view.truth.filter((y, i) => y === t && view.predicted[i] === p).length),
    );
    if (view.report.task === 'classification') expect(view.report.confusionMatrix).toEqual(matrix);
    expect(view.curves!.map((c) => c.class)).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(view.importance!.map((e) => e.feature).sort()).toEqual([
      'petal length (cm)',
      'petal width (cm)',
      'sepal length (cm)',
      'sepal width (cm)',
    ]);
    const train = await h.call('eval:report', { split: 'train', importance: false });
    expect(train.report.rows).toBe(summary.trainRows);
    expect(train.importance).toBeNull();
  });

  it('refuses a payload of the wrong shape', async () => {
    const h = createHarness();
    const err = await h.fail('eval:report', { split: 'test', importance: false } as never);
    expect(err.message).toMatch(/split/);
  });
});
