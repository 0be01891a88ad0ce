import { computed, type Ref } from 'vue';
import type { Task } from '@shared/data/types';
import { linearBaselineWarning, type BaselineScores, type Baselines } from '@shared/evaluation/baselines';
import { FINAL_STATES, type EpochMetrics, type SessionSnapshot } from '@shared/training/types';
import { LOG_FLOOR, type ChartSeries } from '../lib/chart-setup';
import { formatLoss } from '../lib/format';

export const TRIVIAL_LABEL = 'Trivial baseline';
export const LINEAR_LABEL = 'Linear baseline';
const TRIVIAL_COLOR = '#8c8c8c';
const LINEAR_COLOR = '#9467bd';

/**
 * The run's baselines as horizontal reference lines over its epochs (loss chart, and the accuracy
 * chart for classes), a text legend with their values, and the one-line warning when the finished
 * network does not beat the linear one (the rule `nanograd train` prints, one definition).
 */
export function useBaselineLines(
  baselines: Ref<Baselines | null>,
  snapshot: Ref<SessionSnapshot | null>,
  last: Ref<EpochMetrics | null>,
  task: Ref<Task>,
) {
  const lastEpoch = computed(() => Math.max(2, snapshot.value?.totalEpochs ?? last.value?.epoch ?? 2));
  const entries = computed(() => {
    const b = baselines.value;
    if (!b) return [];
    // Without validation rows (the 4-point XOR) there is nothing to draw.
    return [
      { label: TRIVIAL_LABEL, color: TRIVIAL_COLOR, scores: b.trivial },
      { label: LINEAR_LABEL, color: LINEAR_COLOR, scores: b.linear },
    ].filter((entry) => entry.scores.valLoss !== null);
  });

  function lines(pick: (scores: BaselineScores) => number | null): ChartSeries[] {
    return entries.value.flatMap(({ label, color, scores }) => {
      const y = pick(scores);
      if (y === null || !Number.isFinite(y)) return [];
      return [
        {
          label,
          color,
          dashed: true,
          points: [
            { x: 1, y },
            { x: lastEpoch.value, y },
          ],
        },
      ];
    });
  }

  const lossLines = computed(() =>
    lines((s) => (s.valLoss === null ? null : Math.max(s.valLoss, LOG_FLOOR))),
  );
  const accuracyLines = computed(() =>
    task.value === 'regression' ? [] : lines((s) => (s.valAccuracy === null ? null : s.valAccuracy * 100)),
  );

  /** "Trivial baseline: val loss 0.693, val accuracy 50.0% · Linear baseline: ..." */
  const legend = computed(() =>
    entries.value
      .map(({ label, scores }) => {
        const loss = `val loss ${formatLoss(scores.valLoss)}`;
        const accuracy =
          scores.valAccuracy === null ? '' : `, val accuracy ${(scores.valAccuracy * 100).toFixed(1)}%`;
        return `${label}: ${loss}${accuracy}`;
      })
      .join(' · '),
  );

  const warning = computed(() => {
    const b = baselines.value;
    const metrics = last.value;
    const state = snapshot.value?.state;
    if (!b || !metrics || !state || !FINAL_STATES.includes(state) || state === 'diverged') return null;
    return linearBaselineWarning(task.value, metrics, b.linear);
  });

  return { lossLines, accuracyLines, legend, warning };
}
