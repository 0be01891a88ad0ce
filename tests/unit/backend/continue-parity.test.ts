/**
 * Continuing from a loaded model must train on the new data encoded with the MODEL's
 * preprocessing (its standardization statistics), in the app exactly as in the CLI. The new
 * CSV has other means and scales, so encoding it with fresh statistics gives other weights and
 * other predictions; the app once did that silently.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../cli/cli-helpers';
import { createHarness } from './harness';

/** 60 people; `shift` moves and stretches the inputs so their statistics differ from the original file. */
function peopleCsv(shift: number): string {
  const rows = Array.from({ length: 60 }, (_, i) => {
    const h = 150 + ((i * 13) % 45) + shift * 25;
    const w = (40 + ((i * 7) % 30)) * (1 + shift);
    return `${h.toFixed(1)},${w.toFixed(1)},${h + w / (1 + shift) > 150 + shift * 25 + 62 ? 'large' : 'small'}`;
  });
  return ['height,weight,size', ...rows].join('\n') + '\n';
}

describe('continuing from a model on data with shifted statistics', () => {
  it('predicts in the app what the CLI predicts after the same continued run', async () => {
    const dir = tempDir();
    const first = join(dir, 'first.csv');
    const shifted = join(dir, 'shifted.csv');
    writeFileSync(first, peopleCsv(0));
    writeFileSync(shifted, peopleCsv(1));
    const base = join(dir, 'base.json');
    const trainBase = runCli(['train', '--data', first, '--epochs', '15', '--seed', '3', '--out', base]);
    expect(trainBase.stderr).toBe('');
    expect(trainBase.status).toBe(0);

    const continued = join(dir, 'continued.json');
    const cliContinue = runCli([
      'train',
      '--data',
      shifted,
      '--from-model',
      base,
      '--epochs',
      '10',
      '--seed',
      '5',
      '--val',
      '0.25',
      '--out',
      continued,
    ]);
    expect(cliContinue.stderr).toBe('');
    expect(cliContinue.status).toBe(0);
    const cliPredictions = runCli(['predict', '--model', continued, '--data', shifted]);
    expect(cliPredictions.status).toBe(0);

    const h = createHarness();
    const baseModel = readFileSync(base, 'utf8');
    const loaded = await h.call('model:load', { fileName: 'base.json', text: baseModel });
    await h.call('data:import-csv', {
      fileName: 'shifted.csv',
      text: readFileSync(shifted, 'utf8'),
      missing: 'drop',
      valFraction: 0.25,
      seed: 5,
    });
    const saved = loaded.config!;
    await h.call('train:start', { ...saved, epochs: 10, seed: 5, batchSize: 32 });
    await h.until(() => h.lastState() === 'done');
    const appPredictions = await h.call('model:export', { format: 'predictions' });

    expect(String(appPredictions.data)).toBe(cliPredictions.stdout);
    // The continued model keeps the base model's statistics and counts all epochs.
    const appModel = await h.call('model:export', { format: 'json' });
    const parsedApp = JSON.parse(String(appModel.data));
    const parsedBase = JSON.parse(baseModel);
    expect(parsedApp.preprocessing).toEqual(parsedBase.preprocessing);
    expect(parsedApp.training.epochs).toBe(25);
  });
});
