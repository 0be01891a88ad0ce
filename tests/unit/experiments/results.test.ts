import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '@shared/training/types';
import { defaultTrainConfig, validateTrainConfig } from '@shared/training';
import {
  bestFromHistory,
  diffRuns,
  groupByConfiguration,
  parameterImportance,
  parseResults,
  rankRuns,
  resultsCsv,
  resultsFile,
  resultsJson,
  settingsOf,
  type SweepRun,
} from '@shared/experiments';

const epoch = (
  n: number,
  loss: number,
  valLoss: number | null,
  valAccuracy: number | null,
): EpochMetrics => ({
  epoch: n,
  loss,
  valLoss,
  accuracy: valAccuracy === null ? null : valAccuracy - 0.01,
  valAccuracy,
  r2: null,
  valR2: null,
  mae: null,
  valMae: null,
  seconds: n / 10,
});

function run(index: number, lr: number, activation: string, seed: number, valAccuracy: number): SweepRun {
  const config = validateTrainConfig({
    optimizer: { name: 'adam', lr },
    hiddenLayers: [{ units: 8, activation }],
    epochs: 3,
    seed,
  });
  const history = [
    epoch(1, 0.9, 0.8, valAccuracy - 0.1),
    epoch(2, 0.5, 0.4, valAccuracy),
    epoch(3, 0.3, 0.6, valAccuracy - 0.05),
  ];
  const settings = settingsOf(config);
  return {
    index,
    config: { lr, activation, seed },
    settings,
    trainConfig: config,
    final: { loss: 0.3, valLoss: 0.6, accuracy: valAccuracy - 0.06, valAccuracy: valAccuracy - 0.05 },
    best: bestFromHistory(history),
    seconds: 0.25,
    epochs: 3,
    state: 'done',
    message: null,
    history,
    // The last run has none, like a failed run or results written before runs had baselines.
    ...(index < 5
      ? {
          baselines: {
            trivial: { valLoss: 0.69, valAccuracy: 0.5 },
            linear: { valLoss: 0.55 + index / 100, valAccuracy: null },
          },
        }
      : {}),
  };
}

const runs = [
  run(0, 0.1, 'relu', 1, 0.8),
  run(1, 0.1, 'relu', 2, 0.9),
  run(2, 0.1, 'relu', 3, 0.85),
  run(3, 0.01, 'tanh', 1, 0.5),
  run(4, 0.01, 'tanh', 2, 0.6),
  run(5, 0.01, 'tanh', 3, 0.55),
];

describe('sweep results', () => {
  it('best is the epoch of the lowest validation loss, not the last', () => {
    const best = bestFromHistory(runs[0].history ?? []);
    expect(best).toEqual({ epoch: 2, valLoss: 0.4, valAccuracy: 0.8 });
    // Without validation data: the lowest training loss.
    expect(
      bestFromHistory([epoch(1, 0.5, null, null), epoch(2, 0.2, null, null), epoch(3, 0.4, null, null)]),
    ).toEqual({
      epoch: 2,
      valLoss: null,
      valAccuracy: null,
    });
  });

  it('groups seeds of one configuration with mean ± sample std, min and max (numpy ddof=1)', () => {
    const groups = groupByConfiguration(runs);
    expect(groups).toHaveLength(2);
    expect(groups[0].config).toEqual({ lr: 0.1, activation: 'relu' });
    expect(groups[0].runs).toEqual([0, 1, 2]);
    const acc = groups[0].metrics.bestValAccuracy;
    // np.mean([0.8, 0.9, 0.85]) = 0.8500000000000001, np.std(..., ddof=1) = 0.04999999999999999
    expect(acc?.mean).toBeCloseTo(0.8500000000000001, 14);
    expect(acc?.std).toBeCloseTo(0.04999999999999999, 14);
    expect(acc?.min).toBe(0.8);
    expect(acc?.max).toBe(0.9);
    expect(groups[1].metrics.bestValAccuracy?.mean).toBeCloseTo(0.55, 14);
  });

  it('ranks best first by the chosen metric', () => {
    expect(rankRuns(runs, 'bestValAccuracy').map((r) => r.index)).toEqual([1, 2, 0, 4, 5, 3]);
    const byLoss = rankRuns(runs, 'bestValLoss').map((r) => r.index);
    expect(byLoss).toEqual([0, 1, 2, 3, 4, 5]); // all tie at 0.4: index order
  });

  it('importance: Spearman for numbers (scipy.stats.spearmanr), η for names', () => {
    const mixed = [runs[0], runs[1], runs[3], { ...runs[4], config: { ...runs[4].config, lr: 0.1 } }];
    const [activation, lr] = parameterImportance(mixed, 'bestValAccuracy');
    expect(activation.name).toBe('activation');
    expect(lr).toMatchObject({ name: 'lr', kind: 'spearman' });
    // spearmanr([0.1, 0.1, 0.01, 0.1], [0.8, 0.9, 0.5, 0.6]) = 0.7745966692414834
    expect(lr.value).toBeCloseTo(0.7745966692414834, 12);
    expect(activation.kind).toBe('eta');
    // eta = sqrt(SS_between / SS_total): relu {0.8, 0.9}, tanh {0.5, 0.6} around 0.7: 0.09 / 0.10
    expect(activation.value).toBeCloseTo(Math.sqrt(0.9), 12);
  });

  it('a diff lists exactly the settings that differ', () => {
    expect(diffRuns(runs[0], runs[1])).toEqual([{ name: 'seed', a: 1, b: 2 }]);
    expect(diffRuns(runs[0], runs[4])).toEqual([
      { name: 'activation', a: 'relu', b: 'tanh' },
      { name: 'lr', a: 0.1, b: 0.01 },
      { name: 'seed', a: 1, b: 2 },
    ]);
    const momentum = {
      ...runs[0],
      settings: settingsOf({ ...defaultTrainConfig(), optimizer: { name: 'sgd', lr: 0.1, momentum: 0.9 } }),
    };
    const plain = {
      ...runs[0],
      settings: settingsOf({ ...defaultTrainConfig(), optimizer: { name: 'sgd', lr: 0.1 } }),
    };
    expect(diffRuns(momentum, plain)).toEqual([{ name: 'optimizer.momentum', a: 0.9, b: null }]);
  });
});

