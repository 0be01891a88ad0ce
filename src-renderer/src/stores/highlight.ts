import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { useDataStore } from './data';

/**
 * Rows of the current data picked in one place and highlighted in the others: a clicked
 * confusion-matrix cell rings its rows on the decision-boundary plot (2-D data) or the data map,
 * and marks them in the CSV preview. Forgotten when the data changes.
 */
export const useHighlightStore = defineStore('highlight', () => {
  const rows = shallowRef<ReadonlySet<number> | null>(null);
  /** What the rows are, e.g. "true setosa, predicted versicolor". */
  const label = ref('');
  const count = computed(() => rows.value?.size ?? 0);
  /** For accessible names of the plots: "; 3 highlighted rows: true A, predicted B". */
  const description = computed(() =>
    rows.value ? `; ${count.value} highlighted ${count.value === 1 ? 'row' : 'rows'}: ${label.value}` : '',
  );

  function show(tableRows: readonly number[], text: string): void {
    rows.value = new Set(tableRows);
    label.value = text;
  }

  function clear(): void {
    rows.value = null;
    label.value = '';
  }

  watch(() => useDataStore().summary, clear);

  return { rows, label, count, description, show, clear };
});
