/**
 * The WebAssembly SIMD backend: the blocked f32x4 GEMM of assembly/kernels.ts, compiled into
 * wasm-kernels.generated.ts with relaxed SIMD (f32x4.relaxed_madd, a fused multiply-add on CPUs
 * that have one), used where the runtime validates it, and with plain SIMD (mul + add) as the
 * fallback. The two differ by rounding only; each is deterministic on its own. Each backend is
 * one module instance with its own memory, holding every buffer of one network's plan
 * (parameters, activations, gradients, batch, GEMM scratch), so the kernels read operands by
 * address and nothing is copied per call. Where a GEMM thread pool is installed on this thread
 * (./gemm-threads.ts) and shared memory exists, the memory is shared and large products are
 * split over the pool's threads, with the same results bit for bit.
 */
import type { FastBackend } from './backend';
import {
  THREADED_MIN_MACS,
  installedGemmThreads,
  sharedMemoryAvailable,
  type GemmArgs,
  type GemmFn,
  type GemmThreadPool,
} from './gemm-threads';
import type { DenseKernels } from './kernels';
import {
  WASM_KERNELS_BASE64,
  WASM_KERNELS_RELAXED_BASE64,
  WASM_KERNELS_RELAXED_SHARED_BASE64,
  WASM_KERNELS_SHARED_BASE64,
} from './wasm-kernels.generated';

// The slice of the WebAssembly JS API used here. Declared locally because src-shared is
// compiled without DOM typings (it must not touch the DOM), yet runs where WebAssembly exists.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}

interface KernelExports {
  heapBase(): number;
  scratchBytes(): number;
  gemm: GemmFn;
  columnSums(rows: number, n: number, src: number, dst: number): void;
}

const MODE_OVERWRITE = 0;
const MODE_BIAS = 2;
const PAGE = 65536;
const ALIGN = 16;
/** Pages a memory starts with (the kernels' static data fits in one); the plan grows it. */
const INITIAL_PAGES = 2;
/** wasm32's limit, as the shared builds declare it (assembly/build.mjs). */
const SHARED_MAX_PAGES = 65536;

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const alignUp = (value: number) => Math.ceil(value / ALIGN) * ALIGN;

/** Kernel names, as the benchmark and `backendName` report them. */
export const WASM_KERNEL_NAMES = { simd: 'wasm-simd', relaxed: 'wasm-relaxed-simd' } as const;

export interface WasmBackendOptions {
  /** Use the relaxed-SIMD (FMA) module where the runtime accepts it (default true); false forces plain SIMD. */
  relaxed?: boolean;
  /** Split large products over this pool (default: the one installed on this thread, if any; null: none). */
  threads?: GemmThreadPool | null;
}

/** Compiled modules, once per thread: `null` where the runtime refuses that module. */
const compiled = new Map<string, object | null>();

function compile(wasm: WasmApi, base64: string): object | null {
  let module = compiled.get(base64);
  if (module === undefined) {
    try {
      const bytes = decodeBase64(base64);
      module = wasm.validate(bytes) ? new wasm.Module(bytes) : null;
    } catch {
      module = null;
    }
    compiled.set(base64, module);
  }
  return module;
}

/** Tells the pool's helpers to drop a backend's memory once its kernels (what a trainer keeps) are gone. */
const detachOnCollect =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<{ pool: GemmThreadPool; id: number }>(({ pool, id }) => pool.detach(id))
    : null;

interface Instantiated {
  exports: KernelExports;
  memory: WasmMemory;
  relaxed: boolean;
  module: object;
}

function instantiate(wasm: WasmApi, relaxed: boolean, shared: boolean): Instantiated | null {
  const variants = shared
    ? [WASM_KERNELS_RELAXED_SHARED_BASE64, WASM_KERNELS_SHARED_BASE64]
    : [WASM_KERNELS_RELAXED_BASE64, WASM_KERNELS_BASE64];
  const relaxedModule = relaxed ? compile(wasm, variants[0]) : null;
  const module = relaxedModule ?? compile(wasm, variants[1]);
  if (module === null) return null;
  try {
    const memory = shared
      ? new wasm.Memory({ initial: INITIAL_PAGES, maximum: SHARED_MAX_PAGES, shared: true })
      : new wasm.Memory({ initial: INITIAL_PAGES });
    const exports = new wasm.Instance(module, { env: { memory } }).exports as KernelExports;
    return { exports, memory, relaxed: relaxedModule !== null, module };
  } catch {
    return null;
  }
}