describe('sweep results export and import', () => {
  it('JSON round-trips every run, curves included', () => {
    const file = resultsFile('moons', runs);
    expect(file.bestIndex).toBe(1);
    expect(file.swept).toEqual(['activation', 'lr']);
    const back = parseResults(resultsJson(file), 'results.json');
    expect(back).toEqual(file);
  });

  it('CSV round-trips the settings and metrics; the swept parameters are the columns that vary', () => {
    const text = resultsCsv(runs);
    const [header, first] = text.split('\n');
    // Flags, seed, the settings without a flag (dotted config paths), then the metrics.
    expect(header).toBe(
      'index,layers,activation,loss,optimizer,lr,batch,epochs,regularization,reg-rate,dropout,weight-init,seed,' +
        'clipGradNorm,keep,schedule.gamma,schedule.name,schedule.stepSize,schedule.warmup,' +
        'finalLoss,finalValLoss,finalAccuracy,finalValAccuracy,bestEpoch,bestValLoss,bestValAccuracy,seconds,epochsTrained,state,' +
        'trivialValLoss,trivialValAccuracy,linearValLoss,linearValAccuracy',
    );
    expect(text.split('\n')[1]).toMatch(/,done,0\.69,0\.5,0\.55,$/);
    expect(text.split('\n')[6]).toMatch(/,done,,,,$/);
    expect(first).toMatch(
      /^0,8,relu,auto,adam,0\.1,32,3,none,0,0,he,1,0,best,[^,]*,constant,[^,]*,0,0\.3,0\.6,/,
    );
    const back = parseResults(text, 'results.csv');
    expect(back.swept).toEqual(['activation', 'lr']);
    expect(back.bestIndex).toBe(1);
    expect(back.runs).toHaveLength(runs.length);
    back.runs.forEach((r, i) => {
      expect(r.settings).toEqual(runs[i].settings);
      expect(r.final).toEqual(runs[i].final);
      expect(r.best).toEqual(runs[i].best);
      expect(r.baselines).toEqual(runs[i].baselines);
      expect(r.trainConfig).toEqual(runs[i].trainConfig);
      expect(r.config).toEqual({
        activation: runs[i].config.activation,
        lr: runs[i].config.lr,
        seed: runs[i].config.seed,
      });
    });
  });

  it('results written before runs had baselines still read back', () => {
    const old = resultsCsv(runs)
      .split('\n')
      .map((line) => line.split(',').slice(0, -4).join(','))
      .join('\n');
    expect(old.split('\n')[0]).toMatch(/,state$/);
    const back = parseResults(old, 'results.csv');
    expect(back.runs.map((r) => r.final)).toEqual(runs.map((r) => r.final));
    expect(back.runs.every((r) => r.baselines === undefined)).toBe(true);
    const json = resultsJson(resultsFile('moons', runs)).replace(/"baselines"/g, '"ignored"');
    expect(parseResults(json, 'results.json').runs.every((r) => r.baselines === undefined)).toBe(true);
  });

  it('CSV round-trips a list setting (input features)', () => {
    const withFeatures = runs.slice(0, 2).map((r) => {
      const trainConfig = validateTrainConfig({ ...r.trainConfig, features: ['x1sq', 'sinx2'] });
      return { ...r, trainConfig, settings: settingsOf(trainConfig) };
    });
    expect(withFeatures[0].settings.features).toBe('["x1sq","sinx2"]');
    const back = parseResults(resultsCsv(withFeatures), 'results.csv');
    back.runs.forEach((r, i) => expect(r.trainConfig).toEqual(withFeatures[i].trainConfig));
    expect(back.runs[0].trainConfig.features).toEqual(['x1sq', 'sinx2']);
  });

  it('refuses broken files with one line naming the file and the place', () => {
    expect(() => parseResults('{"format":"nanograd-studio/sweep","version":1}', 'r.json')).toThrow(
      /^r\.json: data: /,
    );
    expect(() => parseResults('{"format":"other"}', 'r.json')).toThrow(
      'r.json: not sweep results (format must be "nanograd-studio/sweep")',
    );
    expect(() => parseResults('{oops', 'r.json')).toThrow(/^r\.json: not JSON/);
    const csv = resultsCsv(runs).split('\n');
    csv[2] = csv[2].replace(/^1,8,relu,auto,adam,0\.1/, '1,8,relu,auto,adam,fast');
    expect(() => parseResults(csv.join('\n'), 'r.csv')).toThrow(
      'r.csv: row 3, column lr: "fast" is not a number',
    );
    expect(() => parseResults('a,b\n1,2\n', 'r.csv')).toThrow(/^r\.csv: not sweep results/);
    const badLayers = resultsCsv(runs).replace(/\n0,8,/, '\n0,0,');
    expect(() => parseResults(badLayers, 'r.csv')).toThrow(
      /^r\.csv: row 2: hiddenLayers\[0\]\.units must be an integer from 1/,
    );
  });
});
