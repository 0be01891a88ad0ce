// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { pickedIndices } from '../../../src-renderer/src/lib/row-highlight';
import { useDataStore } from '../../../src-renderer/src/stores/data';
import { useHighlightStore } from '../../../src-renderer/src/stores/highlight';
import { freshStudio } from './setup';

describe('highlighting the rows of a confusion-matrix cell', () => {
  it('finds the drawn rows whose table row was picked, in drawing order', () => {
    // Drawn rows are a (seeded) sample of the table in another order: matched by table row.
    expect(pickedIndices([7, 2, 9, 4, 2], new Set([2, 4, 100]))).toEqual([1, 3, 4]);
    expect(pickedIndices([7, 2], null)).toEqual([]);
    expect(pickedIndices([7, 2], new Set())).toEqual([]);
  });

  it('describes the picked rows for the plots and forgets them when the data changes', async () => {
    freshStudio();
    const highlight = useHighlightStore();
    highlight.show([3, 5, 8], 'true A, predicted B');
    expect(highlight.description).toBe('; 3 highlighted rows: true A, predicted B');
    highlight.show([3], 'true A, predicted A');
    expect(highlight.description).toBe('; 1 highlighted row: true A, predicted A');
    await useDataStore().loadBuiltin();
    await Promise.resolve();
    expect(highlight.rows).toBeNull();
    expect(highlight.description).toBe('');
  });
});