/** A new wasm backend, or null where WebAssembly SIMD is unavailable (or sync compilation is refused, e.g. on a browser main thread). */
export function createWasmBackend(options: WasmBackendOptions = {}): FastBackend | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined || typeof atob !== 'function') return null;
  const relaxed = options.relaxed !== false;
  let pool = options.threads === undefined ? installedGemmThreads() : options.threads;
  let made = pool !== null && sharedMemoryAvailable() ? instantiate(wasm, relaxed, true) : null;
  if (made === null) {
    pool = null;
    made = instantiate(wasm, relaxed, false);
  }
  if (made === null) return null;
  const { memory, exports } = made;
  const { gemm, columnSums } = exports;
  const scratchBytes = alignUp(exports.scratchBytes());
  const scratch = alignUp(exports.heapBase());
  const heapStart = scratch + scratchBytes * (pool?.threads ?? 1);
  // Attached on the first product big enough to split: small networks never wake the helpers.
  let memoryId = 0;
  let allocated = false;

  // Every operand must live in this instance's memory; a foreign array would be read as garbage.
  // The memory's buffer is fixed once the plan is allocated (it never grows afterwards).
  let buffer: ArrayBufferLike = memory.buffer;
  const own = (array: Float32Array) => {
    if (array.buffer !== buffer) throw new Error('wasm kernels were given an array outside their memory');
    return array.byteOffset;
  };
  // Typed by GemmArgs, but named parameters, not (...args): a rest array per call is 3
  // allocations per layer and batch, garbage the small networks' thousands of steps (W2) paid
  // for while warming up.
  const product: (...args: GemmArgs) => void = (M, N, K, a, sAm, sAk, b, sBk, sBn, c, ldc, mode, bias) => {
    if (pool === null || M * N * K < THREADED_MIN_MACS)
      gemm(M, N, K, a, sAm, sAk, b, sBk, sBn, c, ldc, mode, bias, scratch);
    else {
      const args: GemmArgs = [M, N, K, a, sAm, sAk, b, sBk, sBn, c, ldc, mode, bias];
      if (memoryId === 0) {
        memoryId = pool.attach(memory, made.module);
        detachOnCollect?.register(kernels, { pool, id: memoryId });
      }
      if (!pool.gemm(memoryId, scratch, scratchBytes, args, gemm)) gemm(...args, scratch);
    }
  };

  const kernels: DenseKernels = {
    name: made.relaxed ? WASM_KERNEL_NAMES.relaxed : WASM_KERNEL_NAMES.simd,
    forward(x, w, bias, out, n, inSize, outSize) {
      product(
        n,
        outSize,
        inSize,
        own(x),
        inSize,
        1,
        own(w),
        1,
        inSize,
        own(out),
        outSize,
        MODE_BIAS,
        own(bias),
      );
    },
    backwardParams(dz, x, gw, gb, n, inSize, outSize) {
      product(outSize, inSize, n, own(dz), 1, outSize, own(x), inSize, 1, own(gw), inSize, MODE_OVERWRITE, 0);
      columnSums(n, outSize, own(dz), own(gb));
    },
    backwardInput(dz, w, dx, n, inSize, outSize) {
      product(n, inSize, outSize, own(dz), outSize, 1, own(w), inSize, 1, own(dx), inSize, MODE_OVERWRITE, 0);
    },
  };

  const backend: FastBackend = {
    kernels,
    needsOwnedInputs: true,
    threads: pool?.threads ?? 1,
    allocate(lengths) {
      if (allocated) throw new Error('a wasm backend allocates its plan once');
      allocated = true;
      const offsets: number[] = [];
      let end = heapStart;
      for (const length of lengths) {
        offsets.push(end);
        end = alignUp(end + 4 * length);
      }
      const missing = Math.ceil(end / PAGE) - memory.buffer.byteLength / PAGE;
      if (missing > 0) memory.grow(missing);
      buffer = memory.buffer;
      // Views are made after the last grow: growing detaches earlier views (of an unshared memory).
      return lengths.map((length, i) => new Float32Array(buffer, offsets[i], length));
    },
  };
  return backend;
}
