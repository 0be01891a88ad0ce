import { describe, expect, it } from 'vitest';
import { ConfigError } from '@shared/errors';
import { Rng } from '@shared/engine/rng';
import {
  gridConfigurations,
  parseGridArg,
  parseRangeArg,
  planRuns,
  sampleConfigurations,
  type SweepPlan,
} from '@shared/experiments';

const plan = (over: Partial<SweepPlan>): SweepPlan => ({
  grid: [],
  ranges: [],
  random: 0,
  seeds: 1,
  sweepSeed: 1,
  ...over,
});

describe('sweep grid', () => {
  it('parses PARAM=V1|V2 with commas inside values', () => {
    expect(parseGridArg('layers=8|16,16')).toEqual({ name: 'layers', values: ['8', '16,16'] });
    expect(parseGridArg('reg-rate=0.001 | 0.01')).toEqual({ name: 'reg-rate', values: ['0.001', '0.01'] });
  });

  it('refuses unknown parameters, empty values, duplicates and seed, naming the parameter', () => {
    const cases: [string, RegExp][] = [
      ['learning=0.1', /^--grid learning: not a sweepable parameter \(use one of: layers, activation/],
      ['lr=0.1||0.01', /^--grid lr: value 2 is empty/],
      ['lr=', /^--grid lr: value 1 is empty/],
      ['lr=0.1|0.1', /^--grid lr: the value 0.1 is listed twice/],
      ['lr', /^--grid "lr": expected PARAM=V1\|V2/],
      ['seed=1|2', /^--grid seed: seeds are swept with --seeds K/],
    ];
    for (const [arg, message] of cases) {
      let error: unknown = null;
      try {
        parseGridArg(arg);
      } catch (err) {
        error = err;
      }
      expect(error, arg).toBeInstanceOf(ConfigError);
      expect((error as Error).message, arg).toMatch(message);
    }
  });

  it('expands the cross product, last parameter fastest, times seeds 1..K', () => {
    const runs = planRuns(
      plan({ grid: [parseGridArg('lr=0.1|0.01'), parseGridArg('layers=8|16,16|4')], seeds: 2 }),
    );
    expect(runs).toHaveLength(2 * 3 * 2);
    expect(runs.map((r) => r.index)).toEqual([...Array(12).keys()]);
    expect(runs.slice(0, 4)).toEqual([
      { index: 0, values: { lr: '0.1', layers: '8' }, seed: 1 },
      { index: 1, values: { lr: '0.1', layers: '8' }, seed: 2 },
      { index: 2, values: { lr: '0.1', layers: '16,16' }, seed: 1 },
      { index: 3, values: { lr: '0.1', layers: '16,16' }, seed: 2 },
    ]);
    expect(runs[11]).toEqual({ index: 11, values: { lr: '0.01', layers: '4' }, seed: 2 });
    const distinct = new Set(runs.map((r) => JSON.stringify(r)));
    expect(distinct.size).toBe(12);
    expect(gridConfigurations([])).toEqual([{}]);
  });

  it('refuses a parameter given twice, ranges without --random, and an empty sweep', () => {
    expect(() =>
      planRuns(plan({ grid: [parseGridArg('lr=1|2')], ranges: [parseRangeArg('lr=1:2')], random: 3 })),
    ).toThrow(/^lr: given more than once/);
    expect(() => planRuns(plan({ ranges: [parseRangeArg('lr=1:2')] }))).toThrow(
      /^--range lr: needs --random N/,
    );
    expect(() => planRuns(plan({ random: 4 }))).toThrow(/^--random: needs at least one --range/);
    expect(() => planRuns(plan({}))).toThrow(/^nothing to sweep/);
  });
});

describe('random search', () => {
  it('parses ranges and refuses bad ones naming the parameter', () => {
    expect(parseRangeArg('lr=1e-4:1e-1:log')).toEqual({ name: 'lr', lo: 1e-4, hi: 0.1, log: true });
    expect(parseRangeArg('dropout=0:0.5')).toEqual({ name: 'dropout', lo: 0, hi: 0.5, log: false });
    expect(() => parseRangeArg('lr=0:1:log')).toThrow(/^--range lr: a log range needs LO > 0/);
    expect(() => parseRangeArg('lr=1:0.1')).toThrow(/^--range lr: LO 1 is greater than HI 0.1/);
    expect(() => parseRangeArg('lr=a:1')).toThrow(/^--range lr: LO and HI must be numbers/);
    expect(() => parseRangeArg('activation=1:2')).toThrow(/^--range activation: takes names/);
    expect(() => parseRangeArg('lr=1:2:exp')).toThrow(/^--range lr: expected LO:HI or LO:HI:log/);
  });

  it('samples the same configurations for the same sweep seed and others for another', () => {
    const ranges = [parseRangeArg('lr=1e-4:1e-1:log'), parseRangeArg('batch=8:64')];
    const a = sampleConfigurations(ranges, 20, 7);
    expect(sampleConfigurations(ranges, 20, 7)).toEqual(a);
    expect(sampleConfigurations(ranges, 20, 8)).not.toEqual(a);
    // The first draw, computed from the seeded generator by hand: lr uses draw 1, batch draw 2.
    const rng = new Rng(7);
    const u1 = rng.next();
    const u2 = rng.next();
    expect(Number(a[0].lr)).toBe(Number((1e-4 * Math.pow(1000, u1)).toPrecision(4)));
    expect(Number(a[0].batch)).toBe(Math.round(8 + 56 * u2));
  });

  it('is log-uniform with :log (a third of the draws per decade) and uniform without', () => {
    const draws = (log: boolean) =>
      sampleConfigurations([{ name: 'lr', lo: 1e-3, hi: 1, log }], 3000, 3).map((c) => Number(c.lr));
    const logDraws = draws(true);
    const linDraws = draws(false);
    for (const x of [...logDraws, ...linDraws]) {
      expect(x).toBeGreaterThanOrEqual(1e-3);
      expect(x).toBeLessThanOrEqual(1);
    }
    const share = (xs: number[], lo: number, hi: number) =>
      xs.filter((x) => x >= lo && x < hi).length / xs.length;
    expect(share(logDraws, 1e-3, 1e-2)).toBeCloseTo(1 / 3, 1);
    expect(share(logDraws, 1e-2, 1e-1)).toBeCloseTo(1 / 3, 1);
    expect(share(linDraws, 1e-3, 1e-2)).toBeLessThan(0.02);
    expect(share(linDraws, 0.5, 1)).toBeCloseTo(0.5, 1);
  });

  it('crosses sampled configurations with the grid and the seeds', () => {
    const runs = planRuns(
      plan({
        grid: [parseGridArg('activation=relu|tanh')],
        ranges: [parseRangeArg('lr=0.001:0.1:log')],
        random: 3,
        seeds: 2,
        sweepSeed: 5,
      }),
    );
    expect(runs).toHaveLength(3 * 2 * 2);
    const lrs = new Set(runs.map((r) => r.values.lr));
    expect(lrs.size).toBe(3);
    expect(runs.every((r) => r.values.activation === 'relu' || r.values.activation === 'tanh')).toBe(true);
    expect(runs.filter((r) => r.seed === 2)).toHaveLength(6);
    // 4 significant digits, so `nanograd train --lr <value>` repeats the run.
    for (const r of runs) expect(r.values.lr).toBe(String(Number(Number(r.values.lr).toPrecision(4))));
  });
});

describe('sweep parameters from the config schema', () => {
  it('reads each flag’s kind off the schema and maps errors back to the flag', async () => {
    const { SWEEP_PARAMS, paramOfField } = await import('@shared/experiments/params');
    const { fieldKind } = await import('@shared/training/config');
    const kinds = Object.fromEntries(SWEEP_PARAMS.map((p) => [p.name, p.kind]));
    expect(kinds).toEqual({
      layers: 'text',
      activation: 'text',
      loss: 'text',
      optimizer: 'text',
      lr: 'number',
      batch: 'integer',
      epochs: 'integer',
      regularization: 'text',
      'reg-rate': 'number',
      dropout: 'number',
      'weight-init': 'text',
    });
    expect(fieldKind('schedule.stepSize')).toBe('integer');
    expect(fieldKind('optimizer.momentum')).toBe('number');
    expect(fieldKind('nope')).toBeNull();
    expect(fieldKind('optimizer.nope')).toBeNull();
    expect(paramOfField('optimizer.lr')).toBe('lr');
    expect(paramOfField('hiddenLayers.1.activation')).toBe('activation');
    expect(paramOfField('schedule.gamma')).toBeNull();
  });
});
