import { Tensor, type GradRule, type Storage } from './tensor';

/*
 * GEMM kernels, all ACCUMULATING (C += …) so backward rules can add straight into grad
 * buffers. Transposed operands are read in place (never materialised), and every inner loop
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

/**
 * Gradient rules of the matmul family (out = op(a, b), G = out.grad):
 *   matmul     a·b    da += G·bᵀ   db += aᵀ·G
 *   matmul_nt  a·bᵀ   da += G·b    db += Gᵀ·a
 *   matmul_tn  aᵀ·b   da += b·Gᵀ   db += a·G
 */
export const MATMUL_RULES = {
  matmul: {
    name: 'matmul',
    backward(out) {
      const [a, b] = out.inputs;
      const g = out.grad as Storage;
      if (a.requiresGrad) gemmNT(g, b.data, a.gradBuffer(), a.rows, b.cols, a.cols);
      if (b.requiresGrad) gemmTN(a.data, g, b.gradBuffer(), a.rows, a.cols, b.cols);
    },
  },
  matmul_nt: {
    name: 'matmul_nt',
    backward(out) {
      const [a, b] = out.inputs;
      const g = out.grad as Storage;
      if (a.requiresGrad) gemmNN(g, b.data, a.gradBuffer(), a.rows, b.rows, a.cols);
      if (b.requiresGrad) gemmTN(g, a.data, b.gradBuffer(), a.rows, b.rows, a.cols);
    },
  },
  matmul_tn: {
    name: 'matmul_tn',
    backward(out) {
      const [a, b] = out.inputs;
      const g = out.grad as Storage;
      if (a.requiresGrad) gemmNT(b.data, g, a.gradBuffer(), a.rows, b.cols, a.cols);
      if (b.requiresGrad) gemmNN(a.data, g, b.gradBuffer(), a.rows, a.cols, b.cols);
    },
  },
} satisfies Record<string, GradRule>;

/** a[n,k] · b[k,m] */
export function matmul(a: Tensor, b: Tensor): Tensor {
  checkInner('matmul', a.cols, b.rows, a, b);
  const out = Tensor.result(a.rows, b.cols, a, [a, b], MATMUL_RULES.matmul);
  gemmNN(a.data, b.data, out.data, a.rows, a.cols, b.cols);
  return out;
}

/** a[n,k] · b[m,k]ᵀ — a Dense forward x·Wᵀ with W stored [out, in]. */
export function matmulNT(a: Tensor, b: Tensor): Tensor {
  checkInner('matmulNT', a.cols, b.cols, a, b);
  const out = Tensor.result(a.rows, b.rows, a, [a, b], MATMUL_RULES.matmul_nt);
  gemmNT(a.data, b.data, out.data, a.rows, a.cols, b.rows);
  return out;
}

/** a[n,k]ᵀ · b[n,m] */
export function matmulTN(a: Tensor, b: Tensor): Tensor {
  checkInner('matmulTN', a.rows, b.rows, a, b);
  const out = Tensor.result(a.cols, b.cols, a, [a, b], MATMUL_RULES.matmul_tn);
  gemmTN(a.data, b.data, out.data, a.rows, a.cols, b.cols);
  return out;
}
