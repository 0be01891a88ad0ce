import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { EventOf, SweepStartRequest, SweepState } from '@shared/api';
import {
  defaultMetric,
  parseResults,
  resultsCsv,
  resultsFile,
  resultsJson,
  sweptParams,
  type SweepMetric,
  type SweepRun,
} from '@shared/experiments';
import { hyperFromConfig } from '../lib/defaults';
import { errorMessage } from '../lib/errors';
import { useApiStore } from './api';
import { useDataStore } from './data';
import { useDesignStore } from './design';
import { useHyperStore } from './hyper';
import { useNoticesStore } from './notices';
import { useRunsStore } from './runs';

/**
 * The Experiments panel's state: the runs of the current (or imported) sweep as they stream
 * in from the backend's worker pool, the chosen metric, the selection (compare, diff), and
 * the actions on them (stop, export, import, open as design).
 */
export const useSweepStore = defineStore('sweep', () => {
  const api = useApiStore();
  const notices = useNoticesStore();

  const runs = shallowRef<SweepRun[]>([]);
  const swept = ref<string[]>([]);
  const sweepId = ref<string | null>(null);
  const state = ref<SweepState | 'idle'>('idle');
  const total = ref(0);
  const workers = ref(0);
  const running = shallowRef<EventOf<'sweep:progress'>['running']>([]);
  const seconds = ref(0);
  const message = ref<string | null>(null);
  const dataName = ref('');
  const chosenMetric = ref<SweepMetric | null>(null);
  const selected = ref<number[]>([]);
  const dialogOpen = ref(false);

  const metric = computed<SweepMetric>(() => chosenMetric.value ?? defaultMetric(runs.value));
  const isRunning = computed(() => state.value === 'running');
  const selectedRuns = computed(() => runs.value.filter((r) => selected.value.includes(r.index)));
  const statusText = computed(() => {
    const done = runs.value.length;
    switch (state.value) {
      case 'idle':
        return done > 0 ? `${done} runs loaded` : 'No sweep yet';
      case 'running': {
        const live = running.value.map((r) => `#${r.index} epoch ${r.epoch}/${r.totalEpochs}`).join(', ');
        return `Sweeping: ${done} of ${total.value} runs done on ${workers.value} workers${live ? ` (${live})` : ''}`;
      }
      case 'done':
        return `Sweep done: ${done} runs in ${seconds.value.toFixed(1)} s on ${workers.value} workers`;
      case 'stopped':
        return `Sweep stopped: kept ${done} finished runs of ${total.value}`;
      case 'failed':
        return `Sweep failed: ${message.value ?? 'no details'}`;
    }
    return '';
  });

  function attach(): () => void {
    const on = api.get().on;
    const offs = [
      on('sweep:run', (event) => {
        if (event.sweepId !== sweepId.value) return;
        runs.value = [...runs.value, event.run].sort((a, b) => a.index - b.index);
      }),
      on('sweep:progress', (event) => {
        if (event.sweepId !== sweepId.value) return;
        running.value = event.running;
      }),
      on('sweep:state', (event) => {
        if (event.sweepId !== sweepId.value) return;
        state.value = event.state;
        message.value = event.message;
        seconds.value = event.seconds;
        running.value = [];
      }),
    ];
    return () => offs.forEach((off) => off());
  }

  async function start(request: SweepStartRequest): Promise<string | null> {
    try {
      const result = await api.get().sweep.start(request);
      runs.value = [];
      selected.value = [];
      chosenMetric.value = null;
      swept.value = result.swept;
      sweepId.value = result.sweepId;
      total.value = result.runs;
      workers.value = result.workers;
      state.value = 'running';
      message.value = null;
      dataName.value = useDataStore().summary?.name ?? 'data';
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  }

  async function stop(): Promise<void> {
    try {
      await api.get().sweep.stop();
    } catch (error) {
      notices.report(error, 'Stop sweep');
    }
  }

  function toggle(index: number): void {
    selected.value = selected.value.includes(index)
      ? selected.value.filter((i) => i !== index)
      : [...selected.value, index];
  }

  /** Overlays the selected runs' loss curves in the Compare runs panel. */
  function compareSelected(): void {
    const store = useRunsStore();
    const ids = selectedRuns.value
      .filter((run) => (run.history?.length ?? 0) > 0)
      .map((run) => {
        const history = run.history ?? [];
        const last = history[history.length - 1];
        const entry = store.add({
          id: `${sweepId.value ?? 'imported'}-${run.index}`,
          dataset: `${dataName.value} sweep #${run.index}`,
          config: run.trainConfig,
          history,
          final: {
            state: run.state === 'diverged' ? 'diverged' : 'done',
            epoch: run.epochs,
            totalEpochs: run.trainConfig.epochs,
            task: run.final.accuracy === null ? 'regression' : 'classification',
            loss: 'mse',
            spec: { inputSize: 0, layers: [] },
            message: run.message,
            last: last ?? null,
          },
          finishedAt: Date.now(),
        });
        return entry.id;
      });
    store.select([...new Set([...store.selectedIds, ...ids])]);
  }

  function openAsDesign(run: SweepRun): void {
    const config = run.trainConfig;
    useDesignStore().apply({
      hiddenLayers: config.hiddenLayers.map((l) => ({ ...l })),
      defaultActivation: config.hiddenLayers[0]?.activation ?? 'relu',
      features: config.features ?? ['x1', 'x2'],
    });
    useHyperStore().apply(hyperFromConfig(config));
    notices.notify(`Run #${run.index}'s settings are now the design: press Train to train it`);
  }

  async function exportResults(format: 'csv' | 'json'): Promise<void> {
    const base = `${dataName.value || 'sweep'}-sweep-results`;
    const file =
      format === 'csv'
        ? { fileName: `${base}.csv`, mimeType: 'text/csv', data: resultsCsv(runs.value) }
        : {
            fileName: `${base}.json`,
            mimeType: 'application/json',
            data: resultsJson(resultsFile(dataName.value, runs.value, swept.value)),
          };
    try {
      const saved = await api.get().files.save(file);
      if (saved) notices.notify(`Saved ${saved.fileName}`);
    } catch (error) {
      notices.report(error, 'Export results');
    }
  }

  /** Reads results.json / results.csv (exported here or by `nanograd sweep --out-dir`). */
  function importResults(text: string, fileName: string): string | null {
    if (isRunning.value) return 'stop the running sweep before importing results';
    try {
      const file = parseResults(text, fileName);
      runs.value = file.runs;
      swept.value = file.swept.length > 0 ? file.swept : sweptParams(file.runs);
      dataName.value = file.data;
      sweepId.value = null;
      state.value = 'idle';
      total.value = file.runs.length;
      selected.value = [];
      chosenMetric.value = null;
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  }

  return {
    runs,
    swept,
    state,
    total,
    workers,
    running,
    metric,
    chosenMetric,
    selected,
    selectedRuns,
    isRunning,
    statusText,
    dialogOpen,
    attach,
    start,
    stop,
    toggle,
    compareSelected,
    openAsDesign,
    exportResults,
    importResults,
  };
});
