/**
 * The WebAssembly SIMD backend: the blocked f32x4 GEMM of assembly/kernels.ts, compiled into
 * wasm-kernels.generated.ts twice: with relaxed SIMD (f32x4.relaxed_madd, a fused multiply-add
 * on CPUs that have one), used where the runtime validates it, and with plain SIMD (mul + add)
 * as the fallback. The two differ by rounding only; each is deterministic on its own. Each backend is one module instance with its own memory, holding
 * every buffer of one network's plan (parameters, activations, gradients, batch, GEMM scratch),
 * so the kernels read operands by address and nothing is copied per call.
 */
import type { FastBackend } from './backend';
import type { DenseKernels } from './kernels';
import { WASM_KERNELS_BASE64, WASM_KERNELS_RELAXED_BASE64 } from './wasm-kernels.generated';

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
}

interface KernelExports {
  memory: WasmMemory;
  heapBase(): number;
  scratchBytes(): number;
  gemm(
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
    mode: number,
    bias: number,
    scratch: number,
  ): void;
  columnSums(rows: number, n: number, src: number, dst: number): void;
}

const MODE_OVERWRITE = 0;
const MODE_BIAS = 2;
const PAGE = 65536;
const ALIGN = 16;

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

/** A new wasm backend, or null where WebAssembly SIMD is unavailable (or sync compilation is refused, e.g. on a browser main thread). */
export function createWasmBackend(options: WasmBackendOptions = {}): FastBackend | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined || typeof atob !== 'function') return null;
  const relaxedModule = options.relaxed === false ? null : compile(wasm, WASM_KERNELS_RELAXED_BASE64);
  const module = relaxedModule ?? compile(wasm, WASM_KERNELS_BASE64);
  if (module === null) return null;
  let exports: KernelExports;
  try {
    exports = new wasm.Instance(module, {}).exports as KernelExports;
  } catch {
    return null;
  }
  const { memory, gemm, columnSums } = exports;
  const scratch = alignUp(exports.heapBase());
  const heapStart = scratch + exports.scratchBytes();
  let allocated = false;

  // Every operand must live in this instance's memory; a foreign array would be read as garbage.
  // The memory's buffer is fixed once the plan is allocated (it never grows afterwards).
  let buffer: ArrayBuffer = memory.buffer;
  const own = (array: Float32Array) => {
    if (array.buffer !== buffer) throw new Error('wasm kernels were given an array outside their memory');
    return array.byteOffset;
  };

  const kernels: DenseKernels = {
    name: relaxedModule !== null ? WASM_KERNEL_NAMES.relaxed : WASM_KERNEL_NAMES.simd,
    forward(x, w, bias, out, n, inSize, outSize) {
      gemm(n, outSize, inSize, own(x), inSize, 1, own(w), 1, inSize, own(out), MODE_BIAS, own(bias), scratch);
    },
    backwardParams(dz, x, gw, gb, n, inSize, outSize) {
      gemm(outSize, inSize, n, own(dz), 1, outSize, own(x), inSize, 1, own(gw), MODE_OVERWRITE, 0, scratch);
      columnSums(n, outSize, own(dz), own(gb));
    },
    backwardInput(dz, w, dx, n, inSize, outSize) {
      gemm(n, inSize, outSize, own(dz), outSize, 1, own(w), inSize, 1, own(dx), MODE_OVERWRITE, 0, scratch);
    },
  };

  return {
    kernels,
    needsOwnedInputs: true,
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
      // Views are made after the last grow: growing detaches earlier views.
      return lengths.map((length, i) => new Float32Array(memory.buffer, offsets[i], length));
    },
  };
}
