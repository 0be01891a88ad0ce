import { watch } from 'vue';
import { loadSettings, saveSettings, type SettingsStorage, type StoredSettings } from '../lib/persistence';
import { useDataStore } from '../stores/data';
import { useDesignStore } from '../stores/design';
import { useHyperStore } from '../stores/hyper';

function browserStorage(): SettingsStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // access to localStorage itself can throw when storage is blocked
  }
}

/** Restores the last design and settings, then saves every change. */
export function usePersistedSettings(storage: SettingsStorage | null = browserStorage()): void {
  const data = useDataStore();
  const design = useDesignStore();
  const hyper = useHyperStore();

  const restored = loadSettings(storage);
  data.builtin = restored.data;
  design.apply(restored.design);
  hyper.apply(restored.hyper);

  const current = (): StoredSettings => ({
    version: 1,
    data: { ...data.builtin },
    design: design.settings(),
    hyper: { ...hyper.settings },
  });
  watch(current, (settings) => saveSettings(storage, settings), { deep: true });
}
