import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { BuiltinDataRequest, DatasetSummary, ProjectState } from '@shared/api';
import type { MissingPolicy } from '@shared/data/types';
import { defaultData, type DataSettings } from '../lib/defaults';
import { errorMessage } from '../lib/errors';
import { useApiStore } from './api';

export interface CsvSource {
  fileName: string;
  text: string;
  path?: string;
  target?: string;
  missing: MissingPolicy;
}

/**
 * The current data set. A request only replaces `summary` when the backend accepted it, so a
 * failed import leaves the previous data (and the model trained on it) in place.
 */
export const useDataStore = defineStore('data', () => {
  const api = useApiStore();
  const builtin = ref<DataSettings>(defaultData());
  const source = ref<'builtin' | 'csv'>('builtin');
  const csv = shallowRef<CsvSource | null>(null);
  const summary = shallowRef<DatasetSummary | null>(null);
  const importError = ref<string | null>(null);
  const loadError = ref<string | null>(null);
  const loading = ref(false);

  const preview = computed(() => (source.value === 'csv' ? (summary.value?.preview ?? null) : null));
  const targetColumn = computed(() => csv.value?.target ?? summary.value?.targetName ?? null);

  function builtinRequest(): BuiltinDataRequest {
    return { ...builtin.value };
  }

  function updateBuiltin<K extends keyof DataSettings>(key: K, value: DataSettings[K]): void {
    builtin.value = { ...builtin.value, [key]: value };
  }

  /** Generates the set of the settings; `painted` restores a saved project's painted rows. */
  async function loadBuiltin(painted?: BuiltinDataRequest['painted']): Promise<boolean> {
    loading.value = true;
    try {
      summary.value = await api
        .get()
        .data.generate(painted ? { ...builtinRequest(), painted } : builtinRequest());
      source.value = 'builtin';
      loadError.value = null;
      importError.value = null;
      return true;
    } catch (error) {
      loadError.value = `Could not generate ${builtin.value.kind}: ${errorMessage(error)}`;
      return false;
    } finally {
      loading.value = false;
    }
  }

  async function importCsv(file: Omit<CsvSource, 'missing'> & { missing?: MissingPolicy }): Promise<boolean> {
    loading.value = true;
    const next: CsvSource = { missing: 'drop', ...file };
    try {
      summary.value = await api.get().data.importCsv({
        fileName: next.fileName,
        text: next.text,
        path: next.path,
        target: next.target,
        missing: next.missing,
        valFraction: builtin.value.valFraction,
        seed: builtin.value.seed,
      });
      csv.value = { ...next, target: next.target ?? summary.value.targetName };
      source.value = 'csv';
      importError.value = null;
      loadError.value = null;
      return true;
    } catch (error) {
      const message = errorMessage(error);
      // CSV errors usually name the file already; say it once.
      importError.value = message.includes(next.fileName) ? message : `${next.fileName}: ${message}`;
      return false;
    } finally {
      loading.value = false;
    }
  }

  /** Reports a file the UI could not even read (binary, not UTF-8) the same way as a CSV error. */
  function rejectFile(fileName: string, reason: string): void {
    importError.value = reason.includes(fileName) ? reason : `${fileName}: ${reason}`;
  }

  async function setTarget(target: string): Promise<boolean> {
    if (!csv.value) return false;
    return importCsv({ ...csv.value, target });
  }

  async function setMissingPolicy(missing: MissingPolicy): Promise<boolean> {
    if (!csv.value) return false;
    return importCsv({ ...csv.value, missing });
  }

  /** Re-sends the current data (after a backend restart the worker has none). */
  async function reload(): Promise<boolean> {
    return source.value === 'csv' && csv.value ? importCsv(csv.value) : loadBuiltin();
  }

  /** Projects embed CSV text up to 1 MB; larger files are referenced by path only. */
  function projectData(): ProjectState['data'] {
    if (source.value === 'csv' && csv.value) {
      const small = csv.value.text.length <= 1_000_000;
      return {
        source: 'csv',
        fileName: csv.value.fileName,
        path: csv.value.path,
        text: small ? csv.value.text : undefined,
        target: csv.value.target,
        missing: csv.value.missing,
        valFraction: builtin.value.valFraction,
        seed: builtin.value.seed,
      };
    }
    return { source: 'builtin', request: builtinRequest() };
  }

  async function applyProjectData(data: ProjectState['data']): Promise<boolean> {
    if (data.source === 'builtin') {
      const { painted, ...settings } = data.request;
      builtin.value = settings;
      return loadBuiltin(painted);
    }
    if (data.text === undefined) {
      importError.value = `${data.fileName}: the project does not embed this CSV; import it again with Import CSV`;
      return false;
    }
    builtin.value = { ...builtin.value, valFraction: data.valFraction, seed: data.seed };
    return importCsv({
      fileName: data.fileName,
      text: data.text,
      path: data.path,
      target: data.target,
      missing: data.missing,
    });
  }

  return {
    builtin,
    source,
    csv,
    summary,
    importError,
    loadError,
    loading,
    preview,
    targetColumn,
    builtinRequest,
    updateBuiltin,
    loadBuiltin,
    importCsv,
    rejectFile,
    setTarget,
    setMissingPolicy,
    reload,
    projectData,
    applyProjectData,
  };
});
