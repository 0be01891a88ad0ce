import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type {
  DataMapFrame,
  DataMapKind,
  DataMapLayout,
  DataMapRequest,
  DataMapRow,
  EventOf,
} from '@shared/api';
import { errorMessage } from '../lib/errors';
import { useApiStore } from './api';

/**
 * The data map of a wide data set: the layout the backend computed for the chosen map and
 * the latest frame of predictions for it. Requests carry a token so a slow layout (UMAP) that
 * finishes after the user chose another map is dropped instead of replacing the newer one.
 */
export const useDataMapStore = defineStore('datamap', () => {
  const api = useApiStore();
  const map = ref<DataMapKind>('pca');
  const horizontal = ref<string | undefined>(undefined);
  const vertical = ref<string | undefined>(undefined);
  const heldRow = ref<number | undefined>(undefined);
  const layout = shallowRef<DataMapLayout | null>(null);
  const frame = shallowRef<DataMapFrame | null>(null);
  const progress = shallowRef<{ done: number; total: number } | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let token = 0;
  const rowCache = new Map<number, Promise<DataMapRow>>();

  function request(): DataMapRequest {
    if (map.value !== 'slice') return { map: map.value };
    return { map: 'slice', horizontal: horizontal.value, vertical: vertical.value, heldRow: heldRow.value };
  }

  async function show(): Promise<void> {
    const mine = ++token;
    loading.value = true;
    progress.value = null;
    error.value = null;
    try {
      const next = await api.get().dataMap.show(request());
      if (mine !== token) return;
      layout.value = next;
      frame.value = next.frame;
      if (next.slice) {
        horizontal.value = next.slice.horizontal;
        vertical.value = next.slice.vertical;
      }
    } catch (err) {
      if (mine !== token) return;
      layout.value = null;
      frame.value = null;
      error.value = errorMessage(err);
    } finally {
      if (mine === token) {
        loading.value = false;
        progress.value = null;
      }
    }
  }

  /** New data: back to the default map (the rows and columns changed). */
  function resetForData(defaultMap: DataMapKind): Promise<void> {
    map.value = defaultMap;
    horizontal.value = undefined;
    vertical.value = undefined;
    heldRow.value = undefined;
    layout.value = null;
    frame.value = null;
    rowCache.clear();
    return show();
  }

  function choose(next: Partial<{ map: DataMapKind; horizontal: string; vertical: string }>): Promise<void> {
    if (next.map) map.value = next.map;
    if (next.horizontal) horizontal.value = next.horizontal;
    if (next.vertical) vertical.value = next.vertical;
    return show();
  }

  function holdAt(row: number | undefined): Promise<void> {
    heldRow.value = row;
    return show();
  }

  /** A drawn row's cells (cached: the same rows are hovered again and again). */
  function row(index: number): Promise<DataMapRow> {
    let pending = rowCache.get(index);
    if (!pending) {
      pending = api.get().dataMap.row(index);
      rowCache.set(index, pending);
      pending.catch(() => rowCache.delete(index));
    }
    return pending;
  }

  function clearFrame(): void {
    frame.value = null;
  }

  function onFrame(event: EventOf<'train:datamap'>): void {
    if (layout.value && event.frame.layoutId === layout.value.layoutId) frame.value = event.frame;
  }

  function onProgress(event: EventOf<'datamap:progress'>): void {
    if (loading.value) progress.value = { done: event.done, total: event.total };
  }

  /** Subscribes to the backend's data map events; returns the unsubscribe function. */
  function attach(): () => void {
    const on = api.get().on;
    const offs = [on('train:datamap', onFrame), on('datamap:progress', onProgress)];
    return () => offs.forEach((off) => off());
  }

  return {
    map,
    horizontal,
    vertical,
    heldRow,
    layout,
    frame,
    progress,
    loading,
    error,
    show,
    resetForData,
    choose,
    holdAt,
    row,
    clearFrame,
    attach,
  };
});
