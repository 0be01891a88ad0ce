import { defineStore } from 'pinia';
import { ref } from 'vue';
import { defaultHyper, type HyperSettings } from '../lib/defaults';

/** Hyper-parameters of the next run (a running session keeps the ones it started with). */
export const useHyperStore = defineStore('hyper', () => {
  const settings = ref<HyperSettings>(defaultHyper());

  function update<K extends keyof HyperSettings>(key: K, value: HyperSettings[K]): void {
    settings.value = { ...settings.value, [key]: value };
  }

  function apply(next: HyperSettings): void {
    settings.value = { ...next };
  }

  return { settings, update, apply };
});
