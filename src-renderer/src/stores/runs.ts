import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { EpochMetrics, SessionSnapshot, TrainConfig } from '@shared/training/types';
import { describeRun } from '../lib/run-label';

export interface RunRecord {
  id: string;
  dataset: string;
  config: TrainConfig;
  history: EpochMetrics[];
  final: SessionSnapshot;
  finishedAt: number;
}

export interface RunEntry extends RunRecord {
  number: number;
  label: string;
}

/** Older runs beyond this are dropped (oldest first) so a long session does not grow without bound. */
export const MAX_RUNS = 30;

/** Every finished or stopped run, for comparing designs by overlaying loss curves. */
export const useRunsStore = defineStore('runs', () => {
  const runs = shallowRef<RunEntry[]>([]);
  const selectedIds = ref<string[]>([]);
  let counter = 0;

  const selectedRuns = computed(() => runs.value.filter((run) => selectedIds.value.includes(run.id)));

  function add(record: RunRecord): RunEntry {
    counter += 1;
    const entry: RunEntry = { ...record, number: counter, label: describeRun(counter, record) };
    const kept = [...runs.value, entry].slice(-MAX_RUNS);
    runs.value = kept;
    selectedIds.value = selectedIds.value.filter((id) => kept.some((run) => run.id === id));
    return entry;
  }

  function toggle(id: string): void {
    selectedIds.value = selectedIds.value.includes(id)
      ? selectedIds.value.filter((selected) => selected !== id)
      : [...selectedIds.value, id];
  }

  function select(ids: string[]): void {
    selectedIds.value = ids.filter((id) => runs.value.some((run) => run.id === id));
  }

  function remove(id: string): void {
    runs.value = runs.value.filter((run) => run.id !== id);
    selectedIds.value = selectedIds.value.filter((selected) => selected !== id);
  }

  function clear(): void {
    runs.value = [];
    selectedIds.value = [];
  }

  return { runs, selectedIds, selectedRuns, add, toggle, select, remove, clear };
});
