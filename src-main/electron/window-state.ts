/**
 * Remembered window size and position, stored as JSON in userData (written atomically). A
 * saved position is only reused if the window would still be visible on a connected display
 * (monitors get unplugged); anything unreadable falls back to the defaults.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Partial<Pick<Rect, 'x' | 'y'>> & Pick<Rect, 'width' | 'height'>;
  maximized: boolean;
}

/** The smallest layout the UI supports (issue 6: "works from 1024x700 up"). */
export const MIN_SIZE = { width: 1024, height: 700 } as const;
export const DEFAULT_STATE: WindowState = { bounds: { width: 1280, height: 820 }, maximized: false };

/** At least this much of the title bar must be on a display to reuse a position. */
const VISIBLE_MARGIN = 64;

export function parseWindowState(text: string | null, displays: readonly Rect[]): WindowState {
  if (!text) return structuredClone(DEFAULT_STATE);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return structuredClone(DEFAULT_STATE);
  }
  const state = raw as { bounds?: Partial<Rect>; maximized?: unknown };
  const b = state?.bounds;
  if (!b || !isSize(b.width) || !isSize(b.height)) return structuredClone(DEFAULT_STATE);
  const largest = displays.reduce(
    (max, d) => ({ width: Math.max(max.width, d.width), height: Math.max(max.height, d.height) }),
    { width: 0, height: 0 },
  );
  const width = clamp(b.width, MIN_SIZE.width, Math.max(MIN_SIZE.width, largest.width || b.width));
  const height = clamp(b.height, MIN_SIZE.height, Math.max(MIN_SIZE.height, largest.height || b.height));
  const maximized = state.maximized === true;
  if (Number.isFinite(b.x) && Number.isFinite(b.y)) {
    const rect = { x: b.x as number, y: b.y as number, width, height };
    if (displays.some((d) => titleBarVisible(rect, d))) return { bounds: rect, maximized };
  }
  return { bounds: { width, height }, maximized };
}

export function serializeWindowState(state: WindowState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

function titleBarVisible(win: Rect, display: Rect): boolean {
  const overlapX = Math.min(win.x + win.width, display.x + display.width) - Math.max(win.x, display.x);
  const topInside = win.y >= display.y && win.y <= display.y + display.height - VISIBLE_MARGIN;
  return overlapX >= VISIBLE_MARGIN && topInside;
}

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(Math.max(Math.round(value), lo), hi);
}
