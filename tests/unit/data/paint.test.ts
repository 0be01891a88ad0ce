import { describe, expect, it } from 'vitest';
import {
  MIN_PAINT_TRAINING_ROWS,
  PaintedRows,
  snapshotProblem,
  type PaintBase,
} from '../../../src-shared/data/paint';

/** Four generated rows on the unit square's corners: two training, two validation. */
function base(overrides: Partial<PaintBase> = {}): PaintBase {
  return {
    task: 'classification',
    classCount: 2,
    valFraction: 0.25,
    xs: [0, 1, 0, 1],
    ys: [0, 0, 1, 1],
    labels: [0, 1, 1, 0],
    val: [false, true, false, true],
    ...overrides,
  };
}

function rows(painted: PaintedRows) {
  return Array.from({ length: painted.rowCount }, (_, i) => painted.row(i)).filter((r) => !r.erased);
}

describe('PaintedRows', () => {
  it('adds points of the chosen class where they were painted, after the generated rows', () => {
    const p = new PaintedRows(base());
    expect(
      p.add(1, 1, [
        { x: 0.5, y: 0.5 },
        { x: 0.25, y: 0.75 },
      ]),
    ).toBe(true);
    const all = rows(p);
    expect(all).toHaveLength(6);
    expect(all.slice(4).map((r) => [r.x, r.y, r.label, r.painted])).toEqual([
      [0.5, 0.5, 1, true],
      [0.25, 0.75, 1, true],
    ]);
    expect(p.counts()).toEqual({ painted: 2, erased: 0 });
  });

  it('erases exactly the points inside the ellipse around any pointer position', () => {
    const p = new PaintedRows(base({ valFraction: 0 }));
    // (0.5, 0.5) is 0.5 from (0.5, 0) and (0.5, 1) along y; radiusY 0.5 takes the one at distance 0.5.
    p.add(1, 0, [
      { x: 0.5, y: 0 },
      { x: 0.5, y: 0.45 },
      { x: 0.8, y: 0.5 },
    ]);
    expect(p.erase(2, [{ x: 0.5, y: 0.95 }], 0.1, 0.5)).toBe(true);
    // Inside: (0.5, 0.45) at dy/ry = 1.0; outside: (0.5, 0) at 1.9, (0.8, 0.5) at dx/rx = 3.
    expect(rows(p).map((r) => [r.x, r.y])).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [0.5, 0],
      [0.8, 0.5],
    ]);
    // A second centre in the same batch reaches a generated row too.
    expect(
      p.erase(
        2,
        [
          { x: 3, y: 3 },
          { x: 1, y: 1.05 },
        ],
        0.1,
        0.1,
      ),
    ).toBe(true);
    expect(p.counts()).toEqual({ painted: 2, erased: 1 });
    expect(p.erase(3, [{ x: 5, y: 5 }], 0.1, 0.1)).toBe(false);
  });

  it('undoes a whole stroke (all its batches) and only the last one', () => {
    const p = new PaintedRows(base());
    p.add(7, 0, [{ x: 0.1, y: 0.1 }]);
    p.add(8, 1, [{ x: 0.2, y: 0.2 }]);
    p.add(8, 1, [{ x: 0.3, y: 0.3 }]);
    p.erase(8, [{ x: 0, y: 1 }], 0.05, 0.05);
    expect(p.undoSteps).toBe(2);
    expect(rows(p)).toHaveLength(6);
    expect(p.undo()).toBe(true);
    // Stroke 8 is gone entirely: its two points, and the generated row it erased is back.
    expect(rows(p).map((r) => [r.x, r.y])).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [0.1, 0.1],
    ]);
    expect(p.undo()).toBe(true);
    expect(rows(p)).toHaveLength(4);
    expect(p.undo()).toBe(false);
  });

  it('an erase stroke that removes its own new points and old rows undoes to the state before it', () => {
    const p = new PaintedRows(base({ valFraction: 0 }));
    p.add(1, 0, [{ x: 0.5, y: 0.5 }]);
    p.add(2, 1, [{ x: 0.6, y: 0.5 }]);
    p.erase(2, [{ x: 0.55, y: 0.5 }], 0.2, 0.2);
    expect(rows(p)).toHaveLength(4);
    p.undo();
    expect(rows(p).map((r) => [r.x, r.label])).toEqual([
      [0, 0],
      [1, 1],
      [0, 1],
      [1, 0],
      [0.5, 0],
    ]);
  });

  it('keeps the split of existing rows and sends every 1/f-th painted point of a class to validation', () => {
    const p = new PaintedRows(base());
    const before = rows(p).map((r) => r.val);
    const line = (x: number) => Array.from({ length: 8 }, (_, i) => ({ x, y: i / 10 }));
    p.add(1, 0, line(0.2));
    p.add(2, 1, line(0.4).slice(0, 3));
    p.add(3, 0, line(0.6).slice(0, 1));
    const all = rows(p);
    expect(all.slice(0, 4).map((r) => r.val)).toEqual(before);
    // f = 0.25: the 4th and 8th point of class 0 (k = 3, 7), then its 9th is training again.
    expect(all.slice(4, 12).map((r) => r.val)).toEqual([
      false,
      false,
      false,
      true,
      false,
      false,
      false,
      true,
    ]);
    expect(all.slice(12, 15).map((r) => r.val)).toEqual([false, false, false]);
    expect(all[15].val).toBe(false);
  });

  it('gives the same split for the same strokes, also after an undo and a repaint', () => {
    const strokes = (p: PaintedRows) => {
      p.add(1, 1, [
        { x: 0.1, y: 0.1 },
        { x: 0.2, y: 0.1 },
        { x: 0.3, y: 0.1 },
      ]);
      p.add(2, 1, [
        { x: 0.4, y: 0.1 },
        { x: 0.5, y: 0.1 },
      ]);
    };
    const a = new PaintedRows(base());
    const b = new PaintedRows(base());
    strokes(a);
    strokes(b);
    expect(rows(a).map((r) => r.val)).toEqual(rows(b).map((r) => r.val));
    expect(
      rows(a)
        .slice(4)
        .map((r) => r.val),
    ).toEqual([false, false, false, true, false]);
    b.undo();
    b.add(2, 1, [
      { x: 0.4, y: 0.1 },
      { x: 0.5, y: 0.1 },
    ]);
    expect(rows(b).map((r) => r.val)).toEqual(rows(a).map((r) => r.val));
  });

  it('a set without validation rows stays without', () => {
    const p = new PaintedRows(base({ valFraction: 0, val: [false, false, false, false] }));
    p.add(
      1,
      0,
      Array.from({ length: 20 }, (_, i) => ({ x: i, y: 0 })),
    );
    expect(rows(p).some((r) => r.val)).toBe(false);
  });

  it(`never erases below ${MIN_PAINT_TRAINING_ROWS} training rows`, () => {
    const p = new PaintedRows(base());
    p.erase(1, [{ x: 0.5, y: 0.5 }], 10, 10);
    const left = rows(p);
    expect(left.filter((r) => !r.val)).toHaveLength(MIN_PAINT_TRAINING_ROWS);
    expect(left.filter((r) => r.val)).toHaveLength(0);
  });

  it('refuses a class the data does not have and a non-finite target value, changing nothing', () => {
    const p = new PaintedRows(base());
    expect(() => p.add(1, 2, [{ x: 0, y: 0 }])).toThrow(
      'data:paint: field "label" must be a class index from 0 to 1 (got 2)',
    );
    expect(() => p.add(1, 0.5, [{ x: 0, y: 0 }])).toThrow('must be a class index from 0 to 1 (got 0.5)');
    expect(rows(p)).toHaveLength(4);
    expect(p.undoSteps).toBe(0);
    const r = new PaintedRows(base({ task: 'regression', classCount: 0, labels: [0.5, -1, 2, 3] }));
    expect(r.add(1, -2.75, [{ x: 0, y: 0 }])).toBe(true);
    expect(rows(r)[4].label).toBe(-2.75);
    expect(() => r.add(1, Infinity, [{ x: 0, y: 0 }])).toThrow(
      'must be a finite target value (got Infinity)',
    );
  });
});

