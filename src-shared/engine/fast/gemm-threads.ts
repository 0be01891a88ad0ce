/**
 * Multi-threaded GEMM over WebAssembly shared memory. The thread that trains (the caller) splits
 * one product into tasks, blocks of C's rows or columns, never of the reduction dimension, so
 * each C element is summed by exactly one call in the same order as single-threaded: results
 * are bit-identical whatever the thread count. Helper threads (hosts start them: Node
 * worker_threads, Web Workers) run ./gemm-worker-loop.ts on their own instance of the kernels
 * over the same memory.
 *
 * Synchronisation is a small Int32Array on a SharedArrayBuffer: the caller publishes a job
 * (arguments, then the task counter tagged with the job's sequence number) and wakes the helpers
 * with Atomics.notify; every participant, caller included, claims tasks with compareExchange
 * until none is left, so a helper that wakes late just finds no work and never holds the caller
 * up beyond the task it claimed. The caller waits (Atomics.wait) only for claimed tasks.
 *
 * One pool per thread that trains; a host installs it with installGemmThreads. src-shared knows
 * nothing of how the helpers are started: it gets a `spawn` function.
 */
import { TrainingError } from '../../errors';

/** A helper thread as the pool sees it. */
export interface GemmWorkerPort {
  postMessage(message: GemmWorkerMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  terminate(): void;
}

export type GemmWorkerMessage =
  | { type: 'init'; control: SharedArrayBuffer; slot: number }
  | { type: 'attach'; id: number; memory: object; module: object }
  | { type: 'detach'; id: number };

/** Control block layout (Int32 slots). */
export const CTRL = {
  /** (sequence << TASK_BITS) | next unclaimed task. */
  next: 0,
  done: 1,
  total: 2,
  memoryId: 3,
  /** Tasks run by helpers (not the caller) since the pool started: lets tests see threads worked. */
  helperTasks: 4,
  /** 1 = split C's columns, 0 = its rows. */
  splitColumns: 5,
  /** Rows or columns per task. */
  chunk: 6,
  scratchBase: 7,
  scratchStride: 8,
  /** gemm's arguments M N K a sAm sAk b sBk sBn c ldc mode bias, from here. */
  args: 9,
  /** Set by a helper whose task threw (it still counts the task done, so the caller never hangs). */
  failed: 22,
  length: 24,
} as const;
export const TASK_BITS = 10;
const MAX_TASKS = (1 << TASK_BITS) - 1;
const SEQ_MASK = (1 << (31 - TASK_BITS)) - 1;

/** The most threads the CLI and the app accept. */
export const MAX_THREADS = 64;
/**
 * Multiply-adds of one product below which threads do not pay: waking a helper costs tens of
 * microseconds, so only products that take hundreds of microseconds on one core are split. W4's
 * 64 x 784 x 128 layer (6.4 M) is split; every product of W1–W3 stays single-threaded.
 */
export const THREADED_MIN_MACS = 1 << 20;
/** Tasks per participant: more than one evens out a helper that starts late. */
const TASKS_PER_THREAD = 2;

export type GemmArgs = [
  M: number,
  N: number,
  K: number,
  a: number,
  sAm: number,
  sAk: number,
  b: number,
  sBk: number,
  sBn: number,
  c: number,
  ldc: number,
  mode: number,
  bias: number,
];
export type GemmFn = (...args: [...GemmArgs, scratch: number]) => void;

/** Runs task `index` of the job described by `ctrl` with `gemm` on the participant's scratch. */
export function runTask(ctrl: Int32Array, index: number, slot: number, gemm: GemmFn): void {
  const g = CTRL.args;
  const [M, N, K, a, sAm, sAk] = [ctrl[g], ctrl[g + 1], ctrl[g + 2], ctrl[g + 3], ctrl[g + 4], ctrl[g + 5]];
  const [b, sBk, sBn, c, ldc] = [ctrl[g + 6], ctrl[g + 7], ctrl[g + 8], ctrl[g + 9], ctrl[g + 10]];
  const [mode, bias] = [ctrl[g + 11], ctrl[g + 12]];
  const chunk = ctrl[CTRL.chunk];
  const scratch = ctrl[CTRL.scratchBase] + slot * ctrl[CTRL.scratchStride];
  const from = index * chunk;
  if (ctrl[CTRL.splitColumns] === 1) {
    const cols = Math.min(chunk, N - from);
    gemm(
      M,
      cols,
      K,
      a,
      sAm,
      sAk,
      b + 4 * from * sBn,
      sBk,
      sBn,
      c + 4 * from,
      ldc,
      mode,
      bias + 4 * from,
      scratch,
    );
  } else {
    const rows = Math.min(chunk, M - from);
    gemm(rows, N, K, a + 4 * from * sAm, sAm, sAk, b, sBk, sBn, c + 4 * from * ldc, ldc, mode, bias, scratch);
  }
}

/** Claims the next task of job `seq`; -1 when the job has none left (or is no longer current). */
export function claimTask(ctrl: Int32Array, seq: number): number {
  for (;;) {
    const value = Atomics.load(ctrl, CTRL.next);
    if (value >>> TASK_BITS !== seq) return -1;
    const index = value & MAX_TASKS;
    if (index >= ctrl[CTRL.total]) return -1;
    if (Atomics.compareExchange(ctrl, CTRL.next, value, value + 1) === value) return index;
  }
}

/** Marks a task done; the last one wakes the caller. */
export function finishTask(ctrl: Int32Array): void {
  if (Atomics.add(ctrl, CTRL.done, 1) + 1 === ctrl[CTRL.total]) Atomics.notify(ctrl, CTRL.done);
}

export interface GemmThreadPool {
  /** Participants including the calling thread. */
  readonly threads: number;
  /** Lets the helpers run kernels on `memory`; returns the id jobs name it by. */
  attach(memory: object, module: object): number;
  detach(id: number): void;
  /** Resolves once every helper has acknowledged every attach so far (tests wait for it). */
  settled(): Promise<void>;
  /** Runs gemm on `memoryId` split over the threads; returns false (nothing done) when the product is too small to split. */
  gemm(memoryId: number, scratchBase: number, scratchStride: number, args: GemmArgs, own: GemmFn): boolean;
  /** Tasks helper threads have run so far. */
  helperTasks(): number;
  dispose(): void;
}

export function createGemmThreadPool(
  threads: number,
  spawn: (index: number) => GemmWorkerPort,
): GemmThreadPool {
  if (!Number.isInteger(threads) || threads < 2 || threads > MAX_THREADS)
    throw new TrainingError(`a GEMM thread pool needs 2 to ${MAX_THREADS} threads (got ${threads})`);
  const control = new SharedArrayBuffer(CTRL.length * 4);
  const ctrl = new Int32Array(control);
  const pending = new Map<number, { acks: number; resolve: () => void; promise: Promise<void> }>();
  // Helpers start on the first attach: a process that trains only small networks starts none.
  let ports: GemmWorkerPort[] = [];
  const start = (index: number) => {
    const port = spawn(index);
    port.onMessage((message) => {
      const ack = message as { type?: string; id?: number };
      if (ack.type !== 'attached' || typeof ack.id !== 'number') return;
      const entry = pending.get(ack.id);
      if (entry && ++entry.acks === threads - 1) {
        pending.delete(ack.id);
        entry.resolve();
      }
    });
    port.postMessage({ type: 'init', control, slot: index + 1 });
    return port;
  };
  let nextId = 1;
  let seq = 0;
  let disposed = false;

  return {
    threads,
    attach(memory, module) {
      if (ports.length === 0 && !disposed)
        ports = Array.from({ length: threads - 1 }, (_, index) => start(index));
      const id = nextId++;
      let resolve = () => {};
      const promise = new Promise<void>((r) => (resolve = r));
      pending.set(id, { acks: 0, resolve, promise });
      for (const port of ports) port.postMessage({ type: 'attach', id, memory, module });
      return id;
    },
    detach(id) {
      if (disposed) return;
      for (const port of ports) port.postMessage({ type: 'detach', id });
    },
    async settled() {
      await Promise.all([...pending.values()].map((entry) => entry.promise));
    },
    gemm(memoryId, scratchBase, scratchStride, args, own) {
      const [M, N, K] = args;
      if (disposed || M * N * K < THREADED_MIN_MACS) return false;
      // Split the longer side, in units of the micro-tile (8 columns or 4 rows).
      const splitColumns = Math.ceil(N / 8) >= Math.ceil(M / 4);
      const unit = splitColumns ? 8 : 4;
      const blocks = Math.ceil((splitColumns ? N : M) / unit);
      const tasks = Math.min(MAX_TASKS, blocks, threads * TASKS_PER_THREAD);
      if (tasks < 2) return false;
      const chunk = Math.ceil(blocks / tasks) * unit;
      const total = Math.ceil((splitColumns ? N : M) / chunk);
      seq = (seq + 1) & SEQ_MASK;
      ctrl[CTRL.memoryId] = memoryId;
      ctrl[CTRL.splitColumns] = splitColumns ? 1 : 0;
      ctrl[CTRL.chunk] = chunk;
      ctrl[CTRL.scratchBase] = scratchBase;
      ctrl[CTRL.scratchStride] = scratchStride;
      ctrl.set(args, CTRL.args);
      ctrl[CTRL.total] = total;
      Atomics.store(ctrl, CTRL.done, 0);
      // Publishing the counter is the release: everything above is visible to whoever reads it.
      Atomics.store(ctrl, CTRL.next, seq << TASK_BITS);
      Atomics.notify(ctrl, CTRL.next);
      for (let index = claimTask(ctrl, seq); index >= 0; index = claimTask(ctrl, seq)) {
        runTask(ctrl, index, 0, own);
        Atomics.add(ctrl, CTRL.done, 1);
      }
      for (let done = Atomics.load(ctrl, CTRL.done); done < total; done = Atomics.load(ctrl, CTRL.done))
        Atomics.wait(ctrl, CTRL.done, done);
      if (Atomics.exchange(ctrl, CTRL.failed, 0) !== 0)
        throw new TrainingError(
          'a matrix-product helper thread failed; run again with --threads 1 (or Threads 1)',
        );
      return true;
    },
    helperTasks: () => Atomics.load(ctrl, CTRL.helperTasks),
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const port of ports) port.terminate();
      for (const entry of pending.values()) entry.resolve();
      pending.clear();
    },
  };
}

let installed: GemmThreadPool | null = null;

/** The pool wasm backends created on this thread use from now on (null: single-threaded). The caller keeps ownership (disposes it). */
export function installGemmThreads(pool: GemmThreadPool | null): void {
  installed = pool;
}

export function installedGemmThreads(): GemmThreadPool | null {
  return installed;
}

/** True where wasm shared memory works: SharedArrayBuffer and Atomics exist (in a browser, only when cross-origin isolated). */
export function sharedMemoryAvailable(): boolean {
  return typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object';
}
