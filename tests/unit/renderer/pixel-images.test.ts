import { describe, expect, it } from 'vitest';
import { pixelGrid, rowPixels } from '../../../src-renderer/src/lib/pixel-images';

describe('image rows in the data preview', () => {
  const names = [] as string[];
  for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) names.push(`pixel_${r}_${c}`);

  it('reads the 8×8 grid of the digits columns in row-major order, wherever the columns are', () => {
    const shuffled = ['digit', ...names.slice(32), ...names.slice(0, 32)];
    const grid = pixelGrid(shuffled)!;
    expect(grid.size).toBe(8);
    expect(grid.columns[0]).toBe(33); // pixel_0_0
    expect(grid.columns[9]).toBe(shuffled.indexOf('pixel_1_1'));
    expect(grid.columns[63]).toBe(shuffled.indexOf('pixel_7_7'));
  });

  it('is not an image table without a full square of pixel columns', () => {
    expect(pixelGrid(['sepal length', 'species'])).toBeNull();
    expect(pixelGrid(names.slice(1))).toBeNull();
    expect(pixelGrid(['pixel_0_0'])).toBeNull();
  });

  it('draws dark ink on white, scaled by the brightest value', () => {
    const grid = pixelGrid(['pixel_0_0', 'pixel_0_1', 'pixel_1_0', 'pixel_1_1', 'label'])!;
    const pixels = rowPixels(['0', '16', '8', 'x', '3'], grid, 16);
    expect(Array.from(pixels)).toEqual([
      255, 255, 255, 255, 0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255,
    ]);
  });
});
