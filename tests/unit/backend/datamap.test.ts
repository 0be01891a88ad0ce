import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EventOf } from '../../../src-shared/api';
import { DataMapService } from '../../../src-shared/backend/datamap';
import { parseCsv, prepareDataset } from '../../../src-shared/data';
import type { WorkerPool } from '../../../src-shared/pool/pool';
import type { TaskContext } from '../../../src-shared/pool/serve';
import { POOL_TASK_HANDLERS, type PoolTasks } from '../../../src-shared/pool/tasks';
import { validTrainConfig } from './fixtures';
import { createHarness } from './harness';

const CANCER = readFileSync(
  new URL('../../../src-shared/data/classic/breast-cancer.csv', import.meta.url),
  'utf8',
);
const importRequest = {
  fileName: 'breast_cancer.csv',
  text: CANCER,
  missing: 'drop' as const,
  valFraction: 0.2,
  seed: 5,
};

describe('data map channels of the backend', () => {
  it('lays out a wide CSV and sends live frames for it while training', async () => {
    const h = createHarness();
    const summary = await h.call('data:import-csv', importRequest);
    expect(summary.points).toBeNull();
    const layout = await h.call('datamap:show', { map: 'pca' });
    expect(layout.label.length).toBe(569);
    expect(layout.totalRows).toBe(569);
    expect(layout.xLabel).toMatch(/^PC1 \(\d+\.\d% of variance\)$/);
    expect(layout.frame).toBeNull();
    await h.call('train:start', { ...validTrainConfig, epochs: 30 });
    await h.until(() => h.lastState() === 'done');
    const frames = h.of('train:datamap');
    expect(frames.length).toBeGreaterThan(0);
    const last = frames.at(-1)!.payload.frame;
    expect(last.layoutId).toBe(layout.layoutId);
    expect(last.predicted.length).toBe(569);
    expect(last.confidence!.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(last.misclassified).toBe(last.predicted.filter((p, i) => p !== layout.label[i]).length);
    // A trained model on this data is right far more often than not.
    expect(last.misclassified!).toBeLessThan(569 / 4);

    // Asking for another map after training answers with the model's frame at once.
    const slice = await h.call('datamap:show', {
      map: 'slice',
      horizontal: 'mean radius',
      vertical: 'worst area',
    });
    expect(slice.frame!.surface!.size).toBe(60);
    expect(slice.slice!.columns.length).toBe(30);
    const row = await h.call('datamap:row', { row: 0 });
    expect(row.cells.length).toBe(30);
    const line = CANCER.split('\n')[row.line - 1].split(',');
    expect(row.cells[0]).toEqual({ name: 'mean radius', value: line[0] });
    expect(row.cells[29]).toEqual({ name: 'worst fractal dimension', value: line[29] });
    expect(row.target).toBe(line[30]);
  });

  it('computes UMAP in the backend with progress events, and fails cleanly before any data', async () => {
    const h = createHarness();
    expect((await h.fail('datamap:show', { map: 'umap' })).message).toBe(
      'no data yet: choose a built-in data set or import a CSV file first',
    );
    expect((await h.fail('datamap:row', { row: -1 })).message).toBe(
      'datamap:row: field "row" must be a row index of at least 0',
    );
    expect((await h.fail('datamap:show', { map: 'tsne' })).message).toBe(
      'datamap:show: field "map" must be one of "pca", "umap", "slice", "predicted"',
    );
    await h.call('data:import-csv', importRequest);
    const layout = await h.call('datamap:show', { map: 'umap' });
    const progress = h.of('datamap:progress').map((e) => e.payload);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.every((p) => p.layoutId === layout.layoutId)).toBe(true);
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    expect(layout.xLabel).toBe('UMAP 1');
    expect(layout.xy.every(Number.isFinite)).toBe(true);
  });

  it('draws a seeded sample of at most 5,000 rows of big data, the same for the same seed', async () => {
    // 6,000 rows x 3 inputs, made here: x3 = x1 - x2 decides the class.
    const lines = ['x1,x2,x3,label'];
    for (let i = 0; i < 6000; i++) {
      const a = Math.sin(i * 1.3) * 3;
      const b = Math.cos(i * 0.7) * 2;
      lines.push(`${a.toFixed(4)},${b.toFixed(4)},${(a - b).toFixed(4)},${a - b > 0 ? 'up' : 'down'}`);
    }
    const request = {
      fileName: 'big.csv',
      text: lines.join('\n'),
      missing: 'drop' as const,
      valFraction: 0.2,
      seed: 3,
    };
    const h = createHarness();
    await h.call('data:import-csv', request);
    const first = await h.call('datamap:show', { map: 'slice', horizontal: 'x1', vertical: 'x3' });
    expect(first.label.length).toBe(5000);
    expect(first.totalRows).toBe(6000);
    const again = createHarness();
    await again.call('data:import-csv', request);
    const second = await again.call('datamap:show', { map: 'slice', horizontal: 'x1', vertical: 'x3' });
    expect(second.xy).toEqual(first.xy);
    const rows = new Set<number>();
    for (const i of [0, 1000, 2500, 4999]) rows.add((await h.call('datamap:row', { row: i })).line);
    expect(rows.size).toBe(4);
    expect((await h.fail('datamap:row', { row: 5000 })).message).toBe(
      'row 5000 is not on the data map (it draws 5000 rows)',
    );
  });

  it('slices only numeric columns and holds one-hot inputs at their most frequent category', async () => {
    const penguins = readFileSync(
      new URL('../../../src-shared/data/classic/penguins.csv', import.meta.url),
      'utf8',
    );
    const h = createHarness();
    const summary = await h.call('data:import-csv', {
      fileName: 'penguins.csv',
      text: penguins,
      missing: 'drop',
      valFraction: 0.2,
      seed: 1,
    });
    expect(summary.inputSize).toBeGreaterThan(4);
    const layout = await h.call('datamap:show', { map: 'slice' });
    expect(layout.slice!.columns).toEqual([
      'Beak Length (mm)',
      'Beak Depth (mm)',
      'Flipper Length (mm)',
      'Body Mass (g)',
    ]);
    expect((await h.fail('datamap:show', { map: 'slice', horizontal: 'Island' })).message).toMatch(
      /^"Island" is not a numeric input column/,
    );
    const pca = await h.call('datamap:show', { map: 'pca' });
    expect(pca.xy.every(Number.isFinite)).toBe(true);
  });
});

