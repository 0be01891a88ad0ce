/**
 * Colours of a neuron map: the unit's activation over the input plane on the orange/blue
 * diverging scale, symmetric around 0 and scaled by the unit's own largest |value| so each map
 * shows its shape (Playground's look; the inspector gives the numbers).
 */
import type { LayerMaps } from '@shared/inspection';
import { divergingColor } from './colors';

/** 256 steps of the diverging scale, computed once: a frame colours ~100k cells several times a second. */
const STEPS = 256;
const PALETTE = (() => {
  const table = new Uint8ClampedArray(STEPS * 3);
  for (let i = 0; i < STEPS; i++) {
    const [r, g, b] = divergingColor(i / (STEPS - 1));
    table[i * 3] = r;
    table[i * 3 + 1] = g;
    table[i * 3 + 2] = b;
  }
  return table;
})();
const MIDDLE_STEP = Math.round((STEPS - 1) / 2);

/** RGBA pixels (size x size, image rows top-down) of neuron `unit` of a layer's maps. */
export function neuronMapPixels(
  maps: LayerMaps,
  unit: number,
  size: number,
  pixels: Uint8ClampedArray<ArrayBuffer> = new Uint8ClampedArray(size * size * 4),
): Uint8ClampedArray<ArrayBuffer> {
  const cells = size * size;
  const scale = Math.max(Math.abs(maps.min[unit]), Math.abs(maps.max[unit]));
  const usable = scale > 0 && Number.isFinite(scale);
  const half = (STEPS - 1) / 2;
  const offset0 = unit * cells;
  for (let row = 0; row < size; row++) {
    const imageRow = size - 1 - row;
    for (let col = 0; col < size; col++) {
      const v = maps.values[offset0 + row * size + col];
      let step = usable ? Math.round(half + (half * v) / scale) : MIDDLE_STEP;
      if (!(step >= 0))
        step = MIDDLE_STEP; // NaN
      else if (step > STEPS - 1) step = STEPS - 1;
      const offset = (imageRow * size + col) * 4;
      pixels[offset] = PALETTE[step * 3];
      pixels[offset + 1] = PALETTE[step * 3 + 1];
      pixels[offset + 2] = PALETTE[step * 3 + 2];
      pixels[offset + 3] = 255;
    }
  }
  return pixels;
}
