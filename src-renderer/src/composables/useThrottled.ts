import { onBeforeUnmount, shallowRef, watch, type Ref, type ShallowRef } from 'vue';

/** A copy of `source` that follows it at most once per `intervalMs`, always ending on the latest value. */
export function useThrottled<T>(source: Ref<T>, intervalMs: number): ShallowRef<T> {
  const throttled = shallowRef(source.value) as ShallowRef<T>;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;

  watch(source, () => {
    if (timer !== null) return;
    const wait = Math.max(0, intervalMs - (performance.now() - last));
    timer = setTimeout(() => {
      timer = null;
      last = performance.now();
      throttled.value = source.value;
    }, wait);
  });
  onBeforeUnmount(() => {
    if (timer !== null) clearTimeout(timer);
  });
  return throttled;
}
