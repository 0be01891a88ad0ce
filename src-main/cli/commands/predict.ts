/**
 * `nanograd predict`: applies a saved model (with its saved preprocessing) to raw rows and
 * prints or writes the predictions CSV: every input row, in order, plus the prediction columns
 * (empty for a row that cannot be predicted, which a stderr note lists).
 */
import type { Command } from 'commander';
import { count } from '../../../src-shared/data';
import { parseModel, predictTable, predictionsCsv, skippedRowsNote } from '../../../src-shared/model';
import { writeFileAtomic } from '../../node/atomic-write';
import type { CliContext } from '../context';
import { checkWritable, loadTable, readTextFile } from '../files';
import { trainArgs } from '../options';

interface PredictFlags {
  model: string;
  data: string;
  out?: string;
  seed: number;
}

export function register(program: Command, context: CliContext): void {
  program
    .command('predict')
    .description(
      'Predict with a saved model: prints the inputs plus the predicted class and probabilities (or value) as CSV.',
    )
    .requiredOption('--model <model.json>', 'a model file written by `nanograd train --out` or the app')
    .requiredOption(
      '--data <file|name>',
      "a CSV file with the model's input columns (the target column may be absent), or a built-in data set name",
    )
    .option('--out <preds.csv>', 'write the predictions here instead of stdout')
    .option('--seed <n>', 'seed for a built-in data set', trainArgs.seed, 1)
    .action(async (flags: PredictFlags) => {
      context.exitCode = await predict(flags);
    });
}

async function predict(flags: PredictFlags): Promise<number> {
  if (flags.out) await checkWritable(flags.out);
  const model = parseModel(await readTextFile(flags.model), flags.model);
  // Only the numeric inputs must be clean numbers: a typo in a column the model does not read
  // (the target, a comment) must not stop the prediction.
  const numericInputs = new Set(
    model.preprocessing.features.filter((f) => f.kind === 'numeric').map((f) => f.name),
  );
  const { table } = await loadTable(flags.data, {
    seed: flags.seed,
    lenient: (column) => !numericInputs.has(column),
    markersAsText: true,
  });
  const predictions = predictTable(model, table);
  const csv = predictionsCsv(model, table, predictions);
  if (flags.out) {
    await writeFileAtomic(flags.out, csv);
    process.stderr.write(
      `wrote ${count(table.rowCount, 'row')} (${count(predictions.n, 'prediction')}) to ${flags.out}\n`,
    );
  } else {
    process.stdout.write(csv);
  }
  const note = skippedRowsNote(model, table, predictions);
  if (note) process.stderr.write(`note: ${note}\n`);
  return 0;
}
