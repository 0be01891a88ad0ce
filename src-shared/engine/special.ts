/**
 * The error function in float64, needed because PyTorch's default GELU is the exact
 * 0.5·x·(1 + erf(x/√2)) form and our fixtures compare at 1e-6: the short Abramowitz–Stegun
 * formula (error ~1e-7) is not good enough. This uses the rational Chebyshev approximations of
 * W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23
 * (1969), pp. 631–638: three intervals, each a ratio of two polynomials, ~1e-16 relative.
 */

// |x| <= 0.46875: erf(x) = x · P(x²) / Q(x²)
const SMALL_P = [
  3209.3775891384694, 377.485237685302, 113.86415415105016, 3.1611237438705655, 0.18577770618460315,
];
const SMALL_Q = [2844.236833439171, 1282.6165260773723, 244.02463793444417, 23.601290952344122, 1];

// 0.46875 < |x| <= 4: erfc(x) = exp(-x²) · P(x) / Q(x)
const MID_P = [
  1230.3393547979972, 2051.0783778260716, 1712.0476126340707, 881.952221241769, 298.6351381974001,
  66.11919063714163, 8.883149794388375, 0.5641884969886701, 2.1531153547440383e-8,
];
const MID_Q = [
  1230.3393548037493, 3439.3676741437216, 4362.619090143247, 3290.7992357334597, 1621.3895745666903,
  537.1811018620099, 117.6939508913125, 15.744926110709835, 1,
];

// |x| > 4: erfc(x) = exp(-x²)/x · (1/√π - z·P(z)/Q(z)), z = 1/x²
const LARGE_P = [
  0.0006587491615298378, 0.016083785148742275, 0.12578172611122926, 0.36034489994980445, 0.30532663496123236,
  0.016315387137302097,
];
const LARGE_Q = [
  0.0023352049762686918, 0.06051834131244132, 0.5279051029514285, 1.8729528499234604, 2.568520192289822, 1,
];

const INV_SQRT_PI = 0.5641895835477563;
const SMALL_LIMIT = 0.46875;
const MID_LIMIT = 4;
/** erfc(x) underflows to exactly 0 beyond this, so erf(x) = ±1. */
const SATURATION = 27;

/** Horner evaluation, coefficients from the constant term up. */
function poly(coefficients: readonly number[], x: number): number {
  let acc = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) acc = acc * x + coefficients[i];
  return acc;
}

/**
 * exp(-x²) computed as exp(-h²)·exp(-(x-h)(x+h)) with h = x rounded down to 1/16: x² itself
 * loses the low bits of x, which the tail of erfc would amplify into ~1e-14 relative error.
 */
function expNegSquare(x: number): number {
  const head = Math.floor(x * 16) / 16;
  return Math.exp(-head * head) * Math.exp(-(x - head) * (x + head));
}

/** erfc(x) for x > 0.46875 (no cancellation: it is computed directly, not as 1 - erf). */
function erfcPositive(x: number): number {
  if (x >= SATURATION) return 0;
  if (x <= MID_LIMIT) return (expNegSquare(x) * poly(MID_P, x)) / poly(MID_Q, x);
  const z = 1 / (x * x);
  return (expNegSquare(x) / x) * (INV_SQRT_PI - (z * poly(LARGE_P, z)) / poly(LARGE_Q, z));
}

export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax <= SMALL_LIMIT) {
    const s = x * x;
    return (x * poly(SMALL_P, s)) / poly(SMALL_Q, s);
  }
  const tail = erfcPositive(ax);
  return x > 0 ? 1 - tail : tail - 1;
}

export function erfc(x: number): number {
  const ax = Math.abs(x);
  if (ax <= SMALL_LIMIT) return 1 - erf(x);
  const tail = erfcPositive(ax);
  return x > 0 ? tail : 2 - tail;
}