describe('the UMAP layout on a worker pool', () => {
  it('runs as the umap-layout pool task, relays its progress and gives the same layout as in-thread', async () => {
    const table = parseCsv(CANCER, 'breast_cancer.csv');
    const data = prepareDataset(table, { valFraction: 0.2, seed: 5, missing: 'drop', standardize: true });
    const jobs: string[] = [];
    let disposed = 0;
    const events: EventOf<'datamap:progress'>[] = [];
    const pool: WorkerPool<PoolTasks> = {
      size: 1,
      run: async (task, payload, options = {}) => {
        jobs.push(task);
        const handler = POOL_TASK_HANDLERS[task] as (p: unknown, c: TaskContext<unknown>) => unknown;
        return (await handler(payload, {
          signal: options.signal ?? new AbortController().signal,
          progress: (p) => (options.onProgress as ((p: unknown) => void) | undefined)?.(p),
          yieldToHost: () => Promise.resolve(),
          now: () => performance.now(),
        })) as never;
      },
      dispose: async () => {
        disposed++;
      },
    };
    const host = {
      emit: (event: string, payload: unknown) => {
        if (event === 'datamap:progress') events.push(payload as EventOf<'datamap:progress'>);
      },
      yieldToHost: () => Promise.resolve(),
    };
    const pooled = new DataMapService({ ...host, createPool: () => pool }, 20);
    pooled.setData(table, data, 5);
    const layout = await pooled.show({ map: 'umap' }, () => null);
    expect(jobs).toEqual(['umap-layout']);
    expect(disposed).toBe(1);
    expect(events.length).toBeGreaterThan(5);
    expect(events.at(-1)!.done).toBe(events.at(-1)!.total);
    const inThread = new DataMapService(host, 20);
    inThread.setData(table, data, 5);
    expect((await inThread.show({ map: 'umap' }, () => null)).xy).toEqual(layout.xy);
  });
});
