// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { DatasetSummary, PaintRequest } from '@shared/api';
import { useDataStore } from '../../../src-renderer/src/stores/data';
import { usePaintStore } from '../../../src-renderer/src/stores/paint';
import { freshStudio } from './setup';
import { xorSummary, type FakeApi } from './fake-api';

const settle = (ms = 80) => new Promise((resolve) => setTimeout(resolve, ms));

describe('paint store', () => {
  let api: FakeApi;
  let sent: PaintRequest[];
  let release: (() => void) | null;
  let rows: number;
  let hold: boolean;

  beforeEach(async () => {
    ({ api } = freshStudio());
    sent = [];
    release = null;
    rows = 4;
    hold = false;
    // A backend that counts rows like the real one, and can hold an answer back.
    api.data.paint = async (req): Promise<DatasetSummary> => {
      sent.push(structuredClone(req));
      if (hold) await new Promise<void>((resolve) => (release = resolve));
      if (req.action === 'add') rows += req.points.length;
      if (req.action === 'erase') rows -= 1;
      if (req.action === 'undo') rows = 4;
      return xorSummary({ trainRows: rows });
    };
    await useDataStore().loadBuiltin();
  });

  it('sends the positions of a stroke in one batched request, with the chosen class', async () => {
    const paint = usePaintStore();
    paint.toggle();
    expect(paint.active).toBe(true);
    paint.classIndex = 1;
    paint.beginStroke();
    paint.addPoint({ x: 0.1, y: 0.2 });
    paint.addPoint({ x: 0.3, y: 0.4 });
    expect(sent).toHaveLength(0);
    expect(paint.preview.label).toEqual([1, 1]);
    await settle();
    expect(sent).toEqual([
      {
        action: 'add',
        stroke: 1,
        label: 1,
        points: [
          { x: 0.1, y: 0.2 },
          { x: 0.3, y: 0.4 },
        ],
      },
    ]);
    expect(useDataStore().summary!.trainRows).toBe(6);
    expect(paint.preview.label).toEqual([]);
    expect(paint.undoSteps).toBe(1);
  });

  it('merges batches while a request is in flight and counts a stroke as one undo step', async () => {
    const paint = usePaintStore();
    paint.toggle();
    hold = true;
    paint.beginStroke();
    paint.addPoint({ x: 0, y: 0 });
    await settle();
    expect(sent).toHaveLength(1);
    paint.addPoint({ x: 1, y: 0 });
    await settle();
    paint.addPoint({ x: 2, y: 0 });
    paint.endStroke();
    await settle();
    expect(sent).toHaveLength(1);
    hold = false;
    release!();
    await settle();
    expect(sent.map((r) => ('points' in r ? r.points.length : 0))).toEqual([1, 2]);
    expect(paint.undoSteps).toBe(1);
    // A Shift stroke erases with the radii given; Undo goes after it, in order.
    paint.beginStroke();
    paint.erasePoint({ x: 0, y: 0 }, 0.1, 0.2);
    paint.undo();
    await settle();
    expect(sent.slice(2)).toEqual([
      { action: 'erase', stroke: 2, points: [{ x: 0, y: 0 }], radiusX: 0.1, radiusY: 0.2 },
      { action: 'undo' },
    ]);
    expect(paint.undoSteps).toBe(1);
  });

  it('is off for imported data, and new data has nothing to undo', async () => {
    const paint = usePaintStore();
    paint.toggle();
    paint.beginStroke();
    paint.addPoint({ x: 0, y: 0 });
    paint.endStroke();
    await settle();
    expect(paint.undoSteps).toBe(1);
    await useDataStore().loadBuiltin();
    expect(paint.undoSteps).toBe(0);
    expect(paint.active).toBe(true);
    await useDataStore().importCsv({ fileName: 'a.csv', text: 'a,b,c\n1,2,3\n' });
    expect(paint.available).toBe(false);
    expect(paint.active).toBe(false);
    paint.toggle();
    expect(paint.active).toBe(false);
  });
});
