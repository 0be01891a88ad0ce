import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Activation, LayerSpec } from '@shared/engine/types';
import { LIMITS } from '@shared/training/config';
import { clampUnits, formatHiddenLayers, parseHiddenLayers, resizeLayers } from '../lib/hidden-layers';
import { defaultDesign, type DesignSettings } from '../lib/defaults';
import type { InputFeature } from '@shared/data/prepare/input-features';
import { canonicalFeatures } from '@shared/data/prepare/apply-input-features';

/** The hidden layers of the network being designed; input and output sizes follow the data. */
export const useDesignStore = defineStore('design', () => {
  const hiddenLayers = ref<LayerSpec[]>(defaultDesign().hiddenLayers);
  const defaultActivation = ref<Activation>(defaultDesign().defaultActivation);
  /** Input feature toggles (2-input data), in the canonical order; never empty. */
  const features = ref<InputFeature[]>(defaultDesign().features);
  const hiddenText = computed(() => formatHiddenLayers(hiddenLayers.value));
  const canAddLayer = computed(() => hiddenLayers.value.length < LIMITS.maxHiddenLayers);
  const canRemoveLayer = computed(() => hiddenLayers.value.length > 0);

  /** Returns the error to show, or null when the text was applied. */
  function setHiddenFromText(text: string): string | null {
    const parsed = parseHiddenLayers(text);
    if (!parsed.ok) return parsed.error;
    hiddenLayers.value = resizeLayers(hiddenLayers.value, parsed.units, defaultActivation.value);
    return null;
  }

  function addLayer(): void {
    if (!canAddLayer.value) return;
    const last = hiddenLayers.value[hiddenLayers.value.length - 1];
    hiddenLayers.value = [
      ...hiddenLayers.value,
      { units: last?.units ?? 4, activation: defaultActivation.value },
    ];
  }

  function removeLayer(index = hiddenLayers.value.length - 1): void {
    if (index < 0 || index >= hiddenLayers.value.length) return;
    hiddenLayers.value = hiddenLayers.value.filter((_, i) => i !== index);
  }

  function setUnits(index: number, units: number): void {
    if (!hiddenLayers.value[index]) return;
    hiddenLayers.value = hiddenLayers.value.map((layer, i) =>
      i === index ? { ...layer, units: clampUnits(units) } : layer,
    );
  }

  function setActivation(index: number, activation: Activation): void {
    if (!hiddenLayers.value[index]) return;
    hiddenLayers.value = hiddenLayers.value.map((layer, i) =>
      i === index ? { ...layer, activation } : layer,
    );
  }

  /** Switches one input feature on or off; the last one on stays on. */
  function toggleFeature(feature: InputFeature, on: boolean): void {
    const next = on ? [...features.value, feature] : features.value.filter((f) => f !== feature);
    if (next.length === 0) return;
    features.value = canonicalFeatures(next);
  }

  function setDefaultActivation(activation: Activation): void {
    defaultActivation.value = activation;
  }

  function apply(settings: DesignSettings): void {
    hiddenLayers.value = settings.hiddenLayers.map((layer) => ({ ...layer }));
    defaultActivation.value = settings.defaultActivation;
    if (settings.features.length > 0) features.value = canonicalFeatures(settings.features);
  }

  function settings(): DesignSettings {
    return {
      hiddenLayers: hiddenLayers.value.map((layer) => ({ ...layer })),
      defaultActivation: defaultActivation.value,
      features: [...features.value],
    };
  }

  return {
    hiddenLayers,
    defaultActivation,
    features,
    toggleFeature,
    hiddenText,
    canAddLayer,
    canRemoveLayer,
    setHiddenFromText,
    addLayer,
    removeLayer,
    setUnits,
    setActivation,
    setDefaultActivation,
    apply,
    settings,
  };
});
