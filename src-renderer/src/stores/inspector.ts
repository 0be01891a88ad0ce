import { defineStore, storeToRefs } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { NeuronDetails, NeuronRequest } from '@shared/api';
import { useApiStore } from './api';
import { useNoticesStore } from './notices';
import { useTrainingStore } from './training';

export interface WeightChange {
  layer: number;
  to: number;
  from: number | null;
  before: number;
  after: number;
}

/** Re-reading the inspected neuron faster than the maps change would only cost the worker time. */
const REFRESH_MS = 400;

/**
 * The neuron the user looks at (hovered, focused or clicked in the diagram), its details from
 * the backend, kept fresh while training runs, and the weight edits with their undo stack.
 */
export const useInspectorStore = defineStore('inspector', () => {
  const api = useApiStore();
  const notices = useNoticesStore();
  const training = useTrainingStore();
  const { runId, neuronMaps, weights, isPaused, snapshot } = storeToRefs(training);

  const selected = ref<NeuronRequest | null>(null);
  const details = shallowRef<NeuronDetails | null>(null);
  /** The incoming weight whose field should take the focus (a clicked connection). */
  const editFrom = ref<number | null>(null);
  const undoStack = ref<WeightChange[]>([]);
  const canEdit = computed(() => isPaused.value || snapshot.value?.state === 'idle');
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastRefresh = 0;
  let requestCounter = 0;

  async function refresh(): Promise<void> {
    timer = null;
    lastRefresh = performance.now();
    const target = selected.value;
    if (!target || !runId.value) {
      details.value = null;
      return;
    }
    const ticket = ++requestCounter;
    try {
      // A plain copy: reactive proxies cannot cross to the worker.
      const next = await api.get().inspect.neuron({ layer: target.layer, unit: target.unit });
      // A newer selection or refresh may have answered first.
      if (ticket === requestCounter) details.value = next;
    } catch {
      if (ticket === requestCounter) details.value = null;
    }
  }

  function scheduleRefresh(): void {
    if (timer !== null || !selected.value) return;
    timer = setTimeout(() => void refresh(), Math.max(0, REFRESH_MS - (performance.now() - lastRefresh)));
  }

  function select(target: NeuronRequest | null, from: number | null = null): void {
    const same = target && selected.value?.layer === target.layer && selected.value?.unit === target.unit;
    editFrom.value = from;
    if (same) return;
    selected.value = target;
    details.value = null;
    if (timer !== null) clearTimeout(timer);
    void refresh();
  }

  watch([neuronMaps, weights], scheduleRefresh);
  watch(runId, () => {
    undoStack.value = [];
    if (selected.value) void refresh();
  });

  async function apply(
    change: Omit<WeightChange, 'before'>,
    before: number,
    record: boolean,
  ): Promise<boolean> {
    if (!canEdit.value) {
      notices.report('pause training first, then edit the weight', 'Edit weight');
      return false;
    }
    try {
      await api
        .get()
        .train.setWeight({ layer: change.layer, to: change.to, from: change.from, value: change.after });
    } catch (error) {
      notices.report(error, 'Edit weight');
      return false;
    }
    if (record) undoStack.value = [...undoStack.value, { ...change, before }];
    await refresh();
    return true;
  }

  /** Sets a weight (from = input unit) or bias (from = null) of the inspected network. */
  function setWeight(
    layer: number,
    to: number,
    from: number | null,
    value: number,
    before: number,
  ): Promise<boolean> {
    return apply({ layer, to, from, after: value }, before, true);
  }

  async function undo(): Promise<boolean> {
    const last = undoStack.value[undoStack.value.length - 1];
    if (!last) return false;
    const done = await apply(
      { layer: last.layer, to: last.to, from: last.from, after: last.before },
      last.after,
      false,
    );
    if (done) undoStack.value = undoStack.value.slice(0, -1);
    return done;
  }

  return { selected, details, editFrom, undoStack, canEdit, select, setWeight, undo, refresh };
});
