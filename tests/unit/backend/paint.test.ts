import { describe, expect, it } from 'vitest';
import { createHarness } from './harness';
import { PEOPLE_CSV, validTrainConfig } from './fixtures';
import { validateRequest } from '../../../src-shared/api-schemas';

const CIRCLE = { kind: 'circle', points: 100, noise: 0.1, seed: 3, valFraction: 0.2 } as const;

function csvRows(data: string | Uint8Array): string[][] {
  return String(data)
    .trim()
    .split('\n')
    .map((line) => line.split(','));
}

describe('data:paint payloads', () => {
  const add = { action: 'add', stroke: 1, label: 0, points: [{ x: 0.5, y: 0.5 }] };
  it.each([
    [{ ...add, points: [{ x: NaN, y: 0 }] }, 'data:paint: field "points[0].x" must be a finite number'],
    [{ ...add, points: [{ x: 0, y: Infinity }] }, 'data:paint: field "points[0].y" must be a finite number'],
    [{ ...add, points: [] }, 'data:paint: field "points" must hold at least one point'],
    [{ ...add, points: [[0, 1]] }, 'data:paint: field "points[0]" must be an object'],
    [{ action: 'add', stroke: 1, label: 0 }, 'data:paint: field "points" is required'],
    [{ ...add, label: NaN }, 'data:paint: field "label" must be a class index or a finite target value'],
    [{ ...add, stroke: -1 }, 'data:paint: field "stroke" must be a stroke number of at least 0'],
    [{ ...add, colour: 'red' }, 'data:paint: field "colour" is not allowed'],
    [{ ...add, action: 'fill' }, 'data:paint: field "action" must be one of "add", "erase", "undo"'],
    [
      { action: 'erase', stroke: 1, points: [{ x: 0, y: 0 }], radiusX: 0, radiusY: 1 },
      'data:paint: field "radiusX" must be a positive finite number',
    ],
    ['undo', 'data:paint: payload must be an object'],
  ])('refuses %j in one line', (payload, message) => {
    expect(() => validateRequest('data:paint', payload)).toThrow(message);
  });

  it('accepts the three actions', () => {
    expect(validateRequest('data:paint', add)).toEqual(add);
    expect(validateRequest('data:paint', { action: 'undo' })).toEqual({ action: 'undo' });
  });
});

describe('data:paint on the backend', () => {
  it('adds painted points to the data set, keeps the old rows split, and Export data writes them', async () => {
    const h = createHarness();
    const generated = await h.call('data:generate', CIRCLE);
    const before = csvRows((await h.call('data:export', {})).data);
    const painted = await h.call('data:paint', {
      action: 'add',
      stroke: 1,
      label: 1,
      points: Array.from({ length: 5 }, (_, i) => ({ x: 0.125 * i, y: -0.5 })),
    });
    expect(painted.trainRows + painted.valRows).toBe(105);
    // f = 0.2: the 5th painted point of the class goes to validation.
    expect(painted.valRows).toBe(generated.valRows + 1);
    expect(painted.points!.label.length).toBe(105);
    expect(painted.notes.at(-1)).toBe(
      'split: 84 training rows, 21 validation rows (painted: 5 points added, 0 generated points erased; generated points keep their part)',
    );
    const after = csvRows((await h.call('data:export', {})).data);
    expect(after[0]).toEqual(['x1', 'x2', 'label', 'split']);
    expect(after.slice(0, 101)).toEqual(before);
    expect(after.slice(101)).toEqual([
      ['0', '-0.5', '1', 'train'],
      ['0.125', '-0.5', '1', 'train'],
      ['0.25', '-0.5', '1', 'train'],
      ['0.375', '-0.5', '1', 'train'],
      ['0.5', '-0.5', '1', 'validation'],
    ]);
  });

  it('erases near the pointer and undoes stroke by stroke', async () => {
    const h = createHarness();
    await h.call('data:generate', CIRCLE);
    const exported = csvRows((await h.call('data:export', {})).data).slice(1);
    const [x, y] = exported[0].map(Number);
    await h.call('data:paint', { action: 'add', stroke: 1, label: 0, points: [{ x: 9, y: 9 }] });
    const erased = await h.call('data:paint', {
      action: 'erase',
      stroke: 2,
      points: [{ x, y }],
      radiusX: 1e-9,
      radiusY: 1e-9,
    });
    expect(erased.trainRows + erased.valRows).toBe(100);
    const rows = csvRows((await h.call('data:export', {})).data).slice(1);
    expect(rows).toEqual([...exported.slice(1), ['9', '9', '0', 'train']]);
    // Undo brings the erased row back where it was, the next undo takes the painted point away.
    await h.call('data:paint', { action: 'undo' });
    expect(csvRows((await h.call('data:export', {})).data).slice(1)).toEqual([
      ...exported,
      ['9', '9', '0', 'train'],
    ]);
    const back = await h.call('data:paint', { action: 'undo' });
    expect(back.trainRows + back.valRows).toBe(100);
    expect(csvRows((await h.call('data:export', {})).data).slice(1)).toEqual(exported);
  });

  it('refuses a class the data set does not have and imported data, changing nothing', async () => {
    const h = createHarness();
    await h.call('data:generate', CIRCLE);
    const error = await h.fail('data:paint', {
      action: 'add',
      stroke: 1,
      label: 2,
      points: [{ x: 0, y: 0 }],
    });
    expect(error.message).toBe('data:paint: field "label" must be a class index from 0 to 1 (got 2)');
    expect(csvRows((await h.call('data:export', {})).data)).toHaveLength(101);
    await h.call('data:import-csv', {
      fileName: 'people.csv',
      text: PEOPLE_CSV,
      missing: 'drop',
      valFraction: 0.2,
      seed: 1,
    });
    const refused = await h.fail('data:paint', {
      action: 'add',
      stroke: 1,
      label: 0,
      points: [{ x: 0, y: 0 }],
    });
    expect(refused.message).toMatch(/^people\.csv: Paint works on the generated 2-D data sets/);
  });

  it('a running run goes on (same run, epochs counting on) with the painted rows', async () => {
    const h = createHarness();
    await h.call('data:generate', CIRCLE);
    const { runId } = await h.call('train:start', { ...validTrainConfig, epochs: 100_000, batchSize: 16 });
    await h.until(() => (h.of('train:progress').at(-1)?.payload.snapshot.epoch ?? 0) >= 3);
    expect((await h.call('inspect:neuron', { layer: 0, unit: 0 })).rows).toBe(80);
    const epochAtPaint = h.of('train:progress').at(-1)!.payload.snapshot.epoch;
    const points = Array.from({ length: 10 }, (_, i) => ({ x: i / 10, y: 0 }));
    await h.call('data:paint', { action: 'add', stroke: 1, label: 1, points });
    await h.until(() => (h.of('train:progress').at(-1)?.payload.snapshot.epoch ?? 0) >= epochAtPaint + 2);
    expect((await h.call('inspect:neuron', { layer: 0, unit: 0 })).rows).toBe(88);
    expect(h.of('train:progress').every((e) => e.payload.runId === runId)).toBe(true);
    const epochs = h.of('train:progress').flatMap((e) => e.payload.metrics.map((m) => m.epoch));
    expect(epochs).toEqual(epochs.map((_, i) => i + 1));
    await h.call('train:stop', {});
  });
});
