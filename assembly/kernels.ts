// WebAssembly SIMD kernels for the fast MLP path (AssemblyScript; see ./build.mjs).
// One blocked f32x4 GEMM covers the three dense-layer products, because every operand is
// described by strides instead of a layout:
//   forward        z  = x · Wᵀ (+ bias)    a = x  (m,k)=(row,in)   b = Wᵀ read from W [out,in]
//   backwardParams gW = dzᵀ · x            a = dzᵀ read from dz   b = x
//   backwardInput  dx = dz · W             a = dz                 b = W
// B is packed per (KC x NC) block into panels of 8 columns, contiguous in k (zero padded), so
// the micro-kernel streams it with unit stride whatever B's layout, including the transposed
// read of W (packed with 4x4 transposes). A is packed per (MC x KC) block into 4-row strips,
// the 4 values of one k contiguous, so the micro-kernel's splat loads use constant offsets
// from one pointer (no per-k address arithmetic for the row stride). A 4x8 micro-tile of C
// lives in 8 v128 registers across the k loop: V8 issues all of an iteration's loads first,
// so 4 splats + 2 B vectors + 8 accumulators (+1 product) is what fits in 15 usable xmm
// registers; 6x8, 5x8, 4x12 and 3x16 tiles spill and were measured 30-60% slower.
// Each C element is still summed in k order from its initial value, so results are
// bit-identical to the unpacked kernel. Block sizes: an A block (MC x KC, 32 KB) and a B
// panel (KC x 8, 4 KB) stay close to L1, the packed B block (KC x NC, 128 KB) in L2.

const PANEL: i32 = 8;
const KC: i32 = 128;
const NC: i32 = 256;
const MC: i32 = 64;

/** Bytes of scratch gemm needs for the packed B block and the packed A block (the caller reserves it). */
export function scratchBytes(): i32 {
  return KC * NC * 4 + MC * KC * 4;
}

/** First free byte after the module's own static data. */
export function heapBase(): usize {
  return __heap_base;
}

// @ts-ignore: decorator
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

