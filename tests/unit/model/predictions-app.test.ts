/**
 * The app's "Export predictions" (StudioBackend model:export format "predictions") goes through
 * the same predictTable/predictionsCsv as `nanograd predict`: trained on one file, it predicts
 * another file whose target column holds a class the model never saw, and keeps every row.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { CsvDataRequest } from '../../../src-shared/api';
import type { TrainConfig } from '../../../src-shared/training';
import { createHarness } from '../backend/harness';

const CONFIG: TrainConfig = {
  hiddenLayers: [{ units: 8, activation: 'tanh' }],
  loss: 'auto',
  optimizer: { name: 'adam', lr: 0.05 },
  batchSize: 8,
  epochs: 20,
  regularization: 'none',
  regRate: 0,
  dropout: 0,
  init: 'xavier',
  seed: 1,
};

const TRAIN_CSV = [
  'height,weight,size',
  ...Array.from({ length: 40 }, (_, i) => {
    const h = 150 + i;
    const w = 40 + ((i * 7) % 30);
    return `${h},${w},${h + w > 215 ? 'large' : 'small'}`;
  }),
].join('\n');

function csvRequest(text: string, fileName: string): CsvDataRequest {
  return { fileName, text, missing: 'drop', valFraction: 0, seed: 1 };
}

async function trainedHarness() {
  const h = createHarness();
  await h.call('data:import-csv', csvRequest(TRAIN_CSV, 'train.csv'));
  await h.call('train:start', CONFIG);
  await h.until(() => h.lastState() === 'done');
  return h;
}

describe('Export predictions in the app', () => {
  it('predicts a file whose target column has a class the model never saw', async () => {
    const h = await trainedHarness();
    const other = ['height,weight,size', '160,45,small', '175,60,medium', '190,65,large'].join('\n');
    await h.call('data:import-csv', csvRequest(other, 'new.csv'));
    const file = await h.call('model:export', { format: 'predictions' });
    const rows = Papa.parse<string[]>(String(file.data).trim()).data;
    expect(rows[0]).toEqual(['height', 'weight', 'size', 'predicted_size', 'p_large', 'p_small']);
    expect(rows.slice(1).map((r) => r[2])).toEqual(['small', 'medium', 'large']);
    for (const row of rows.slice(1)) expect(['large', 'small']).toContain(row[3]);
  });

  it('keeps a row with a missing cell, in place, with empty prediction cells', async () => {
    const h = await trainedHarness();
    const other = ['height,weight,size', '160,45,small', '175,,small', '190,65,large'].join('\n');
    await h.call('data:import-csv', csvRequest(other, 'gaps.csv'));
    const file = await h.call('model:export', { format: 'predictions' });
    const rows = Papa.parse<string[]>(String(file.data).trim()).data;
    expect(rows.slice(1).map((r) => r[0])).toEqual(['160', '175', '190']);
    expect(rows[2]).toEqual(['175', '', 'small', '', '', '']);
    expect(rows[1][3]).not.toBe('');
    expect(rows[3][3]).not.toBe('');
  });
});
