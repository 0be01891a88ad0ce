/** Counted nouns in messages: "1 row", "2 rows", never "1 rows" or "expected 1 fields". */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { count, noun, parseCsv, prepareDataset } from '../../../src-shared/data';
import { parseModel } from '../../../src-shared/model';
import { MODEL_FIXTURES } from '../model/make-model';
import { thrown } from './fixtures';

describe('count / noun', () => {
  it('uses the singular for exactly one, the plural otherwise', () => {
    expect(count(1, 'row')).toBe('1 row');
    expect(count(0, 'row')).toBe('0 rows');
    expect(count(2, 'row')).toBe('2 rows');
    expect(count(1, 'class', 'classes')).toBe('1 class');
    expect(count(3, 'class', 'classes')).toBe('3 classes');
    expect(count(1, 'entry', 'entries')).toBe('1 entry');
    expect(noun(1, 'field')).toBe('field');
    expect(noun(1.5, 'field')).toBe('fields');
  });
});

describe('messages count things correctly', () => {
  it('a ragged row of a one-column file expects 1 field', () => {
    const err = thrown(() => parseCsv('a\n1\n1,2\n', 'one.csv'));
    expect(err.message).toBe('one.csv row 3 is ragged: expected 1 field (like the header), got 2');
  });

  it('prepare notes say "1 row" and "1 model input"', () => {
    const table = parseCsv(['x,label', '1,a', '2,b', '3,', '4,a', '5,b'].join('\n'), 'small.csv');
    const notes = prepareDataset(table, {
      valFraction: 0,
      seed: 1,
      missing: 'drop',
      standardize: true,
    }).notes.join('\n');
    expect(notes).toContain('dropped 1 row with no value in target "label"');
    expect(notes).toContain('-> 1 model input');
    expect(notes).toContain('split: all 4 rows for training');
    expect(notes).not.toMatch(/\b1 (rows|inputs|fields)\b/);
  });

  it('a model check on a one-output layer says "1 number" and "1 output"', () => {
    const model = JSON.parse(readFileSync(`${MODEL_FIXTURES}good.json`, 'utf8'));
    model.layers[1].outSize = 1;
    model.weights[1].weight = [1, 2, 3];
    model.weights[1].bias = [];
    model.task = 'regression';
    model.loss = 'mse';
    model.output = 'none';
    model.preprocessing.target = { name: 'y', task: 'regression', mean: 0, std: 1 };
    const err = thrown(() => parseModel(JSON.stringify(model), 'one.json'));
    expect(err.message).toContain('must have 1 number (layer 2 has 1 output), got 0');
  });
});