// @ts-ignore: decorator
@inline function transpose4x4(src: usize, srcStride: usize, dst: usize, dstStride: usize): void {
  // Rows src, src+srcStride, … (4 floats each) become the columns stored at dst, dst+dstStride, ….
  const r0 = v128.load(src);
  const r1 = v128.load(src + srcStride);
  const r2 = v128.load(src + 2 * srcStride);
  const r3 = v128.load(src + 3 * srcStride);
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
  v128.store(dst + dstStride, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
  v128.store(dst + 2 * dstStride, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * dstStride, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
}

/** Packs b(k, j) = B[k*sBk + j*sBn] for k in [k0, k0+kc), j in [j0, j0+nc) into 8-wide panels. */
function packB(b: usize, sBk: i32, sBn: i32, k0: i32, kc: i32, j0: i32, nc: i32, dst: usize): void {
  for (let jp = 0; jp < nc; jp += PANEL) {
    const width = min<i32>(PANEL, nc - jp);
    const panel = dst + (<usize>(jp * kc) << 2);
    if (width == PANEL && sBn == 1) {
      for (let k = 0; k < kc; k++) {
        const src = b + (<usize>((k0 + k) * sBk + j0 + jp) << 2);
        const out = panel + (<usize>(k * PANEL) << 2);
        v128.store(out, v128.load(src));
        v128.store(out, v128.load(src, 16), 16);
      }
    } else if (width == PANEL && sBk == 1) {
      // b(k, j) contiguous in k (the transposed read of W): 4x4 transposes, 4 k at a time.
      const sn = <usize>sBn << 2;
      let s0 = b + (<usize>(k0 + (j0 + jp) * sBn) << 2);
      let out = panel;
      let k = 0;
      for (; k + 4 <= kc; k += 4) {
        for (let h = 0; h < 2; h++) {
          transpose4x4(s0 + <usize>(4 * h) * sn, sn, out + (<usize>h << 4), PANEL << 2);
        }
        s0 += 16;
        out += 4 * PANEL * 4;
      }
      for (; k < kc; k++) {
        for (let jj = 0; jj < PANEL; jj++) store<f32>(out + (<usize>jj << 2), load<f32>(s0 + <usize>jj * sn));
        s0 += 4;
        out += PANEL << 2;
      }
    } else {
      for (let jj = 0; jj < PANEL; jj++) {
        let out = panel + (<usize>jj << 2);
        if (jj < width) {
          let src = b + (<usize>(k0 * sBk + (j0 + jp + jj) * sBn) << 2);
          const step = <usize>sBk << 2;
          for (let k = 0; k < kc; k++) {
            store<f32>(out, load<f32>(src));
            src += step;
            out += PANEL << 2;
          }
        } else {
          for (let k = 0; k < kc; k++) {
            store<f32>(out, 0);
            out += PANEL << 2;
          }
        }
      }
    }
  }
}


/** Packs rows [m0, m0 + rows) (rows a multiple of 4) and k in [k0, k0+kc) of a into 4-row strips, the 4 values of each k contiguous. */
function packA(a: usize, sAm: i32, sAk: i32, m0: i32, rows: i32, k0: i32, kc: i32, dst: usize): void {
  const am = <usize>sAm << 2;
  const ak = <usize>sAk << 2;
  let out = dst;
  for (let m = m0; m < m0 + rows; m += 4) {
    let src = a + <usize>m * am + <usize>k0 * ak;
    if (sAm == 1) {
      for (let k = 0; k < kc; k++) {
        v128.store(out, v128.load(src));
        src += ak;
        out += 16;
      }
    } else if (sAk == 1) {
      let k = 0;
      for (; k + 4 <= kc; k += 4) {
        transpose4x4(src, am, out, 16);
        src += 16;
        out += 64;
      }
      for (; k < kc; k++) {
        store<f32>(out, load<f32>(src));
        store<f32>(out, load<f32>(src + am), 4);
        store<f32>(out, load<f32>(src + 2 * am), 8);
        store<f32>(out, load<f32>(src + 3 * am), 12);
        src += 4;
        out += 16;
      }
    } else {
      for (let k = 0; k < kc; k++) {
        store<f32>(out, load<f32>(src));
        store<f32>(out, load<f32>(src + am), 4);
        store<f32>(out, load<f32>(src + 2 * am), 8);
        store<f32>(out, load<f32>(src + 3 * am), 12);
        src += ak;
        out += 16;
      }
    }
  }
}

// @ts-ignore: decorator
@inline function loadC(ptr: usize, width: i32, offset: i32): v128 {
  // Columns [offset, offset+4) of a C row that has `width` valid columns.
  if (width >= offset + 4) return v128.load(ptr + (<usize>offset << 2));
  let v = f32x4.splat(0);
  if (width > offset) v = f32x4.replace_lane(v, 0, load<f32>(ptr + (<usize>offset << 2)));
  if (width > offset + 1) v = f32x4.replace_lane(v, 1, load<f32>(ptr + (<usize>(offset + 1) << 2)));
  if (width > offset + 2) v = f32x4.replace_lane(v, 2, load<f32>(ptr + (<usize>(offset + 2) << 2)));
  return v;
}

// @ts-ignore: decorator
@inline function storeC(ptr: usize, width: i32, offset: i32, v: v128): void {
  if (width >= offset + 4) {
    v128.store(ptr + (<usize>offset << 2), v);
    return;
  }
  if (width > offset) store<f32>(ptr + (<usize>offset << 2), f32x4.extract_lane(v, 0));
  if (width > offset + 1) store<f32>(ptr + (<usize>(offset + 1) << 2), f32x4.extract_lane(v, 1));
  if (width > offset + 2) store<f32>(ptr + (<usize>(offset + 2) << 2), f32x4.extract_lane(v, 2));
}

// @ts-ignore: decorator
@inline function initC(mode: i32, crow: usize, width: i32, offset: i32, bias: usize): v128 {
  if (mode == 1) return loadC(crow, width, offset);
  if (mode == 2) return loadC(bias, width, offset);
  return f32x4.splat(0);
}

/**
 * C[M x N] (row-major, row stride ldc) = op over k of a(m,k)·b(k,n), a(m,k) = A[m*sAm + k*sAk],
 * b(k,n) = B[k*sBk + n*sBn]. mode 0: C = A·B; 1: C += A·B; 2: C = A·B + bias[n] per row.
 * `scratch` holds scratchBytes() bytes for the packed B and A blocks. A block of C's rows or
 * columns is the same call on offset pointers (ldc unchanged), which is how threads split one
 * product: each C element is summed the same way whichever call computes it.
 */
export function gemm(
  M: i32, N: i32, K: i32,
  a: usize, sAm: i32, sAk: i32,
  b: usize, sBk: i32, sBn: i32,
  c: usize, ldc: i32, mode: i32, bias: usize, scratch: usize,
): void {
  if (K == 0) {
    for (let m = 0; m < M; m++) {
      for (let j = 0; j < N; j++) {
        const ptr = c + (<usize>(m * ldc + j) << 2);
        if (mode == 2) store<f32>(ptr, load<f32>(bias + (<usize>j << 2)));
        else if (mode == 0) store<f32>(ptr, 0);
      }
    }
    return;
  }
  const am = <usize>sAm << 2;
  const ak = <usize>sAk << 2;
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min<i32>(KC, K - k0);
    // After the first K block, every block accumulates into what the previous ones wrote.
    const blockMode = k0 == 0 ? mode : 1;
    for (let j0 = 0; j0 < N; j0 += NC) {
      const nc = min<i32>(NC, N - j0);
      packB(b, sBk, sBn, k0, kc, j0, nc, scratch);
      for (let m0 = 0; m0 < M; m0 += MC) {
        const mEnd = min<i32>(M, m0 + MC);
        const strips = (mEnd - m0) & ~3;
        const packedA = scratch + <usize>(KC * NC * 4);
        packA(a, sAm, sAk, m0, strips, k0, kc, packedA);
        for (let jp = 0; jp < nc; jp += PANEL) {
          const width = min<i32>(PANEL, nc - jp);
          const panel = scratch + (<usize>(jp * kc) << 2);
          const col = j0 + jp;
          const biasCol = bias + (<usize>col << 2);
          let m = m0;
          for (; m + 4 <= mEnd; m += 4) {
            const c0 = c + (<usize>(m * ldc + col) << 2);
            const c1 = c0 + (<usize>ldc << 2);
            const c2 = c1 + (<usize>ldc << 2);
            const c3 = c2 + (<usize>ldc << 2);
            let x00 = initC(blockMode, c0, width, 0, biasCol);
            let x01 = initC(blockMode, c0, width, 4, biasCol);
            let x10 = initC(blockMode, c1, width, 0, biasCol);
            let x11 = initC(blockMode, c1, width, 4, biasCol);
            let x20 = initC(blockMode, c2, width, 0, biasCol);
            let x21 = initC(blockMode, c2, width, 4, biasCol);
            let x30 = initC(blockMode, c3, width, 0, biasCol);
            let x31 = initC(blockMode, c3, width, 4, biasCol);
            let ap = packedA + (<usize>((m - m0) * kc) << 2);
            let bp = panel;
            const bEnd = panel + (<usize>(kc * PANEL) << 2);
            while (bp < bEnd) {
              const b0 = v128.load(bp);
              const b1 = v128.load(bp, 16);
              const a0 = v128.load32_splat(ap);
              x00 = madd(a0, b0, x00);
              x01 = madd(a0, b1, x01);
              const a1 = v128.load32_splat(ap, 4);
              x10 = madd(a1, b0, x10);
              x11 = madd(a1, b1, x11);
              const a2 = v128.load32_splat(ap, 8);
              x20 = madd(a2, b0, x20);
              x21 = madd(a2, b1, x21);
              const a3 = v128.load32_splat(ap, 12);
              x30 = madd(a3, b0, x30);
              x31 = madd(a3, b1, x31);
              ap += 16;
              bp += PANEL << 2;
            }
            storeC(c0, width, 0, x00);
            storeC(c0, width, 4, x01);
            storeC(c1, width, 0, x10);
            storeC(c1, width, 4, x11);
            storeC(c2, width, 0, x20);
            storeC(c2, width, 4, x21);
            storeC(c3, width, 0, x30);
            storeC(c3, width, 4, x31);
          }
          for (; m < mEnd; m++) {
            const c0 = c + (<usize>(m * ldc + col) << 2);
            let x00 = initC(blockMode, c0, width, 0, biasCol);
            let x01 = initC(blockMode, c0, width, 4, biasCol);
            let ap = a + <usize>m * am + <usize>k0 * ak;
            let bp = panel;
            for (let k = 0; k < kc; k++) {
              const a0 = v128.load32_splat(ap);
              x00 = madd(a0, v128.load(bp), x00);
              x01 = madd(a0, v128.load(bp, 16), x01);
              ap += ak;
              bp += PANEL << 2;
            }
            storeC(c0, width, 0, x00);
            storeC(c0, width, 4, x01);
          }
        }
      }
    }
  }
}

/** dst[j] = Σ_r src[r*N + j] (the bias gradient: column sums of dz). */
export function columnSums(rows: i32, N: i32, src: usize, dst: usize): void {
  let j = 0;
  for (; j + 4 <= N; j += 4) {
    let acc = f32x4.splat(0);
    let p = src + (<usize>j << 2);
    for (let r = 0; r < rows; r++) {
      acc = f32x4.add(acc, v128.load(p));
      p += <usize>N << 2;
    }
    v128.store(dst + (<usize>j << 2), acc);
  }
  for (; j < N; j++) {
    let acc: f32 = 0;
    for (let r = 0; r < rows; r++) acc += load<f32>(src + (<usize>(r * N + j) << 2));
    store<f32>(dst + (<usize>j << 2), acc);
  }
}
