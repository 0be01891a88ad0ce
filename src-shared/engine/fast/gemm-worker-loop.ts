/**
 * The helper side of ./gemm-threads.ts, run by each GEMM helper thread (src-main/node/gemm-worker.ts,
 * src-renderer/host/gemm-worker.ts). It keeps one kernel instance per memory the caller attached,
 * sleeps on the control block's task counter and runs the tasks it manages to claim.
 *
 * While training, jobs come every fraction of a millisecond, so the helper waits synchronously
 * (Atomics.wait, woken in microseconds). After HOT_WAIT_MS without a job it waits asynchronously
 * instead (Atomics.waitAsync, or a timer where that is missing), which frees its event loop for
 * the next attach message; a job for a memory it has not attached yet sends it there at once.
 */
import {
  CTRL,
  TASK_BITS,
  claimTask,
  finishTask,
  runTask,
  type GemmFn,
  type GemmWorkerMessage,
} from './gemm-threads';

export interface GemmHelperScope {
  onMessage(listener: (message: GemmWorkerMessage) => void): void;
  postMessage(message: { type: 'attached'; id: number } | { type: 'failed'; message: string }): void;
}

interface WasmInstanceApi {
  Instance: new (module: object, imports: object) => { exports: unknown };
}

const HOT_WAIT_MS = 20;
const POLL_MS = 2;

type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
) => { async: boolean; value: Promise<unknown> | string };

export function serveGemmHelper(scope: GemmHelperScope): void {
  const wasm = (globalThis as unknown as { WebAssembly: WasmInstanceApi }).WebAssembly;
  const instances = new Map<number, GemmFn>();
  let ctrl: Int32Array | null = null;
  let slot = 0;
  let lastSeen = -1;
  let idle = true;
  const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;

  /** Runs every job that shows up; returns when the helper should go back to its event loop. */
  function work(control: Int32Array): void {
    let quietSince = performanceNow();
    for (;;) {
      const value = Atomics.load(control, CTRL.next);
      if (value !== lastSeen) {
        lastSeen = value;
        const seq = value >>> TASK_BITS;
        const gemm = instances.get(control[CTRL.memoryId]);
        // Unknown memory: its attach message is queued behind this loop; go and read it.
        if (gemm === undefined) return;
        for (let index = claimTask(control, seq); index >= 0; index = claimTask(control, seq)) {
          try {
            runTask(control, index, slot, gemm);
            Atomics.add(control, CTRL.helperTasks, 1);
          } catch (error) {
            Atomics.store(control, CTRL.failed, 1);
            scope.postMessage({
              type: 'failed',
              message: error instanceof Error ? error.message : String(error),
            });
          } finally {
            finishTask(control);
          }
        }
        lastSeen = Atomics.load(control, CTRL.next);
        quietSince = performanceNow();
        continue;
      }
      if (performanceNow() - quietSince > HOT_WAIT_MS) return;
      Atomics.wait(control, CTRL.next, value, HOT_WAIT_MS);
    }
  }

  function sleep(control: Int32Array): void {
    idle = true;
    const wake = () => {
      idle = false;
      work(control);
      sleep(control);
    };
    if (waitAsync !== undefined) {
      const result = waitAsync(control, CTRL.next, lastSeen);
      if (result.async) void (result.value as Promise<unknown>).then(wake);
      else setTimeout(wake, 0);
    } else {
      setTimeout(wake, POLL_MS);
    }
  }

  scope.onMessage((message) => {
    switch (message.type) {
      case 'init':
        ctrl = new Int32Array(message.control);
        slot = message.slot;
        lastSeen = Atomics.load(ctrl, CTRL.next);
        sleep(ctrl);
        break;
      case 'attach': {
        const instance = new wasm.Instance(message.module, { env: { memory: message.memory } });
        instances.set(message.id, (instance.exports as { gemm: GemmFn }).gemm);
        scope.postMessage({ type: 'attached', id: message.id });
        // A job for this memory may already be waiting.
        if (ctrl !== null && idle) lastSeen = -1;
        break;
      }
      case 'detach':
        instances.delete(message.id);
        break;
    }
  });
}

function performanceNow(): number {
  return (globalThis as unknown as { performance: { now(): number } }).performance.now();
}
