import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { StudioApi } from '@shared/api';

/**
 * Holds the one StudioApi the UI talks to. main.ts connects the host's api; tests connect a
 * fake. Kept in a store (not a module variable) so every app/test gets its own.
 */
export const useApiStore = defineStore('api', () => {
  const api = shallowRef<StudioApi | null>(null);
  // Electron can tell the absolute path of a dropped file (kept in projects); browsers cannot.
  const filePath = shallowRef<(file: File) => string | undefined>(() => undefined);

  function connect(instance: StudioApi, pathForFile?: (file: File) => string | undefined): void {
    api.value = instance;
    if (pathForFile) filePath.value = pathForFile;
  }

  function get(): StudioApi {
    if (!api.value) throw new Error('The backend is not connected yet');
    return api.value;
  }

  return { api, filePath, connect, get };
});
