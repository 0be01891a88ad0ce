import {
  Chart,
  Decimation,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Ticks,
  Tooltip,
} from 'chart.js';

// Registering only what the line charts use keeps Chart.js tree-shaken; registering twice is a no-op.
Chart.register(
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  LogarithmicScale,
  Decimation,
  Legend,
  Tooltip,
);

export { Chart };

export interface ChartPoint {
  x: number;
  y: number;
}

export interface ChartSeries {
  label: string;
  color: string;
  points: ChartPoint[];
  dashed?: boolean;
  /** Draw the points as markers without a line (a best epoch, a suggested rate). */
  marker?: boolean;
}

/** Log scales cannot show 0 or negatives; a loss of exactly 0 is drawn at this floor. */
export const LOG_FLOOR = 1e-12;

/** Colours a chart takes from the page's CSS variables (light or dark theme). */
export interface ChartTheme {
  text: string;
  grid: string;
}

const VAR_REFERENCE = /^var\((--[\w-]+)\)$/;

/** `var(--name)` resolved against `element`'s styles; plain colours pass through. */
export function resolveColor(
  color: string,
  style: Pick<CSSStyleDeclaration, 'getPropertyValue'> | null,
): string {
  const match = VAR_REFERENCE.exec(color);
  if (!match) return color;
  return style?.getPropertyValue(match[1]).trim() || '#808080';
}

export function chartTheme(style: Pick<CSSStyleDeclaration, 'getPropertyValue'> | null): ChartTheme {
  return {
    text: resolveColor('var(--muted)', style),
    grid: resolveColor('var(--chart-grid)', style),
  };
}

/**
 * Log-axis labels: Chart.js decides which ticks get one (1, 2 and 5 of each decade, fewer when
 * crowded); they read `0.01` and `1e-5` instead of `0.00001` with every zero spelled out.
 */
export function logTickLabel(
  this: unknown,
  value: number | string,
  index: number,
  ticks: { value: number }[],
): string {
  const shown = Ticks.formatters.logarithmic.call(this as never, Number(value), index, ticks as never);
  return shown === '' ? '' : formatLogTick(Number(value));
}

export function formatLogTick(value: number): string {
  if (!Number.isFinite(value) || value <= 0) return String(value);
  if (value >= 1e-3 && value < 1e5) return String(Number(value.toPrecision(3)));
  return value.toExponential(0).replace('e+', 'e');
}
