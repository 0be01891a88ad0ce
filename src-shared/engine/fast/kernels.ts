/**
 * Dense-layer kernels. A layer's weight is [out, in] row-major (PyTorch / ONNX Gemm transB=1),
 * activations are [rows, features] row-major, so:
 *   forward        z  = x · Wᵀ + b      (row of x dotted with row of W: both contiguous)
 *   backwardParams gW = dzᵀ · x, gb = Σ_rows dz
 *   backwardInput  dx = dz · W
 * The transposed products walk the operands in their stored order (no transpose is built).
 * Every array starts at index 0; results overwrite their output (gradients are not accumulated).
 */
export interface DenseKernels {
  /** Name shown by the benchmark: js, wasm-simd or wasm-relaxed-simd. */
  readonly name: string;
  /** out[r,o] = bias[o] + Σ_i x[r,i]·w[o,i], r < n. */
  forward(
    x: Float32Array,
    w: Float32Array,
    bias: Float32Array,
    out: Float32Array,
    n: number,
    inSize: number,
    outSize: number,
  ): void;
  /** gw[o,i] = Σ_r dz[r,o]·x[r,i]; gb[o] = Σ_r dz[r,o]. */
  backwardParams(
    dz: Float32Array,
    x: Float32Array,
    gw: Float32Array,
    gb: Float32Array,
    n: number,
    inSize: number,
    outSize: number,
  ): void;
  /** dx[r,i] = Σ_o dz[r,o]·w[o,i]. */
  backwardInput(
    dz: Float32Array,
    w: Float32Array,
    dx: Float32Array,
    n: number,
    inSize: number,
    outSize: number,
  ): void;
}

/** Plain TypeScript kernels: the reference path and the fallback when WebAssembly SIMD is missing. */
export const jsKernels: DenseKernels = {
  name: 'js',
  forward(x, w, bias, out, n, inSize, outSize) {
    for (let r = 0; r < n; r++) {
      const xRow = r * inSize;
      const outRow = r * outSize;
      for (let o = 0; o < outSize; o++) {
        const wRow = o * inSize;
        let sum = 0;
        for (let i = 0; i < inSize; i++) sum += x[xRow + i] * w[wRow + i];
        out[outRow + o] = sum + bias[o];
      }
    }
  },
  backwardParams(dz, x, gw, gb, n, inSize, outSize) {
    gw.fill(0, 0, outSize * inSize);
    gb.fill(0, 0, outSize);
    for (let r = 0; r < n; r++) {
      const xRow = r * inSize;
      const dzRow = r * outSize;
      for (let o = 0; o < outSize; o++) {
        const d = dz[dzRow + o];
        // ReLU layers leave many exact zeros; skipping them changes no result.
        if (d === 0) continue;
        gb[o] += d;
        const wRow = o * inSize;
        for (let i = 0; i < inSize; i++) gw[wRow + i] += d * x[xRow + i];
      }
    }
  },
  backwardInput(dz, w, dx, n, inSize, outSize) {
    dx.fill(0, 0, n * inSize);
    for (let r = 0; r < n; r++) {
      const dxRow = r * inSize;
      const dzRow = r * outSize;
      for (let o = 0; o < outSize; o++) {
        const d = dz[dzRow + o];
        if (d === 0) continue;
        const wRow = o * inSize;
        for (let i = 0; i < inSize; i++) dx[dxRow + i] += d * w[wRow + i];
      }
    }
  },
};