describe('PaintedRows snapshots (projects)', () => {
  it('restores the rows, the counts and the split of later painted points', () => {
    const p = new PaintedRows(base());
    p.add(1, 0, [
      { x: 2, y: 2 },
      { x: 3, y: 3 },
      { x: 4, y: 4 },
    ]);
    p.erase(2, [{ x: 0, y: 0 }], 0.1, 0.1);
    const saved = p.snapshot();
    expect(saved).toEqual({
      xs: [1, 0, 1, 2, 3, 4],
      ys: [0, 1, 1, 2, 3, 4],
      labels: [1, 1, 0, 0, 0, 0],
      val: [true, false, true, false, false, false],
      generated: 3,
    });
    expect(snapshotProblem(saved, base())).toBeNull();
    const back = PaintedRows.restore(base(), saved);
    expect(back.snapshot()).toEqual(saved);
    expect(back.counts()).toEqual(p.counts());
    expect(back.undoSteps).toBe(0);
    // The 4th painted point of class 0 goes to validation (f = 0.25), as it would have before saving.
    p.add(3, 0, [{ x: 5, y: 5 }]);
    back.add(3, 0, [{ x: 5, y: 5 }]);
    expect(back.snapshot()).toEqual(p.snapshot());
    expect(back.snapshot().val.at(-1)).toBe(true);
  });

  it('names the first field of a snapshot that does not fit the generated set', () => {
    const saved = {
      xs: [0, 1, 2],
      ys: [0, 1, 2],
      labels: [0, 1, 0],
      val: [false, false, true],
      generated: 2,
    };
    expect(snapshotProblem({ ...saved, val: [false] }, base())?.field).toBe('val');
    expect(snapshotProblem({ ...saved, ys: [0, NaN, 2] }, base())?.field).toBe('ys[1]');
    expect(snapshotProblem({ ...saved, labels: [0, -1, 0] }, base())?.field).toBe('labels[1]');
    expect(snapshotProblem({ ...saved, generated: 5 }, base())?.field).toBe('generated');
    expect(
      snapshotProblem({ ...saved, labels: [0, 0.5, 0] }, base({ task: 'regression', classCount: 0 })),
    ).toBeNull();
  });
});
