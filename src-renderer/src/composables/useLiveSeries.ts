import { ref, shallowRef, watch, type Ref } from 'vue';
import type { EpochMetrics } from '@shared/training/types';
import type { ChartSeries } from '../lib/chart-setup';

/**
 * Points kept per series. Beyond it the curve is thinned to every other point and later epochs
 * are sampled at the doubled stride, so redraw cost stays flat however long the run
 * (Chart.js decimation then only has to reduce ~2000 points to the chart's width).
 */
export const MAX_SERIES_POINTS = 2000;

export interface SeriesPick<T extends { epoch: number } = EpochMetrics> {
  label: string;
  color: string;
  dashed?: boolean;
  pick(metrics: T): number | null;
}

/**
 * Turns the training store's growing history into chart series incrementally: each batched
 * progress event appends only its new epochs, so a 10,000-epoch run stays cheap to follow.
 */
export function useLiveSeries<T extends { epoch: number } = EpochMetrics>(
  history: Ref<T[]>,
  version: Ref<number>,
  picks: Ref<SeriesPick<T>[]>,
) {
  const series = shallowRef<ChartSeries[]>([]);
  const seriesVersion = ref(0);
  let source: T[] | null = null;
  let consumed = 0;
  let stride = 1;
  let provisional: boolean[] = [];

  function rebuild(): void {
    source = history.value;
    consumed = 0;
    stride = 1;
    provisional = picks.value.map(() => false);
    series.value = picks.value.map((pick) => ({
      label: pick.label,
      color: pick.color,
      dashed: pick.dashed,
      points: [],
    }));
  }

  function append(): void {
    const rows = history.value;
    // The picks may have changed (e.g. the layer count) before their watcher ran.
    if (rows !== source || rows.length < consumed || series.value.length !== picks.value.length) rebuild();
    for (let row = consumed; row < rows.length; row++) {
      const sampled = row % stride === 0;
      // The newest epoch is always drawn; it is replaced once a later epoch arrives unless the stride keeps it.
      if (!sampled && row !== rows.length - 1) continue;
      const metrics = rows[row];
      picks.value.forEach((pick, index) => {
        const value = pick.pick(metrics);
        if (value === null || !Number.isFinite(value)) return;
        const points = series.value[index].points;
        if (provisional[index]) points.pop();
        points.push({ x: metrics.epoch, y: value });
        provisional[index] = !sampled;
      });
    }
    consumed = rows.length;
    if (series.value.some((item) => item.points.length > MAX_SERIES_POINTS)) thin();
    seriesVersion.value++;
  }

  function thin(): void {
    stride *= 2;
    for (const item of series.value) {
      const kept = item.points.filter((_, index) => index % 2 === 0 || index === item.points.length - 1);
      item.points.splice(0, item.points.length, ...kept);
    }
  }

  watch(picks, () => {
    rebuild();
    append();
  });
  watch(version, append, { immediate: true });
  return { series, seriesVersion };
}
