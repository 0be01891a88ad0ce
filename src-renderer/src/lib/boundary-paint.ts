import type { BoundaryFrame, PlotPoints } from '@shared/api';
import type { Task } from '@shared/data/types';
import { classColor, divergingColor, range, rgbCss, type Rgb } from './colors';

export interface PlotBounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** How a cell value becomes a colour: binary = probability of class 1, multi = class index, regression = value. */
export type SurfaceMode =
  { kind: 'binary' } | { kind: 'multiclass' } | { kind: 'regression'; min: number; max: number };

export function surfaceMode(
  task: Task,
  classCount: number,
  frame: BoundaryFrame | null,
  points: PlotPoints | null,
): SurfaceMode {
  if (task === 'regression') {
    const { min, max } = range([...(frame?.values ?? []), ...(points?.label ?? [])]);
    return { kind: 'regression', min, max };
  }
  return classCount > 2 || frame?.classes ? { kind: 'multiclass' } : { kind: 'binary' };
}

export function cellColor(mode: SurfaceMode, value: number, winningClass: number | null): Rgb {
  if (mode.kind === 'binary') return divergingColor(value);
  if (mode.kind === 'multiclass') return classColor(winningClass ?? value);
  return divergingColor((value - mode.min) / (mode.max - mode.min));
}

export function pointColor(mode: SurfaceMode, label: number): Rgb {
  if (mode.kind === 'regression') return divergingColor((label - mode.min) / (mode.max - mode.min));
  return classColor(label);
}

/** Bounds of the data with a 10% margin, used before the first frame arrives. */
export function pointBounds(points: PlotPoints): PlotBounds {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i + 1 < points.xy.length; i += 2) {
    xs.push(points.xy[i]);
    ys.push(points.xy[i + 1]);
  }
  const x = range(xs);
  const y = range(ys);
  const padX = (x.max - x.min) * 0.1;
  const padY = (y.max - y.min) * 0.1;
  return { xMin: x.min - padX, xMax: x.max + padX, yMin: y.min - padY, yMax: y.max + padY };
}

/**
 * Fills an RGBA buffer of size x size pixels from a frame. Frame rows go from yMin upward,
 * image rows from the top down, hence the flip.
 */
export function frameToPixels(
  frame: BoundaryFrame,
  mode: SurfaceMode,
  alpha = 200,
): Uint8ClampedArray<ArrayBuffer> {
  const { size } = frame;
  const pixels = new Uint8ClampedArray(size * size * 4);
  for (let row = 0; row < size; row++) {
    const imageRow = size - 1 - row;
    for (let col = 0; col < size; col++) {
      const cell = row * size + col;
      const color = cellColor(mode, frame.values[cell], frame.classes ? frame.classes[cell] : null);
      const offset = (imageRow * size + col) * 4;
      pixels[offset] = color[0];
      pixels[offset + 1] = color[1];
      pixels[offset + 2] = color[2];
      pixels[offset + 3] = alpha;
    }
  }
  return pixels;
}

export function drawPoints(
  ctx: CanvasRenderingContext2D,
  points: PlotPoints,
  bounds: PlotBounds,
  mode: SurfaceMode,
  width: number,
  height: number,
): void {
  const sx = width / (bounds.xMax - bounds.xMin);
  const sy = height / (bounds.yMax - bounds.yMin);
  const radius = points.label.length > 600 ? 2 : 3.5;
  for (let i = 0; i < points.label.length; i++) {
    const px = (points.xy[2 * i] - bounds.xMin) * sx;
    const py = height - (points.xy[2 * i + 1] - bounds.yMin) * sy;
    ctx.beginPath();
    ctx.arc(px, py, radius, 0, Math.PI * 2);
    const color = rgbCss(pointColor(mode, points.label[i]));
    // Validation points are hollow rings so the split is visible without a legend lookup.
    if (points.val[i]) {
      ctx.lineWidth = 2;
      ctx.strokeStyle = color;
      ctx.stroke();
    } else {
      ctx.fillStyle = color;
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
      ctx.stroke();
    }
  }
}
