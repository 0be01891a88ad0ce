import { Tensor, gradRule, type Storage } from './tensor';

/*
 * GEMM kernels, all ACCUMULATING (C += …), so a rule can sum into a zeroed buffer. Transposed operands are read in place (never materialised), and every inner loop
 * walks contiguous memory: i-k-j order for A·B and Aᵀ·B, row·row dot products for A·Bᵀ.
 */

/** C[n,m] += A[n,k] · B[k,m] */
export function gemmNN(a: Storage, b: Storage, c: Storage, n: number, k: number, m: number): void {
  for (let i = 0; i < n; i++) {
    const aRow = i * k;
    const cRow = i * m;
    for (let p = 0; p < k; p++) {
      const aip = a[aRow + p];
      const bRow = p * m;
      for (let j = 0; j < m; j++) c[cRow + j] += aip * b[bRow + j];
    }
  }
}

/** C[n,m] += A[n,k] · B[m,k]ᵀ */
export function gemmNT(a: Storage, b: Storage, c: Storage, n: number, k: number, m: number): void {
  for (let i = 0; i < n; i++) {
    const aRow = i * k;
    const cRow = i * m;
    for (let j = 0; j < m; j++) {
      const bRow = j * k;
      let dot = 0;
      for (let p = 0; p < k; p++) dot += a[aRow + p] * b[bRow + p];
      c[cRow + j] += dot;
    }
  }
}

/** C[k,m] += A[n,k]ᵀ · B[n,m] */
export function gemmTN(a: Storage, b: Storage, c: Storage, n: number, k: number, m: number): void {
  for (let r = 0; r < n; r++) {
    const aRow = r * k;
    const bRow = r * m;
    for (let p = 0; p < k; p++) {
      const arp = a[aRow + p];
      const cRow = p * m;
      for (let j = 0; j < m; j++) c[cRow + j] += arp * b[bRow + j];
    }
  }
}

function checkInner(op: string, left: number, right: number, a: Tensor, b: Tensor): void {
  if (left !== right)
    throw new RangeError(`${op}: inner sizes differ ([${a.rows}, ${a.cols}] and [${b.rows}, ${b.cols}])`);
}

/** A zeroed float64 buffer the accumulating GEMMs write an input's gradient into. */
function zeros(n: number): Float64Array {
  return new Float64Array(n);
}

/** out = a·b:  da = G·bᵀ,  db = aᵀ·G */
const MATMUL = gradRule('matmul', (g, out) => {
  const [a, b] = out.inputs;
  const da = a.requiresGrad ? zeros(a.size) : null;
  const db = b.requiresGrad ? zeros(b.size) : null;
  if (da) gemmNT(g, b.data, da, a.rows, b.cols, a.cols);
  if (db) gemmTN(a.data, g, db, a.rows, a.cols, b.cols);
  return [da, db];
});

/** a[n,k] · b[k,m] */
export function matmul(a: Tensor, b: Tensor): Tensor {
  checkInner('matmul', a.cols, b.rows, a, b);
  const out = Tensor.result(a.rows, b.cols, a, [a, b], MATMUL, undefined);
  gemmNN(a.data, b.data, out.data, a.rows, a.cols, b.cols);
  return out;
}

/** out = a·bᵀ:  da = G·b,  db = Gᵀ·a */
const MATMUL_NT = gradRule('matmul_nt', (g, out) => {
  const [a, b] = out.inputs;
  const da = a.requiresGrad ? zeros(a.size) : null;
  const db = b.requiresGrad ? zeros(b.size) : null;
  if (da) gemmNN(g, b.data, da, a.rows, b.rows, a.cols);
  if (db) gemmTN(g, a.data, db, a.rows, b.rows, a.cols);
  return [da, db];
});

/** a[n,k] · b[m,k]ᵀ — a dense forward x·Wᵀ with W stored [out, in]. */
export function matmulNT(a: Tensor, b: Tensor): Tensor {
  checkInner('matmulNT', a.cols, b.cols, a, b);
  const out = Tensor.result(a.rows, b.rows, a, [a, b], MATMUL_NT, undefined);
  gemmNT(a.data, b.data, out.data, a.rows, a.cols, b.rows);
  return out;
}

/** out = aᵀ·b:  da = b·Gᵀ,  db = a·G */
const MATMUL_TN = gradRule('matmul_tn', (g, out) => {
  const [a, b] = out.inputs;
  const da = a.requiresGrad ? zeros(a.size) : null;
  const db = b.requiresGrad ? zeros(b.size) : null;
  if (da) gemmNT(b.data, g, da, a.rows, b.cols, a.cols);
  if (db) gemmNN(a.data, g, db, a.rows, a.cols, b.cols);
  return [da, db];
});

/** a[n,k]ᵀ · b[n,m] */
export function matmulTN(a: Tensor, b: Tensor): Tensor {
  checkInner('matmulTN', a.rows, b.rows, a, b);
  const out = Tensor.result(a.cols, b.cols, a, [a, b], MATMUL_TN, undefined);
  gemmTN(a.data, b.data, out.data, a.rows, a.cols, b.cols);
  return out;
}

export const MATMUL_RULES = { matmul: MATMUL, matmul_nt: MATMUL_NT, matmul_tn: MATMUL_TN };
