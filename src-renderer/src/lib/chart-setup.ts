import {
  Chart,
  Decimation,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
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
}

/** Log scales cannot show 0 or negatives; a loss of exactly 0 is drawn at this floor. */
export const LOG_FLOOR = 1e-12;
