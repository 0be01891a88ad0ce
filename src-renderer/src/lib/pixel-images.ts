/**
 * Image data sets in a table (the built-in digits: columns pixel_0_0 .. pixel_7_7, grey levels
 * 0-16): which columns form the picture, so the data preview can draw a few rows as images.
 */

const PIXEL_COLUMN = /^pixel_(\d+)_(\d+)$/;

export interface PixelGrid {
  /** Pixels per side. */
  size: number;
  /** Column index of each pixel, row-major from the top-left. */
  columns: number[];
}

/** The square pixel grid spelled by the column names, or null when the table is not one. */
export function pixelGrid(names: readonly string[]): PixelGrid | null {
  const at = new Map<string, number>();
  let size = 0;
  names.forEach((name, index) => {
    const match = PIXEL_COLUMN.exec(name);
    if (!match) return;
    at.set(`${Number(match[1])},${Number(match[2])}`, index);
    size = Math.max(size, Number(match[1]) + 1, Number(match[2]) + 1);
  });
  if (size < 2 || at.size !== size * size) return null;
  const columns: number[] = [];
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      const index = at.get(`${r},${c}`);
      if (index === undefined) return null;
      columns.push(index);
    }
  return { size, columns };
}

/** RGBA pixels of one row: dark ink on white, scaled by `max` (the brightest value shown). */
export function rowPixels(
  cells: readonly string[],
  grid: PixelGrid,
  max: number,
): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(grid.columns.length * 4);
  grid.columns.forEach((column, i) => {
    const value = Number(cells[column]);
    const ink = Number.isFinite(value) && max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
    const grey = Math.round(255 * (1 - ink));
    pixels.set([grey, grey, grey, 255], i * 4);
  });
  return pixels;
}
