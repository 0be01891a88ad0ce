import { onBeforeUnmount, onMounted, type Ref } from 'vue';

/** While a run is active, closing or reloading the page asks first (the run lives only in memory). */
export function useBeforeUnload(active: Ref<boolean>): void {
  function onBeforeUnload(event: BeforeUnloadEvent): void {
    if (!active.value) return;
    event.preventDefault();
    event.returnValue = ''; // older Chromium (Electron) still needs returnValue set
  }
  onMounted(() => window.addEventListener('beforeunload', onBeforeUnload));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', onBeforeUnload));
}
