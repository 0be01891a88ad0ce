import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { CvProgressEvent, CvState } from '@shared/evaluation/cv-app';
import type { CvSummary, FoldResult } from '@shared/evaluation/cross-validate';
import type { TrainConfig } from '@shared/training/types';
import { useApiStore } from './api';
import { useNoticesStore } from './notices';

export const DEFAULT_FOLDS = 5;

/**
 * The Cross-validate action's state: K folds of the current design on the current data, run by
 * the backend on its worker pool; folds stream in with their curves, then the mean ± std.
 */
export const useCrossValidationStore = defineStore('crossValidation', () => {
  const api = useApiStore();
  const notices = useNoticesStore();

  const folds = ref(DEFAULT_FOLDS);
  const cvId = ref<string | null>(null);
  const state = ref<CvState | 'running' | 'idle'>('idle');
  const total = ref(0);
  const workers = ref(0);
  const results = shallowRef<FoldResult[]>([]);
  const running = shallowRef<CvProgressEvent['running']>([]);
  const summary = shallowRef<CvSummary | null>(null);
  const seconds = ref(0);
  const message = ref<string | null>(null);

  const isRunning = computed(() => state.value === 'running');
  /** Epochs trained over all folds, out of K × epochs: what the progress bar shows. */
  const progress = computed(() => {
    const epochs = running.value[0]?.totalEpochs ?? results.value[0]?.history.length ?? 0;
    const planned = total.value * epochs;
    if (planned === 0) return 0;
    const trained =
      results.value.reduce((sum, r) => sum + r.epochs, 0) +
      running.value.reduce((sum, r) => sum + r.epoch, 0);
    return Math.min(1, trained / planned);
  });

  function attach(): () => void {
    const on = api.get().on;
    const offs = [
      on('cv:fold', (event) => {
        if (event.cvId !== cvId.value) return;
        results.value = [...results.value, event.result].sort((a, b) => a.fold - b.fold);
      }),
      on('cv:progress', (event) => {
        if (event.cvId === cvId.value) running.value = event.running;
      }),
      on('cv:state', (event) => {
        if (event.cvId !== cvId.value) return;
        state.value = event.state;
        summary.value = event.cv;
        seconds.value = event.seconds;
        message.value = event.message;
        running.value = [];
      }),
    ];
    return () => offs.forEach((off) => off());
  }

  async function start(config: TrainConfig): Promise<boolean> {
    if (isRunning.value) return false;
    results.value = [];
    running.value = [];
    summary.value = null;
    message.value = null;
    state.value = 'running';
    try {
      const started = await api.get().crossValidation.start({ folds: folds.value, config });
      cvId.value = started.cvId;
      total.value = started.folds;
      workers.value = started.workers;
      return true;
    } catch (error) {
      state.value = 'idle';
      notices.report(error, 'Cross-validate');
      return false;
    }
  }

  async function stop(): Promise<void> {
    try {
      await api.get().crossValidation.stop();
    } catch (error) {
      notices.report(error, 'Stop cross-validation');
    }
  }

  return {
    folds,
    cvId,
    state,
    total,
    workers,
    results,
    running,
    summary,
    seconds,
    message,
    isRunning,
    progress,
    attach,
    start,
    stop,
  };
});
