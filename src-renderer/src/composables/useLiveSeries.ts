import { ref, shallowRef, watch, type Ref } from 'vue';
import type { EpochMetrics } from '@shared/training/types';
import type { ChartSeries } from '../lib/chart-setup';

export interface SeriesPick {
  label: string;
  color: string;
  dashed?: boolean;
  pick(metrics: EpochMetrics): number | null;
}

/**
 * Turns the training store's growing history into chart series incrementally: each batched
 * progress event appends only its new epochs, so a 10,000-epoch run stays cheap to follow.
 */
export function useLiveSeries(history: Ref<EpochMetrics[]>, version: Ref<number>, picks: Ref<SeriesPick[]>) {
  const series = shallowRef<ChartSeries[]>([]);
  const seriesVersion = ref(0);
  let source: EpochMetrics[] | null = null;
  let consumed = 0;

  function rebuild(): void {
    source = history.value;
    consumed = 0;
    series.value = picks.value.map((pick) => ({ label: pick.label, color: pick.color, dashed: pick.dashed, points: [] }));
  }

  function append(): void {
    const rows = history.value;
    if (rows !== source || rows.length < consumed) rebuild();
    for (let row = consumed; row < rows.length; row++) {
      const metrics = rows[row];
      picks.value.forEach((pick, index) => {
        const value = pick.pick(metrics);
        if (value !== null && Number.isFinite(value)) series.value[index].points.push({ x: metrics.epoch, y: value });
      });
    }
    consumed = rows.length;
    seriesVersion.value++;
  }

  watch(picks, () => {
    rebuild();
    append();
  });
  watch(version, append, { immediate: true });
  return { series, seriesVersion };
}
