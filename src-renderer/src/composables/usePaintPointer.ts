import type { Ref } from 'vue';
import type { PlotBounds } from '../lib/boundary-paint';
import { usePaintStore } from '../stores/paint';

/** Pixels between two points added by a drag (a drag lays a trail, not a blob). */
const ADD_SPACING_PX = 8;
const ERASE_SPACING_PX = 4;
/** The eraser's radius on the canvas. */
export const ERASE_RADIUS_PX = 12;

/**
 * Pointer handling of Paint mode on the boundary canvas: a press starts a stroke (one undo
 * step), moves add points (or erase with Shift held) in the data units of `bounds`, release
 * ends it. Only positions go to the store; batching and sending happen there.
 */
export function usePaintPointer(
  canvas: Ref<HTMLCanvasElement | null>,
  size: number,
  bounds: () => PlotBounds,
) {
  const paint = usePaintStore();
  let drawing = false;
  let last: { px: number; py: number } | null = null;

  function onPointerDown(event: PointerEvent): void {
    if (!paint.active || event.button !== 0 || !canvas.value) return;
    event.preventDefault();
    canvas.value.setPointerCapture?.(event.pointerId);
    drawing = true;
    last = null;
    paint.beginStroke();
    at(event);
  }

  function onPointerMove(event: PointerEvent): void {
    if (!drawing) return;
    const events = event.getCoalescedEvents?.() ?? [];
    for (const e of events.length > 0 ? events : [event]) at(e);
  }

  function onPointerUp(): void {
    if (!drawing) return;
    drawing = false;
    paint.endStroke();
  }

  function at(event: PointerEvent): void {
    const rect = canvas.value?.getBoundingClientRect();
    if (!rect || rect.width === 0) return;
    const px = ((event.clientX - rect.left) * size) / rect.width;
    const py = ((event.clientY - rect.top) * size) / rect.height;
    if (px < 0 || py < 0 || px > size || py > size) return;
    const erase = event.shiftKey;
    const spacing = erase ? ERASE_SPACING_PX : ADD_SPACING_PX;
    if (last && Math.hypot(px - last.px, py - last.py) < spacing) return;
    last = { px, py };
    const b = bounds();
    const x = b.xMin + (px / size) * (b.xMax - b.xMin);
    const y = b.yMax - (py / size) * (b.yMax - b.yMin);
    if (erase)
      paint.erasePoint(
        { x, y },
        (ERASE_RADIUS_PX / size) * (b.xMax - b.xMin),
        (ERASE_RADIUS_PX / size) * (b.yMax - b.yMin),
      );
    else paint.addPoint({ x, y });
  }

  return { onPointerDown, onPointerMove, onPointerUp };
}
