// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { DataMapFrame, DataMapLayout, DataMapRequest } from '@shared/api';
import { useDataMapStore } from '../../../src-renderer/src/stores/datamap';
import { freshStudio } from './setup';
import type { FakeApi } from './fake-api';

function layoutOf(layoutId: number, map: DataMapLayout['map']): DataMapLayout {
  return {
    layoutId,
    map,
    xy: [0, 0, 1, 1],
    label: [0, 1],
    val: [false, true],
    rows: [0, 1],
    totalRows: 2,
    xLabel: 'PC1',
    yLabel: 'PC2',
    xMin: -1,
    xMax: 2,
    yMin: -1,
    yMax: 2,
    slice: null,
    frame: null,
  };
}

function frameOf(layoutId: number): DataMapFrame {
  return { layoutId, predicted: [0, 0], confidence: [0.9, 0.2], misclassified: 1, r2: null, surface: null };
}

describe('data map store', () => {
  let api: FakeApi;
  let answers: Array<{ req: DataMapRequest; resolve: (layout: DataMapLayout) => void }>;
  beforeEach(() => {
    ({ api } = freshStudio());
    answers = [];
    api.dataMap.show = (req) => new Promise((resolve) => answers.push({ req, resolve }));
  });

  it('drops a slow layout that finishes after a newer map was chosen', async () => {
    const store = useDataMapStore();
    const umap = store.choose({ map: 'umap' });
    const pca = store.choose({ map: 'pca' });
    expect(answers.map((a) => a.req.map)).toEqual(['umap', 'pca']);
    answers[1].resolve(layoutOf(2, 'pca'));
    await pca;
    answers[0].resolve(layoutOf(1, 'umap'));
    await umap;
    expect(store.layout?.map).toBe('pca');
    expect(store.loading).toBe(false);
  });

  it('takes frames of its own layout only, and shows UMAP progress while loading', async () => {
    const store = useDataMapStore();
    store.attach();
    const shown = store.choose({ map: 'umap' });
    api.emit('datamap:progress', { layoutId: 5, done: 100, total: 500 });
    expect(store.progress).toEqual({ done: 100, total: 500 });
    answers[0].resolve(layoutOf(5, 'umap'));
    await shown;
    expect(store.progress).toBeNull();
    api.emit('train:datamap', { runId: 'run-1', frame: frameOf(4) });
    expect(store.frame).toBeNull();
    api.emit('train:datamap', { runId: 'run-1', frame: frameOf(5) });
    expect(store.frame?.misclassified).toBe(1);
    store.clearFrame();
    expect(store.frame).toBeNull();
  });

  it('sends the slice axes and the held row, and shows a refused request as one line', async () => {
    const store = useDataMapStore();
    api.dataMap.show = async (req) => {
      answers.push({ req, resolve: () => undefined });
      throw new Error('"x9" is not a numeric input column (choose one of "x1", "x2")\n    at stack');
    };
    await store.choose({ map: 'slice', horizontal: 'x9', vertical: 'x2' });
    await store.holdAt(3);
    expect(answers.map((a) => a.req)).toEqual([
      { map: 'slice', horizontal: 'x9', vertical: 'x2', heldRow: undefined },
      { map: 'slice', horizontal: 'x9', vertical: 'x2', heldRow: 3 },
    ]);
    expect(store.error).toBe('"x9" is not a numeric input column (choose one of "x1", "x2")');
    expect(store.layout).toBeNull();
  });
});
