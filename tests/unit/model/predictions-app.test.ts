/**
 * The app's "Export predictions" (StudioBackend model:export format "predictions") goes through
 * the same predictTable/predictionsCsv as `nanograd predict`: trained on one file, it predicts
 * another file whose target column holds a class the model never saw, and keeps every row.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { CsvDataRequest } from '../../../src-shared/api';
import type { TrainConfig } from '../../../src-shared/training';
import { PEOPLE_CSV, validTrainConfig } from '../backend/fixtures';
import { createHarness } from '../backend/harness';

const CONFIG: TrainConfig = { ...validTrainConfig, batchSize: 8, epochs: 20, init: 'xavier', seed: 1 };

function csvRequest(text: string, fileName: string): CsvDataRequest {
  return { fileName, text, missing: 'drop', valFraction: 0, seed: 1 };
}

/** Trains on PEOPLE_CSV, imports `lines` as another file and returns the exported predictions' rows. */
async function predictionsFor(lines: string[], fileName: string): Promise<string[][]> {
  const h = createHarness();
  await h.call('data:import-csv', csvRequest(PEOPLE_CSV, 'train.csv'));
  await h.call('train:start', CONFIG);
  await h.until(() => h.lastState() === 'done');
  await h.call('data:import-csv', csvRequest(lines.join('\n'), fileName));
  const file = await h.call('model:export', { format: 'predictions' });
  return Papa.parse<string[]>(String(file.data).trim()).data;
}

describe('Export predictions in the app', () => {
  it('predicts a file whose target column has a class the model never saw', async () => {
    const rows = await predictionsFor(
      ['height,weight,size', '160,45,small', '175,60,medium', '190,65,large'],
      'new.csv',
    );
    expect(rows[0]).toEqual(['height', 'weight', 'size', 'predicted_size', 'p_large', 'p_small']);
    expect(rows.slice(1).map((r) => r[2])).toEqual(['small', 'medium', 'large']);
    for (const row of rows.slice(1)) expect(['large', 'small']).toContain(row[3]);
  });

  it('keeps a row with a missing cell, in place, with empty prediction cells', async () => {
    const rows = await predictionsFor(
      ['height,weight,size', '160,45,small', '175,,small', '190,65,large'],
      'gaps.csv',
    );
    expect(rows.slice(1).map((r) => r[0])).toEqual(['160', '175', '190']);
    expect(rows[2]).toEqual(['175', '', 'small', '', '', '']);
    expect(rows[1][3]).not.toBe('');
    expect(rows[3][3]).not.toBe('');
  });
});
