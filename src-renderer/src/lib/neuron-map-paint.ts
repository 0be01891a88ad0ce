/**
 * Colours of a neuron map: the unit's activation over the input plane on the orange/blue
 * diverging scale, symmetric around 0 and scaled by the unit's own largest |value| so each map
 * shows its shape (Playground's look; the inspector gives the numbers).
 */
import type { LayerMaps } from '@shared/inspection';
import { divergingColor } from './colors';

/** RGBA pixels (size x size, image rows top-down) of neuron `unit` of a layer's maps. */
export function neuronMapPixels(maps: LayerMaps, unit: number, size: number): Uint8ClampedArray<ArrayBuffer> {
  const cells = size * size;
  const scale = Math.max(Math.abs(maps.min[unit]), Math.abs(maps.max[unit]));
  const values = maps.values.subarray(unit * cells, (unit + 1) * cells);
  const pixels = new Uint8ClampedArray(cells * 4);
  for (let row = 0; row < size; row++) {
    const imageRow = size - 1 - row;
    for (let col = 0; col < size; col++) {
      const v = values[row * size + col];
      const t = scale > 0 && Number.isFinite(scale) ? 0.5 + (0.5 * v) / scale : 0.5;
      const color = divergingColor(t);
      const offset = (imageRow * size + col) * 4;
      pixels[offset] = color[0];
      pixels[offset + 1] = color[1];
      pixels[offset + 2] = color[2];
      pixels[offset + 3] = 255;
    }
  }
  return pixels;
}
