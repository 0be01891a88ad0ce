/**
 * Drawing the data map: rows coloured by their true class (or target value), with the
 * model's predicted probability of the true class as opacity, misclassified rows as crosses
 * and validation rows as rings; the slice surface underneath; for predicted vs actual the
 * identity line. Pure canvas code, no Vue, so the component stays about wiring.
 */
import { drawRowRings, pickedIndices } from './row-highlight';
import type { DataMapFrame, DataMapLayout } from '@shared/api';
import type { Task } from '@shared/data/types';
import { frameToPixels, pointColor, surfaceMode, type PlotBounds, type SurfaceMode } from './boundary-paint';
import { range, rgbCss } from './colors';

/** Rows fade with the model's doubt but never vanish. */
const MIN_OPACITY = 0.18;

/** Where each drawn row sits: the layout's positions, or (actual, predicted) for predicted vs actual. */
export function rowPositions(layout: DataMapLayout, frame: DataMapFrame | null): number[] {
  if (layout.map !== 'predicted') return layout.xy;
  if (!frame) return layout.xy;
  return layout.label.flatMap((actual, i) => [actual, frame.predicted[i]]);
}

export function mapBounds(layout: DataMapLayout, positions: number[]): PlotBounds {
  if (layout.map !== 'predicted') return layout;
  // One scale for both axes so the identity line is the diagonal.
  const { min, max } = range(positions);
  const pad = (max - min) * 0.05;
  return { xMin: min - pad, xMax: max + pad, yMin: min - pad, yMax: max + pad };
}

export function mapMode(
  layout: DataMapLayout,
  frame: DataMapFrame | null,
  task: Task,
  classCount: number,
): SurfaceMode {
  if (task === 'regression') {
    const values = [...layout.label, ...(frame?.surface?.values ?? [])];
    const { min, max } = range(values);
    return { kind: 'regression', min, max };
  }
  return surfaceMode(task, classCount, frame?.surface ?? null, null);
}

export interface MapGeometry {
  bounds: PlotBounds;
  width: number;
  height: number;
}

export function toPixel(geometry: MapGeometry, x: number, y: number): [number, number] {
  const { bounds, width, height } = geometry;
  return [
    ((x - bounds.xMin) / (bounds.xMax - bounds.xMin)) * width,
    height - ((y - bounds.yMin) / (bounds.yMax - bounds.yMin)) * height,
  ];
}

/** Index of the drawn row nearest to a pixel, within `radius` pixels, or -1. */
export function nearestRow(
  geometry: MapGeometry,
  positions: number[],
  px: number,
  py: number,
  radius = 8,
): number {
  let best = -1;
  let bestDistance = radius * radius;
  for (let i = 0; i + 1 < positions.length; i += 2) {
    const [x, y] = toPixel(geometry, positions[i], positions[i + 1]);
    const d = (x - px) ** 2 + (y - py) ** 2;
    if (d <= bestDistance) {
      bestDistance = d;
      best = i / 2;
    }
  }
  return best;
}

export function paintMap(
  ctx: CanvasRenderingContext2D,
  layout: DataMapLayout,
  frame: DataMapFrame | null,
  mode: SurfaceMode,
  geometry: MapGeometry,
  options: {
    scratch: () => HTMLCanvasElement;
    highlight: number;
    /** Table rows to ring (a clicked confusion-matrix cell). */
    picked?: ReadonlySet<number> | null;
  },
): void {
  const { width, height } = geometry;
  ctx.clearRect(0, 0, width, height);
  const surface = frame?.surface;
  if (surface) {
    const scratch = options.scratch();
    scratch.width = surface.size;
    scratch.height = surface.size;
    const scratchCtx = scratch.getContext('2d');
    if (scratchCtx) {
      scratchCtx.putImageData(
        new ImageData(frameToPixels(surface, mode, 170), surface.size, surface.size),
        0,
        0,
      );
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(scratch, 0, 0, width, height);
    }
  }
  const positions = rowPositions(layout, frame);
  if (layout.map === 'predicted') drawIdentity(ctx, geometry);
  const n = layout.label.length;
  const radius = n > 1500 ? 2 : n > 400 ? 3 : 4;
  const showConfidence = layout.map !== 'slice' && frame?.confidence;
  for (let i = 0; i < n; i++) {
    const [px, py] = toPixel(geometry, positions[2 * i], positions[2 * i + 1]);
    const color = pointColor(mode, layout.label[i]);
    const wrong = frame?.confidence ? frame.predicted[i] !== layout.label[i] : false;
    const opacity = showConfidence ? Math.max(MIN_OPACITY, frame.confidence![i]) : 1;
    if (wrong) {
      drawCross(ctx, px, py, radius + 1.5, rgbCss(color));
    } else if (layout.val[i]) {
      ctx.beginPath();
      ctx.arc(px, py, radius, 0, Math.PI * 2);
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = rgbCss(color, opacity);
      ctx.stroke();
    } else {
      ctx.beginPath();
      ctx.arc(px, py, radius, 0, Math.PI * 2);
      ctx.fillStyle = rgbCss(color, opacity);
      ctx.fill();
      if (surface) {
        ctx.lineWidth = 0.75;
        ctx.strokeStyle = 'rgba(255, 255, 255, 0.8)';
        ctx.stroke();
      }
    }
  }
  const rings = pickedIndices(layout.rows, options.picked ?? null).map((i) =>
    toPixel(geometry, positions[2 * i], positions[2 * i + 1]),
  );
  drawRowRings(ctx, rings, radius + 3);
  if (options.highlight >= 0 && options.highlight < n) {
    const [px, py] = toPixel(
      geometry,
      positions[2 * options.highlight],
      positions[2 * options.highlight + 1],
    );
    ctx.beginPath();
    ctx.arc(px, py, radius + 4, 0, Math.PI * 2);
    ctx.lineWidth = 2;
    ctx.strokeStyle = 'rgba(20, 20, 20, 0.9)';
    ctx.stroke();
  }
}

function drawCross(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, color: string): void {
  ctx.beginPath();
  ctx.moveTo(x - r, y - r);
  ctx.lineTo(x + r, y + r);
  ctx.moveTo(x + r, y - r);
  ctx.lineTo(x - r, y + r);
  // A dark underlay keeps the cross visible on a surface of its own colour.
  ctx.lineWidth = 3.5;
  ctx.strokeStyle = 'rgba(20, 20, 20, 0.75)';
  ctx.stroke();
  ctx.lineWidth = 1.75;
  ctx.strokeStyle = color;
  ctx.stroke();
}

function drawIdentity(ctx: CanvasRenderingContext2D, geometry: MapGeometry): void {
  const { bounds } = geometry;
  const lo = Math.max(bounds.xMin, bounds.yMin);
  const hi = Math.min(bounds.xMax, bounds.yMax);
  const [x0, y0] = toPixel(geometry, lo, lo);
  const [x1, y1] = toPixel(geometry, hi, hi);
  ctx.save();
  ctx.setLineDash([5, 4]);
  ctx.lineWidth = 1.25;
  ctx.strokeStyle = 'rgba(91, 100, 114, 0.9)';
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
  ctx.restore();
}
