/**
 * Continuing from a saved model (`nanograd train --from-model`, the app's "open model"): the weights
 * were learned on inputs encoded with the model's OWN preprocessing (its standardization
 * statistics, vocabularies and class order), so new data must be encoded the same way, not
 * with statistics fitted afresh. The split (which rows train, which validate) still comes from
 * the data pipeline, so `--val` and `--seed` mean what they always mean.
 */
import { encodeTable } from '../data';
import type { Dataset, PreparedData, Preprocessing, Table } from '../data/types';
import { ConfigError, DatasetError } from '../errors';

/**
 * `prepared` re-encoded with `pre`: the same train/validation rows (those the model's
 * missing-value policy can encode), inputs and targets encoded as the model expects.
 */
export function encodeForModel(
  table: Table,
  prepared: PreparedData,
  pre: Preprocessing,
  modelName: string,
): PreparedData {
  if (pre.target.task !== prepared.task) {
    throw new ConfigError(
      `${modelName} is a ${pre.target.task} model but ${prepared.name} is a ${prepared.task} task`,
      { field: 'task' },
    );
  }
  const encoded = encodeTable(table, pre);
  if (!encoded.y) {
    throw new DatasetError(
      `${table.source} needs a complete target column "${pre.target.name}" to continue training ${modelName}`,
      {
        file: table.source,
        column: pre.target.name,
      },
    );
  }
  const encodedY = encoded.y;
  const position = new Map<number, number>();
  encoded.rowIndex.forEach((row, i) => position.set(row, i));
  const inputSize = pre.encodedNames.length;
  const outputSize = pre.target.task === 'classification' ? (pre.target.classes ?? []).length : 1;

  const pick = (set: Dataset): Dataset => {
    const rows = Array.from(set.rowIndex).filter((row) => position.has(row));
    const x = new Float32Array(rows.length * inputSize);
    const y = new Float32Array(rows.length);
    rows.forEach((row, i) => {
      const from = position.get(row)!;
      x.set(encoded.x.subarray(from * inputSize, (from + 1) * inputSize), i * inputSize);
      y[i] = encodedY[from];
    });
    return { n: rows.length, inputSize, outputSize, x, y, rowIndex: Int32Array.from(rows) };
  };

  const train = pick(prepared.train);
  if (train.n === 0)
    throw new DatasetError(`${table.source} has no rows that ${modelName} can encode`, {
      file: table.source,
    });
  return {
    ...prepared,
    train,
    val: prepared.val ? pick(prepared.val) : null,
    preprocessing: pre,
    notes: [...prepared.notes, `inputs encoded with the preprocessing saved in ${modelName}`],
  };
}
