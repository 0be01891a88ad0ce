import { describe, expect, it } from 'vitest';
import { createHarness } from './harness';
import { validTrainConfig } from './fixtures';
import type {
  BuiltinDataRequest,
  DatasetSummary,
  PaintedSnapshot,
  ProjectState,
} from '../../../src-shared/api';
import { parseProject } from '../../../src-shared/model';

const CIRCLE = { kind: 'circle', points: 100, noise: 0.1, seed: 3, valFraction: 0.2 } as const;
const SINE = { kind: 'regression-sine', points: 60, noise: 0.1, seed: 2, valFraction: 0.25 } as const;

function projectState(request: BuiltinDataRequest): ProjectState {
  return { name: 'painted', data: { source: 'builtin', request }, config: validTrainConfig, history: [] };
}

async function exportedCsv(h: ReturnType<typeof createHarness>): Promise<string> {
  return String((await h.call('data:export', {})).data);
}

/** Adds points, erases one generated and one painted point. */
async function paint(h: ReturnType<typeof createHarness>, label: number): Promise<DatasetSummary> {
  const first = (await exportedCsv(h)).split('\n')[1].split(',').map(Number);
  const points = Array.from({ length: 7 }, (_, i) => ({ x: 0.125 * i, y: -0.5 }));
  await h.call('data:paint', { action: 'add', stroke: 1, label, points });
  const tiny = { radiusX: 1e-9, radiusY: 1e-9 };
  await h.call('data:paint', { action: 'erase', stroke: 2, points: [{ x: first[0], y: first[1] }], ...tiny });
  return h.call('data:paint', { action: 'erase', stroke: 3, points: [{ x: 0.25, y: -0.5 }], ...tiny });
}

/** Saves the project on `h`, opens its text in a fresh backend and loads its data there. */
async function reopen(h: ReturnType<typeof createHarness>, request: BuiltinDataRequest) {
  const saved = await h.call('project:save', projectState(request));
  const other = createHarness();
  const project = await other.call('project:load', { fileName: saved.fileName, text: String(saved.data) });
  if (project.state.data.source !== 'builtin') throw new Error('expected built-in data');
  const summary = await other.call('data:generate', project.state.data.request);
  return { other, summary, project, text: String(saved.data) };
}

describe('painted points in projects', () => {
  it.each([
    ['classification', CIRCLE, 1],
    ['regression', SINE, 0.75],
  ] as const)('a painted %s set comes back from a saved project as it was', async (_, request, label) => {
    const h = createHarness();
    await h.call('data:generate', request);
    const before = await paint(h, label);
    const csv = await exportedCsv(h);

    const { other, summary, project } = await reopen(h, request);
    const painted = project.state.data.source === 'builtin' ? project.state.data.request.painted : undefined;
    expect(painted?.generated).toBe(request.points - 1);
    expect(painted?.xs).toHaveLength(request.points - 1 + 6);
    expect(await exportedCsv(other)).toBe(csv);
    expect(summary.notes.at(-1)).toMatch(/\(painted: 6 points added, 1 generated point erased;/);
    expect(summary).toEqual(before);

    // Painting goes on from the restored rows (nothing to undo from before the save).
    const more = await other.call('data:paint', {
      action: 'add',
      stroke: 9,
      label,
      points: [{ x: 2, y: 2 }],
    });
    expect(more.trainRows + more.valRows).toBe(request.points + 6);
    expect(more.notes.at(-1)).toMatch(/\(painted: 7 points added, 1 generated point erased;/);
    expect(await other.call('data:paint', { action: 'undo' })).toEqual(before);
    expect(await other.call('data:paint', { action: 'undo' })).toEqual(before);
  });

  it('saves no rows for an unpainted set or when the project names other data', async () => {
    const h = createHarness();
    await h.call('data:generate', CIRCLE);
    const plain = parseProject(String((await h.call('project:save', projectState(CIRCLE))).data), 'p.nnproj');
    expect(plain.state.data).toEqual({ source: 'builtin', request: CIRCLE });
    await paint(h, 0);
    const other = { ...CIRCLE, seed: 4 };
    const file = await h.call('project:save', projectState(other));
    expect(parseProject(String(file.data), 'p.nnproj').state.data).toEqual({
      source: 'builtin',
      request: other,
    });
  });
});

describe('bad painted rows in a project', () => {
  const rows: PaintedSnapshot = {
    xs: [0, 1, 2],
    ys: [0, 1, 2],
    labels: [0, 1, 1],
    val: [false, false, true],
    generated: 0,
  };

  async function projectText(painted: unknown): Promise<string> {
    const h = createHarness();
    const saved = await h.call('project:save', projectState(CIRCLE));
    const json = JSON.parse(String(saved.data));
    json.state.data.request.painted = painted;
    return JSON.stringify(json);
  }

  it.each([
    [
      { ...rows, ys: [0, 1] },
      'field "state.data.request.painted.ys" must have as many entries as "xs" (3), got 2',
    ],
    [
      { ...rows, labels: [0, 2, 1] },
      'field "state.data.request.painted.labels[1]" must be a class index from 0 to 1, got 2',
    ],
    [
      { ...rows, labels: [0, 0.5, 1] },
      'field "state.data.request.painted.labels[1]" must be a class index from 0 to 1, got 0.5',
    ],
    [
      { ...rows, generated: 4 },
      'field "state.data.request.painted.generated" must be an integer from 0 to 3 (the generated rows kept), got 4',
    ],
    [
      { ...rows, val: [true, false, true] },
      'field "state.data.request.painted.val" must leave at least 2 training rows (false entries), got 1',
    ],
    [{ ...rows, xs: [0, '1', 2] }, 'field "state.data.request.painted.xs[1]" must be a number'],
  ])('refuses %j on open in one line naming the field', async (painted, message) => {
    const h = createHarness();
    const error = await h.fail('project:load', { fileName: 'bad.nnproj', text: await projectText(painted) });
    expect(error.kind).toBe('model');
    expect(error.message).toMatch(
      new RegExp(`^bad\\.nnproj: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    expect(error.message).not.toContain('\n');
  });

  it('refuses rows that do not fit on data:generate, keeping the data', async () => {
    const h = createHarness();
    await h.call('data:generate', CIRCLE);
    const csv = await exportedCsv(h);
    const error = await h.fail('data:generate', { ...CIRCLE, painted: { ...rows, labels: [0, 2, 1] } });
    expect(error.message).toBe(
      'data:generate: field "painted.labels[1]" must be a class index from 0 to 1, got 2',
    );
    const typed = await h.fail('data:generate', { ...CIRCLE, painted: { ...rows, val: [0, 1, 0] } });
    expect(typed.message).toBe('data:generate: field "painted.val[0]" must be true or false');
    expect(await exportedCsv(h)).toBe(csv);
  });
});
