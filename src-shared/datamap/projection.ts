/**
 * 2-D projections of wide inputs for the data map. PCA comes from ml-pca and UMAP from
 * umap-js (maintained implementations, checked against scikit-learn in the unit tests); this
 * file only standardizes the inputs the way scikit-learn's StandardScaler does (population
 * std, statistics of the training rows) and feeds them in.
 */
import { PCA } from 'ml-pca';
import { UMAP } from 'umap-js';
import { DatasetError } from '../errors';
import { Rng } from '../engine/rng';

export interface Projection {
  /** Interleaved x,y per row. */
  xy: Float64Array;
  /** Axis names, e.g. "PC1 (44.3% of variance)". */
  xLabel: string;
  yLabel: string;
}

/** z-scores per column with the mean and population std of the rows flagged in `fit` (all when null). */
export function standardizeColumns(
  x: ArrayLike<number>,
  n: number,
  d: number,
  fit: ArrayLike<number> | null = null,
): number[][] {
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  let count = 0;
  for (let r = 0; r < n; r++) {
    if (fit && !fit[r]) continue;
    count++;
    for (let c = 0; c < d; c++) mean[c] += x[r * d + c];
  }
  if (count === 0) throw new DatasetError('no rows to fit the projection on');
  for (let c = 0; c < d; c++) mean[c] /= count;
  for (let r = 0; r < n; r++) {
    if (fit && !fit[r]) continue;
    for (let c = 0; c < d; c++) sq[c] += (x[r * d + c] - mean[c]) ** 2;
  }
  const std = Array.from(sq, (s) => {
    const v = Math.sqrt(s / count);
    // A constant column carries no direction: keep it at 0 instead of dividing by 0.
    return v > 1e-12 && Number.isFinite(v) ? v : 1;
  });
  const out: number[][] = new Array(n);
  for (let r = 0; r < n; r++) {
    const row = new Array<number>(d);
    for (let c = 0; c < d; c++) row[c] = (x[r * d + c] - mean[c]) / std[c];
    out[r] = row;
  }
  return out;
}

/**
 * Rows projected on the first two principal components of the standardized inputs, fitted
 * on the rows flagged in `fit` (the training rows) and applied to all.
 */
export function pcaProjection(
  x: ArrayLike<number>,
  n: number,
  d: number,
  fit: ArrayLike<number> | null = null,
): Projection {
  if (n < 2) throw new DatasetError('the PCA map needs at least 2 rows');
  const z = standardizeColumns(x, n, d, fit);
  const fitRows = fit ? z.filter((_, r) => fit[r]) : z;
  if (fitRows.length < 2) throw new DatasetError('the PCA map needs at least 2 training rows');
  // Tall data: the d x d covariance is far cheaper than an SVD of every row.
  const method = fitRows.length > 2 * d ? 'covarianceMatrix' : 'SVD';
  const pca = new PCA(fitRows, { center: true, scale: false, method });
  const components = Math.min(2, d);
  const projected = pca.predict(z, { nComponents: components });
  const xy = new Float64Array(n * 2);
  for (let r = 0; r < n; r++) {
    xy[r * 2] = projected.get(r, 0);
    xy[r * 2 + 1] = components > 1 ? projected.get(r, 1) : 0;
  }
  const explained = pca.getExplainedVariance();
  const label = (k: number) =>
    k < components ? `PC${k + 1} (${(100 * (explained[k] ?? 0)).toFixed(1)}% of variance)` : `PC${k + 1}`;
  return { xy, xLabel: label(0), yLabel: label(1) };
}

export interface UmapOptions {
  seed: number;
  /** Called every few epochs with (epochs done, epochs in all). */
  onProgress?: (done: number, total: number) => void;
  /** Gives control back to the host between chunks of epochs (keeps training and requests flowing). */
  yieldToHost?: () => Promise<void>;
  /** Stop early (e.g. the data changed); the promise then rejects with a DatasetError. */
  cancelled?: () => boolean;
  nNeighbors?: number;
  minDist?: number;
}

export class ProjectionCancelled extends DatasetError {}

/** A UMAP layout as a worker-pool job (structured-cloneable). */
export interface UmapJob {
  x: Float32Array;
  n: number;
  d: number;
  seed: number;
}

/** UMAP of the standardized rows, seeded: the same rows and seed give the same layout. */
export async function umapProjection(
  x: ArrayLike<number>,
  n: number,
  d: number,
  options: UmapOptions,
): Promise<Projection> {
  if (n < 4) throw new DatasetError('the UMAP map needs at least 4 rows');
  const z = standardizeColumns(x, n, d);
  const rng = new Rng(options.seed);
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: Math.max(2, Math.min(options.nNeighbors ?? 15, n - 1)),
    minDist: options.minDist ?? 0.1,
    // umap-js runs 400-500 epochs below 10,000 rows (~30 ms each for 1,800 rows here); 200, umap-learn's
    // choice for large data, keep the layout of a thousand rows and more as clear in half the time.
    nEpochs: n > 1000 ? 200 : undefined,
    random: () => rng.next(),
  });
  options.onProgress?.(0, 1);
  const epochs = umap.initializeFit(z);
  const chunk = Math.max(1, Math.ceil(epochs / 50));
  for (let done = 0; done < epochs;) {
    if (options.cancelled?.()) throw new ProjectionCancelled('the UMAP layout was cancelled');
    for (let k = 0; k < chunk && done < epochs; k++) done = umap.step();
    options.onProgress?.(done, epochs);
    await options.yieldToHost?.();
  }
  const embedding = umap.getEmbedding();
  const xy = new Float64Array(n * 2);
  for (let r = 0; r < n; r++) {
    xy[r * 2] = embedding[r][0];
    xy[r * 2 + 1] = embedding[r][1];
  }
  return { xy, xLabel: 'UMAP 1', yLabel: 'UMAP 2' };
}
