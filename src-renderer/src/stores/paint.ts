import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { PaintPoint, PaintRequest } from '@shared/api';
import { useApiStore } from './api';
import { useDataStore } from './data';
import { useNoticesStore } from './notices';

/** Pointer positions are gathered this long before they go to the backend in one request. */
const FLUSH_MS = 50;
/** The schema's MAX_PAINT_BATCH (api-schemas.ts), not imported to keep zod out of the UI bundle. */
const MAX_BATCH = 1000;

type StrokeRequest = Extract<PaintRequest, { points: PaintPoint[] }>;

/**
 * Paint mode on a generated 2-D data set. The canvas hands in pointer positions in data
 * units; they are batched (one request per FLUSH_MS, merged while a request is in flight) and
 * sent in order, so painting never waits on the backend and the backend sees few requests.
 * Painted points show at once (`preview`) until the answer's data includes them.
 */
export const usePaintStore = defineStore('paint', () => {
  const api = useApiStore();
  const data = useDataStore();
  const notices = useNoticesStore();
  const active = ref(false);
  /** Class index (classification) or target value (regression) of the points added. */
  const classIndex = ref(0);
  const targetValue = ref(0);
  /** Strokes that changed the data and can be undone. */
  const undoSteps = ref(0);
  const preview = shallowRef<{ xy: number[]; label: number[] }>({ xy: [], label: [] });

  const available = computed(
    () => data.source === 'builtin' && !!data.summary?.points && data.summary.inputSize === 2,
  );
  const isRegression = computed(() => data.summary?.task === 'regression');

  let stroke = 0;
  /** The stroke the last undo step was counted for (a stroke's batches are one step). */
  let lastCounted = -1;
  let gathering: StrokeRequest | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const outbox: PaintRequest[] = [];
  let inFlight: PaintRequest | null = null;

  // New data (generated or imported) starts with nothing to undo.
  data.$onAction(({ name, after }) => {
    if (name === 'loadBuiltin' || name === 'importCsv')
      after(() => {
        undoSteps.value = 0;
        if (!available.value) active.value = false;
        const classes = data.summary?.classes?.length ?? 0;
        if (classIndex.value >= classes) classIndex.value = 0;
      });
  });

  function toggle(): void {
    active.value = !active.value && available.value;
  }

  function beginStroke(): void {
    flush();
    stroke++;
  }

  function addPoint(point: PaintPoint): void {
    const label = isRegression.value ? targetValue.value : classIndex.value;
    gather({ action: 'add', stroke, label, points: [] }).points.push(point);
    refreshPreview();
  }

  /** Erases the points inside the ellipse (radii in data units) around `point`. */
  function erasePoint(point: PaintPoint, radiusX: number, radiusY: number): void {
    gather({ action: 'erase', stroke, points: [], radiusX, radiusY }).points.push(point);
  }

  function endStroke(): void {
    flush();
  }

  function undo(): void {
    flush();
    if (undoSteps.value === 0) return;
    outbox.push({ action: 'undo' });
    void drain();
  }

  /** The batch being gathered, started anew when the kind of request (or its label) changes. */
  function gather(request: StrokeRequest): StrokeRequest {
    if (!gathering || !sameKind(gathering, request) || gathering.points.length >= MAX_BATCH) {
      flush();
      gathering = request;
    }
    timer ??= setTimeout(flush, FLUSH_MS);
    return gathering!;
  }

  function flush(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!gathering || gathering.points.length === 0) return;
    const batch = gathering;
    gathering = null;
    const last = outbox[outbox.length - 1];
    // While a request is in flight, batches of the same stroke merge: one request per round trip.
    if (
      last &&
      last.action !== 'undo' &&
      sameKind(last, batch) &&
      last.points.length + batch.points.length <= MAX_BATCH
    )
      last.points.push(...batch.points);
    else outbox.push(batch);
    void drain();
  }

  async function drain(): Promise<void> {
    if (inFlight) return;
    while (outbox.length > 0) {
      const request = outbox.shift()!;
      inFlight = request;
      await send(request);
      inFlight = null;
      refreshPreview();
    }
  }

  async function send(request: PaintRequest): Promise<void> {
    const before = data.summary ? data.summary.trainRows + data.summary.valRows : 0;
    try {
      const summary = await api.get().data.paint(request);
      const changed = summary.trainRows + summary.valRows !== before || request.action === 'add';
      data.summary = summary;
      if (request.action === 'undo') {
        undoSteps.value = Math.max(0, undoSteps.value - 1);
        lastCounted = -1;
      } else if (changed && request.stroke !== lastCounted) {
        undoSteps.value++;
        lastCounted = request.stroke;
      }
    } catch (error) {
      notices.report(error, 'Paint');
    }
  }

  function refreshPreview(): void {
    const xy: number[] = [];
    const label: number[] = [];
    for (const request of [inFlight, ...outbox, gathering]) {
      if (!request || request.action !== 'add') continue;
      for (const p of request.points) {
        xy.push(p.x, p.y);
        label.push(request.label);
      }
    }
    preview.value = { xy, label };
  }

  function sameKind(a: StrokeRequest, b: StrokeRequest): boolean {
    if (a.action !== b.action || a.stroke !== b.stroke) return false;
    if (a.action === 'add' && b.action === 'add') return a.label === b.label;
    return a.action === 'erase' && b.action === 'erase' && a.radiusX === b.radiusX && a.radiusY === b.radiusY;
  }

  return {
    active,
    available,
    isRegression,
    classIndex,
    targetValue,
    undoSteps,
    preview,
    toggle,
    beginStroke,
    addPoint,
    erasePoint,
    endStroke,
    undo,
  };
});
