import { describe, expect, it } from 'vitest';
import { nextTick, ref } from 'vue';
import {
  MAX_SERIES_POINTS,
  useLiveSeries,
  type SeriesPick,
} from '../../../src-renderer/src/composables/useLiveSeries';
import type { EpochMetrics } from '../../../src-shared/training/types';

function metrics(epoch: number): EpochMetrics {
  return {
    epoch,
    loss: 1 / epoch,
    valLoss: epoch % 2 === 0 ? 2 / epoch : null,
    accuracy: null,
    valAccuracy: null,
    r2: null,
    valR2: null,
    mae: null,
    valMae: null,
    seconds: epoch / 1000,
  };
}

const picks = ref<SeriesPick[]>([
  { label: 'train', color: '#000', pick: (m) => m.loss },
  { label: 'val', color: '#111', pick: (m) => m.valLoss },
]);

describe('useLiveSeries', () => {
  it('appends only new epochs and skips missing values', async () => {
    const history = ref<EpochMetrics[]>([]);
    const version = ref(0);
    const { series, seriesVersion } = useLiveSeries(history, version, picks);
    history.value.push(metrics(1), metrics(2), metrics(3));
    version.value++;
    await nextTick();
    expect(series.value[0].points.map((p) => p.x)).toEqual([1, 2, 3]);
    expect(series.value[1].points).toEqual([{ x: 2, y: 1 }]);
    const before = seriesVersion.value;
    history.value.push(metrics(4));
    version.value++;
    await nextTick();
    expect(series.value[0].points.map((p) => p.x)).toEqual([1, 2, 3, 4]);
    expect(seriesVersion.value).toBe(before + 1);
  });

  it('keeps a long run under the point budget, in order, always ending on the newest epoch', async () => {
    const history = ref<EpochMetrics[]>([]);
    const version = ref(0);
    const { series } = useLiveSeries(history, version, picks);
    // Batches of 37 epochs, as throttled progress events deliver them.
    for (let epoch = 1; epoch <= 50_000;) {
      for (let k = 0; k < 37 && epoch <= 50_000; k++) history.value.push(metrics(epoch++));
      version.value++;
      await nextTick();
      const train = series.value[0].points;
      expect(train.length).toBeLessThanOrEqual(MAX_SERIES_POINTS + 1);
      expect(train.at(-1)!.x).toBe(history.value.length);
    }
    const xs = series.value[0].points.map((p) => p.x);
    expect(xs[0]).toBe(1);
    expect(xs.length).toBeGreaterThan(MAX_SERIES_POINTS / 2);
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1]);
    // Thinning keeps the curve evenly sampled: no gap wider than twice the typical step.
    const steps = xs.slice(1).map((x, i) => x - xs[i]);
    const typical = steps.sort((a, b) => a - b)[Math.floor(steps.length / 2)];
    expect(steps.at(-1)!).toBeLessThanOrEqual(2 * typical);
  });

  it('rebuilds from scratch when the history is replaced (a new run)', async () => {
    const history = ref<EpochMetrics[]>([metrics(1), metrics(2)]);
    const version = ref(0);
    const { series } = useLiveSeries(history, version, picks);
    expect(series.value[0].points).toHaveLength(2);
    history.value = [metrics(1)];
    version.value++;
    await nextTick();
    expect(series.value[0].points).toEqual([{ x: 1, y: 1 }]);
  });
});
