import { computed } from 'vue';
import { storeToRefs } from 'pinia';
import { inputFeatureName } from '@shared/data/prepare/input-features';
import { useDataStore } from '../stores/data';
import { useDesignStore } from '../stores/design';

/**
 * The network's inputs as the next run builds them: for data with two numeric inputs (the
 * data that has a plane) the feature toggles decide them (x1², sin(x1), ... named after the
 * data's columns); any other data feeds its encoded columns as they are.
 */
export function useInputFeatures() {
  const { summary } = storeToRefs(useDataStore());
  const { features } = storeToRefs(useDesignStore());

  /** The two numeric input columns the features come from, or null when the toggles do not apply. */
  const columns = computed<[string, string] | null>(() => {
    const data = summary.value;
    if (!data || !data.points || data.featureNames.length !== 2) return null;
    return [data.featureNames[0], data.featureNames[1]];
  });
  /** What the train config carries: the toggles for 2-input data, nothing otherwise. */
  const active = computed(() => (columns.value ? features.value : undefined));
  const inputNames = computed<string[] | null>(() => {
    const pair = columns.value;
    if (pair) return features.value.map((feature) => inputFeatureName(feature, pair[0], pair[1]));
    return summary.value?.featureNames ?? null;
  });
  const inputSize = computed(() => inputNames.value?.length ?? summary.value?.inputSize ?? 2);

  return { columns, active, inputNames, inputSize };
}
