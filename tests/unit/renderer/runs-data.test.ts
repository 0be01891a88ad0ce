// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { buildTrainConfig, defaultDesign, defaultHyper } from '../../../src-renderer/src/lib/defaults';
import { useDataStore } from '../../../src-renderer/src/stores/data';
import { MAX_RUNS, useRunsStore, type RunRecord } from '../../../src-renderer/src/stores/runs';
import { CsvError } from '@shared/errors';
import { freshStudio } from './setup';
import { metricsAt, snapshotOf, type FakeApi } from './fake-api';

function record(id: string): RunRecord {
  return {
    id,
    dataset: 'xor',
    config: buildTrainConfig(defaultDesign(), defaultHyper()),
    history: [metricsAt(1, 0.5)],
    final: snapshotOf('done', 1, 1, metricsAt(1, 0.5)),
    finishedAt: 0,
  };
}

describe('runs store', () => {
  beforeEach(() => {
    freshStudio();
  });

  it('numbers runs and toggles the overlay selection', () => {
    const runs = useRunsStore();
    runs.add(record('a'));
    runs.add(record('b'));
    runs.add(record('c'));
    expect(runs.runs.map((run) => run.number)).toEqual([1, 2, 3]);
    runs.toggle('a');
    runs.toggle('c');
    expect(runs.selectedRuns.map((run) => run.id)).toEqual(['a', 'c']);
    runs.toggle('a');
    expect(runs.selectedIds).toEqual(['c']);
    runs.remove('c');
    expect(runs.selectedIds).toEqual([]);
    runs.select(['b', 'gone']);
    expect(runs.selectedIds).toEqual(['b']);
  });

  it('drops the oldest runs beyond the limit, with their selection', () => {
    const runs = useRunsStore();
    runs.add(record('first'));
    runs.select(['first']);
    for (let i = 0; i < MAX_RUNS; i++) runs.add(record(`r${i}`));
    expect(runs.runs).toHaveLength(MAX_RUNS);
    expect(runs.runs[0].id).toBe('r0');
    expect(runs.selectedIds).toEqual([]);
  });
});

describe('data store', () => {
  let api: FakeApi;
  beforeEach(() => {
    ({ api } = freshStudio());
  });

  it('keeps the previous data when an import fails and names the file, row and column', async () => {
    const data = useDataStore();
    expect(await data.loadBuiltin()).toBe(true);
    const before = data.summary;
    api.failNextImport = new CsvError('row 3, column "x2": "abc" is not a number', { row: 3, column: 'x2' });
    expect(await data.importCsv({ fileName: 'broken.csv', text: 'x1,x2\n1,2\n3,abc' })).toBe(false);
    expect(data.summary).toBe(before);
    expect(data.source).toBe('builtin');
    expect(data.importError).toBe('broken.csv: row 3, column "x2": "abc" is not a number');
  });

  it('imports a CSV, remembers its target and re-imports with another target', async () => {
    const data = useDataStore();
    expect(await data.importCsv({ fileName: 'good.csv', text: 'a,b,c\n1,2,x' })).toBe(true);
    expect(data.source).toBe('csv');
    expect(data.targetColumn).toBe('label');
    await data.setTarget('b');
    const last = api.calls.at(-1)?.arg as { target?: string; fileName: string };
    expect(last).toMatchObject({ fileName: 'good.csv', target: 'b' });
    expect(data.targetColumn).toBe('b');
    expect(data.projectData()).toMatchObject({
      source: 'csv',
      fileName: 'good.csv',
      text: 'a,b,c\n1,2,x',
      target: 'b',
    });
  });

  it('refuses a file the UI cannot read without touching the data', async () => {
    const data = useDataStore();
    await data.loadBuiltin();
    data.rejectFile('photo.png', 'this is a binary file, not CSV text');
    expect(data.importError).toBe('photo.png: this is a binary file, not CSV text');
    expect(data.summary?.name).toBe('xor');
  });

  it('sends the painted rows of a project with that one generate, keeping them out of the settings', async () => {
    const data = useDataStore();
    const request = { kind: 'circle', points: 50, noise: 0.1, seed: 2, valFraction: 0.2 } as const;
    const painted = { xs: [0, 1], ys: [1, 0], labels: [0, 1], val: [false, false], generated: 0 };
    expect(await data.applyProjectData({ source: 'builtin', request: { ...request, painted } })).toBe(true);
    expect(api.calls.at(-1)?.arg).toEqual({ ...request, painted });
    expect(data.builtin).toEqual(request);
    expect(data.projectData()).toEqual({ source: 'builtin', request });
    await data.loadBuiltin();
    expect(api.calls.at(-1)?.arg).toEqual(request);
  });
});
