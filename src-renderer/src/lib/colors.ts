/** Colour scales shared by the boundary heatmap, its points and the network diagram. */
export type Rgb = readonly [number, number, number];

// Playground's orange/blue pair: readable on light and dark backgrounds and for most colour-blind users.
export const NEGATIVE: Rgb = [245, 147, 34];
export const POSITIVE: Rgb = [8, 119, 189];
const MIDDLE: Rgb = [232, 234, 235];

export const CLASS_PALETTE: readonly Rgb[] = [
  NEGATIVE,
  POSITIVE,
  [46, 160, 67],
  [200, 60, 160],
  [120, 90, 200],
  [190, 60, 60],
  [20, 160, 160],
  [130, 130, 40],
];

export function classColor(index: number): Rgb {
  const size = CLASS_PALETTE.length;
  return CLASS_PALETTE[((Math.trunc(index) % size) + size) % size];
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** t in [0,1]: 0 = orange, 0.5 = neutral, 1 = blue. Out-of-range and NaN are clamped / neutral. */
export function divergingColor(t: number): Rgb {
  if (!Number.isFinite(t)) return MIDDLE;
  const clamped = Math.min(1, Math.max(0, t));
  return clamped < 0.5 ? mix(NEGATIVE, MIDDLE, clamped * 2) : mix(MIDDLE, POSITIVE, (clamped - 0.5) * 2);
}

export function rgbCss(color: Rgb, alpha = 1): string {
  const [r, g, b] = color.map((channel) => Math.round(channel));
  return alpha >= 1 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

export function range(values: readonly number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (min === Infinity) return { min: 0, max: 1 };
  if (min === max) return { min: min - 1, max: max + 1 };
  return { min, max };
}
