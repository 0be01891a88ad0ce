import { defineStore } from 'pinia';
import { computed, ref, shallowRef, triggerRef } from 'vue';
import type { BoundaryFrame, EventOf } from '@shared/api';
import type { DenseParams } from '@shared/engine/types';
import type { EpochDiagnostics, NeuronMapsFrame } from '@shared/inspection';
import type { Baselines } from '@shared/evaluation/baselines';
import {
  FINAL_STATES,
  type EpochMetrics,
  type SessionSnapshot,
  type SessionState,
  type TrainConfig,
} from '@shared/training/types';
import { formatStatus } from '../lib/format';
import { useApiStore } from './api';
import { useNoticesStore } from './notices';
import { useRunsStore } from './runs';

const ACTIVE_STATES: readonly SessionState[] = ['running', 'paused'];

/**
 * The live run as the backend reports it. The worker does the training; this store only
 * applies its batched events (one reactive update per event) and forwards button presses.
 */
export const useTrainingStore = defineStore('training', () => {
  const api = useApiStore();
  const notices = useNoticesStore();
  const runs = useRunsStore();

  const runId = ref<string | null>(null);
  const snapshot = shallowRef<SessionSnapshot | null>(null);
  // Appended in place and signalled with triggerRef/historyVersion: copying 10,000 epochs 30x a second would not be.
  const history = shallowRef<EpochMetrics[]>([]);
  const historyVersion = ref(0);
  const weights = shallowRef<DenseParams[] | null>(null);
  const boundary = shallowRef<BoundaryFrame | null>(null);
  const neuronMaps = shallowRef<NeuronMapsFrame | null>(null);
  // Appended in place like `history`.
  const diagnostics = shallowRef<EpochDiagnostics[]>([]);
  const diagnosticsVersion = ref(0);
  const runConfig = shallowRef<TrainConfig | null>(null);
  /** The run's trivial and linear baselines on its split (they arrive while it trains). */
  const baselines = shallowRef<Baselines | null>(null);
  const runDataset = ref('');
  const busy = ref(false);

  const retired = new Set<string>();
  const recorded = new Set<string>();
  let starting = false;
  let endWaiters: Array<(snapshot: SessionSnapshot | null) => void> = [];

  const state = computed<SessionState>(() => snapshot.value?.state ?? 'idle');
  const isActive = computed(() => ACTIVE_STATES.includes(state.value));
  const isRunning = computed(() => state.value === 'running');
  const isPaused = computed(() => state.value === 'paused');
  const lastMetrics = computed(() => {
    void historyVersion.value;
    return history.value[history.value.length - 1] ?? snapshot.value?.last ?? null;
  });
  const statusText = computed(() => formatStatus(snapshot.value, lastMetrics.value));

  function acceptsEvent(id: string): boolean {
    if (retired.has(id)) return false;
    if (runId.value === id) return true;
    // Events can overtake the start response; adopt the new run while a start is in flight.
    if (starting) {
      runId.value = id;
      return true;
    }
    return false;
  }

  function applySnapshot(next: SessionSnapshot): void {
    snapshot.value = next;
    if (FINAL_STATES.includes(next.state)) finishRun(next);
  }

  function onProgress(event: EventOf<'train:progress'>): void {
    if (!acceptsEvent(event.runId)) return;
    if (event.metrics.length > 0) {
      history.value.push(...event.metrics);
      triggerRef(history);
      historyVersion.value++;
    }
    if (event.weights) weights.value = event.weights;
    if (event.diagnostics && event.diagnostics.length > 0) {
      diagnostics.value.push(...event.diagnostics);
      triggerRef(diagnostics);
      diagnosticsVersion.value++;
    }
    applySnapshot(event.snapshot);
  }

  function onBoundary(event: EventOf<'train:boundary'>): void {
    if (acceptsEvent(event.runId)) boundary.value = event.frame;
  }

  function onNeuronMaps(event: EventOf<'train:neuron-maps'>): void {
    if (acceptsEvent(event.runId)) neuronMaps.value = event.frame;
  }

  function onBaselines(event: EventOf<'train:baselines'>): void {
    if (acceptsEvent(event.runId)) baselines.value = event.baselines;
  }

  function onState(event: EventOf<'train:state'>): void {
    if (acceptsEvent(event.runId)) applySnapshot(event.snapshot);
  }

  function finishRun(final: SessionSnapshot): void {
    const id = runId.value;
    if (!id || recorded.has(id)) return;
    recorded.add(id);
    if (final.state === 'diverged' && final.message) {
      // The backend continues the next run of the same network from the kept epoch.
      const resume = final.keptEpoch ? ' — change a setting and press Train to continue from there' : '';
      notices.report(`${final.message}${resume}`, 'Training paused');
    }
    if (runConfig.value) {
      runs.add({
        id,
        dataset: runDataset.value,
        config: runConfig.value,
        history: history.value.slice(),
        final,
        finishedAt: Date.now(),
      });
    }
    flushWaiters(final);
  }

  function flushWaiters(final: SessionSnapshot | null): void {
    const waiters = endWaiters;
    endWaiters = [];
    for (const resolve of waiters) resolve(final);
  }

  /** Subscribes to the backend's events; returns the unsubscribe function. */
  function attach(): () => void {
    const on = api.get().on;
    const offs = [
      on('train:progress', onProgress),
      on('train:boundary', onBoundary),
      on('train:neuron-maps', onNeuronMaps),
      on('train:state', onState),
      on('train:baselines', onBaselines),
    ];
    return () => offs.forEach((off) => off());
  }

  function clearLive(): void {
    if (runId.value) retired.add(runId.value);
    runId.value = null;
    snapshot.value = null;
    history.value = [];
    historyVersion.value++;
    weights.value = null;
    baselines.value = null;
    boundary.value = null;
    neuronMaps.value = null;
    diagnostics.value = [];
    diagnosticsVersion.value++;
  }

  /** Shows the curves a model file recorded (no live run): the charts draw them like a run's. */
  function showRecordedHistory(recorded: EpochMetrics[]): void {
    history.value = recorded.slice();
    historyVersion.value++;
  }

  async function call(action: string, work: () => Promise<void>): Promise<boolean> {
    busy.value = true;
    try {
      await work();
      return true;
    } catch (error) {
      notices.report(error, action);
      return false;
    } finally {
      busy.value = false;
    }
  }

  function start(config: TrainConfig, datasetName: string): Promise<boolean> {
    return call('Train', async () => {
      clearLive();
      runConfig.value = config;
      runDataset.value = datasetName;
      starting = true;
      try {
        const result = await api.get().train.start(config);
        runId.value = result.runId;
        // A progress event may already be newer than the start snapshot.
        if (!snapshot.value || snapshot.value.epoch <= result.snapshot.epoch) applySnapshot(result.snapshot);
      } finally {
        starting = false;
      }
    });
  }

  const pause = () => call('Pause', async () => applySnapshot(await api.get().train.pause()));
  const resume = () => call('Resume', async () => applySnapshot(await api.get().train.resume()));
  const stop = () => call('Stop', async () => applySnapshot(await api.get().train.stop()));

  /** One epoch. With no run yet it starts one paused, like Playground's step button. */
  async function step(config: TrainConfig, datasetName: string): Promise<boolean> {
    if (!isActive.value) {
      if (!(await start(config, datasetName))) return false;
      if (!(await pause())) return false;
    } else if (isRunning.value && !(await pause())) {
      return false;
    }
    return call('Step', async () => applySnapshot(await api.get().train.step()));
  }

  const reset = () =>
    call('Reset', async () => {
      await api.get().train.reset();
      clearLive();
      flushWaiters(null);
    });

  /** Stops an active run (kept in the runs list) before the design or data changes under it. */
  async function discard(): Promise<boolean> {
    return isActive.value ? stop() : true;
  }

  /** Resolves when the current run reaches stopped/done/diverged, or with null on Reset. */
  function waitForEnd(): Promise<SessionSnapshot | null> {
    return new Promise((resolve) => endWaiters.push(resolve));
  }

  return {
    runId,
    snapshot,
    history,
    historyVersion,
    showRecordedHistory,
    weights,
    boundary,
    neuronMaps,
    diagnostics,
    diagnosticsVersion,
    runConfig,
    baselines,
    busy,
    state,
    isActive,
    isRunning,
    isPaused,
    lastMetrics,
    statusText,
    attach,
    start,
    pause,
    resume,
    stop,
    step,
    reset,
    discard,
    waitForEnd,
    clearLive,
  };
});
