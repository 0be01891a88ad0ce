import { onBeforeUnmount, shallowRef, watch, type Ref, type ShallowRef } from 'vue';

/**
 * Runs `run` (through `defer`) at most once per `intervalMs` however often the returned function is
 * called; a call inside the interval waits for its end instead of being dropped, so the last one counts.
 */
function useThrottledCall(
  run: () => void,
  intervalMs: number,
  defer: (call: () => void) => void,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;
  const call = (): void => {
    timer = null;
    last = performance.now();
    run();
  };
  onBeforeUnmount(() => {
    if (timer !== null) clearTimeout(timer);
  });
  return () => {
    if (timer !== null) return;
    const wait = Math.max(0, intervalMs - (performance.now() - last));
    timer = setTimeout(() => defer(call), wait);
  };
}

/** A copy of `source` that follows it at most once per `intervalMs`, always ending on the latest value. */
export function useThrottled<T>(source: Ref<T>, intervalMs: number): ShallowRef<T> {
  const throttled = shallowRef(source.value) as ShallowRef<T>;
  const follow = useThrottledCall(
    () => {
      throttled.value = source.value;
    },
    intervalMs,
    (call) => call(),
  );
  watch(source, follow);
  return throttled;
}

/** Schedules `paint` on an animation frame, at most once per `intervalMs` (live frames can come faster). */
export function useThrottledRepaint(paint: () => void, intervalMs: number): () => void {
  return useThrottledCall(paint, intervalMs, (call) => requestAnimationFrame(call));
}
