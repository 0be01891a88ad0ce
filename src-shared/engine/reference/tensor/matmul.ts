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

/**
 * The three products, each with its forward GEMM and the gradient of each operand next to it
 * (G = out.grad; gradients are summed into zeroed float64 buffers by the accumulating GEMMs).
 */
interface Product {
  readonly name: string;
  /** The sizes that must agree, and the result's shape. */
  inner(a: Tensor, b: Tensor): [number, number];
  shape(a: Tensor, b: Tensor): [number, number];
  forward(a: Tensor, b: Tensor, out: Storage): void;
  gradA(g: Storage, a: Tensor, b: Tensor, da: Storage): void;
  gradB(g: Storage, a: Tensor, b: Tensor, db: Storage): void;
}

/** out = a·b:  da = G·bᵀ,  db = aᵀ·G */
const MATMUL: Product = {
  name: 'matmul',
  inner: (a, b) => [a.cols, b.rows],
  shape: (a, b) => [a.rows, b.cols],
  forward: (a, b, out) => gemmNN(a.data, b.data, out, a.rows, a.cols, b.cols),
  gradA: (g, a, b, da) => gemmNT(g, b.data, da, a.rows, b.cols, a.cols),
  gradB: (g, a, b, db) => gemmTN(a.data, g, db, a.rows, a.cols, b.cols),
};

/** out = a·bᵀ (a dense forward x·Wᵀ with W stored [out, in]):  da = G·b,  db = Gᵀ·a */
const MATMUL_NT: Product = {
  name: 'matmul_nt',
  inner: (a, b) => [a.cols, b.cols],
  shape: (a, b) => [a.rows, b.rows],
  forward: (a, b, out) => gemmNT(a.data, b.data, out, a.rows, a.cols, b.rows),
  gradA: (g, a, b, da) => gemmNN(g, b.data, da, a.rows, b.rows, a.cols),
  gradB: (g, a, b, db) => gemmTN(g, a.data, db, a.rows, b.rows, a.cols),
};

/** out = aᵀ·b:  da = b·Gᵀ,  db = a·G */
const MATMUL_TN: Product = {
  name: 'matmul_tn',
  inner: (a, b) => [a.rows, b.rows],
  shape: (a, b) => [a.cols, b.cols],
  forward: (a, b, out) => gemmTN(a.data, b.data, out, a.rows, a.cols, b.cols),
  gradA: (g, a, b, da) => gemmNT(b.data, g, da, a.rows, b.cols, a.cols),
  gradB: (g, a, b, db) => gemmNN(a.data, g, db, a.rows, a.cols, b.cols),
};

/** The product's gradient rule and its op (label: the name errors use). */
function productOp(product: Product, label: string) {
  const rule = gradRule(product.name, (g, out) => {
    const [a, b] = out.inputs;
    const da = a.requiresGrad ? new Float64Array(a.size) : null;
    const db = b.requiresGrad ? new Float64Array(b.size) : null;
    if (da) product.gradA(g, a, b, da);
    if (db) product.gradB(g, a, b, db);
    return [da, db];
  });
  const apply = (a: Tensor, b: Tensor): Tensor => {
    const [left, right] = product.inner(a, b);
    if (left !== right)
      throw new RangeError(
        `${label}: inner sizes differ ([${a.rows}, ${a.cols}] and [${b.rows}, ${b.cols}])`,
      );
    const [rows, cols] = product.shape(a, b);
    const out = Tensor.result(rows, cols, a, [a, b], rule, undefined);
    product.forward(a, b, out.data);
    return out;
  };
  return { rule, apply };
}

const MATMUL_OP = productOp(MATMUL, 'matmul');
const MATMUL_NT_OP = productOp(MATMUL_NT, 'matmulNT');
const MATMUL_TN_OP = productOp(MATMUL_TN, 'matmulTN');

/** a[n,k] · b[k,m] */
export const matmul = MATMUL_OP.apply;
/** a[n,k] · b[m,k]ᵀ — a dense forward x·Wᵀ with W stored [out, in]. */
export const matmulNT = MATMUL_NT_OP.apply;
/** a[n,k]ᵀ · b[n,m] */
export const matmulTN = MATMUL_TN_OP.apply;

export const MATMUL_RULES = {
  matmul: MATMUL_OP.rule,
  matmul_nt: MATMUL_NT_OP.rule,
  matmul_tn: MATMUL_TN_OP.rule,
};
