import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { useApiStore } from '../../../src-renderer/src/stores/api';
import { createFakeApi, type FakeApi } from './fake-api';

/** A fresh Pinia with a fake backend connected, as main.ts does with the real one. */
export function freshStudio(): { pinia: Pinia; api: FakeApi } {
  const pinia = createPinia();
  setActivePinia(pinia);
  const api = createFakeApi();
  useApiStore(pinia).connect(api);
  return { pinia, api };
}
