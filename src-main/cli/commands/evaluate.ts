/**
 * `nanograd evaluate`: scores a saved model on a CSV or a built-in set (all rows, or the
 * training / validation rows of the split it was trained with) and prints a readable report
 * with the confusion matrix, or with --json one object whose numbers equal scikit-learn's;
 * --importance adds permutation feature importance.
 */
import { Option, type Command } from 'commander';
import {
  DEFAULT_IMPORTANCE_REPEATS,
  EVALUATION_SPLITS,
  evaluateModel,
  permutationImportance,
  type EvaluationReport,
  type EvaluationSplit,
  type ImportanceEntry,
} from '../../../src-shared/evaluation';
import { parseModel } from '../../../src-shared/model';
import type { InputFeature } from '../../../src-shared/data';
import { checkModelFeatures, featuresOption } from '../data-flags';
import type { CliContext } from '../context';
import { DATA_NAMES, loadTable, readTextFile } from '../files';
import { UsageError, choiceArg, integerArg, parseNoise, parsePoints, trainArgs } from '../options';
import { formatEvaluation } from '../evaluation-report';

interface EvaluateFlags {
  model: string;
  data: string;
  target?: string;
  split: EvaluationSplit;
  json?: boolean;
  importance?: boolean;
  repeats?: number;
  points?: number;
  noise?: number;
  seed?: number;
  features?: InputFeature[];
}

const MAX_REPEATS = 1000;

function parseRepeats(value: string): number {
  const n = integerArg('--repeats')(value);
  if (n < 1 || n > MAX_REPEATS)
    throw new UsageError(`--repeats must be a whole number from 1 to ${MAX_REPEATS} (got ${value.trim()})`);
  return n;
}

export function register(program: Command, context: CliContext): void {
  program
    .command('evaluate')
    .description(
      'Score a saved model on labelled data: accuracy, log loss, per-class precision/recall/F1, confusion matrix, ROC AUC and average precision (or MSE, RMSE, MAE, R² and residuals).',
    )
    .requiredOption('--model <model.json>', 'a model file written by `nanograd train --out` or the app')
    .requiredOption(
      '--data <file|name>',
      `a CSV file with the model's input columns and the target, or a built-in data set: ${DATA_NAMES.join(', ')}`,
    )
    .option('--target <column>', "the column holding the truth (default: the model's target column)")
    .addOption(
      new Option(
        '--split <rows>',
        'all rows, or the train / val rows of the split the model was trained with (re-created from the seed and fraction in the model file)',
      )
        .choices(EVALUATION_SPLITS)
        .argParser(choiceArg('--split', EVALUATION_SPLITS))
        .default('all'),
    )
    .option('--json', 'print one JSON object (numbers as scikit-learn computes them)')
    .option(
      '--importance',
      'add permutation feature importance (drop in accuracy or R² per shuffled input column)',
    )
    .option(
      '--repeats <n>',
      `shuffles per column for --importance (default: ${DEFAULT_IMPORTANCE_REPEATS})`,
      parseRepeats,
    )
    .option('--points <n>', 'built-in data sets: number of points (as given to train)', parsePoints)
    .option('--noise <level>', 'built-in data sets: noise level 0..1 (as given to train)', parseNoise)
    .option(
      '--seed <n>',
      "seed of a built-in data set and of the importance shuffles (default: the model's training seed)",
      trainArgs.seed,
    )
    .addOption(
      featuresOption(
        "2-input data: the model's input features as given to train (the model computes them from the raw columns; checked against the model file)",
      ),
    )
    .action(async (flags: EvaluateFlags) => {
      if (flags.repeats !== undefined && !flags.importance)
        throw new UsageError('--repeats has no effect without --importance', 'repeats');
      context.exitCode = await evaluate(flags);
    });
}

async function evaluate(flags: EvaluateFlags): Promise<number> {
  const model = parseModel(await readTextFile(flags.model), flags.model);
  checkModelFeatures(model, flags.model, flags.features);
  const seed = flags.seed ?? model.training?.config.seed ?? 1;
  // Only the numeric inputs (and a numeric target) must be clean numbers: a typo in a column
  // the model does not read must not stop the evaluation.
  const strict = new Set(model.preprocessing.features.filter((f) => f.kind === 'numeric').map((f) => f.name));
  if (model.task === 'regression') strict.add(flags.target ?? model.preprocessing.target.name);
  const { table } = await loadTable(flags.data, {
    points: flags.points,
    noise: flags.noise,
    seed,
    lenient: (column) => !strict.has(column),
  });
  const { report, scored } = evaluateModel(model, table, {
    split: flags.split,
    target: flags.target,
    modelName: flags.model,
  });
  let importance: ImportanceEntry[] | undefined;
  if (flags.importance) {
    const repeats = flags.repeats ?? DEFAULT_IMPORTANCE_REPEATS;
    const tty = !flags.json && process.stderr.isTTY === true;
    importance = permutationImportance(model, scored, {
      repeats,
      seed,
      onFeature: (done, total) => {
        if (tty) process.stderr.write(`\rpermutation importance: ${done}/${total} columns`);
      },
    });
    if (tty) process.stderr.write('\r\x1b[K');
  }
  const result: EvaluationReport & { importance?: ImportanceEntry[] } = importance
    ? { ...report, importance }
    : report;
  if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else
    process.stdout.write(
      formatEvaluation(result, {
        data: table.source,
        model: flags.model,
        repeats: flags.repeats ?? DEFAULT_IMPORTANCE_REPEATS,
      }),
    );
  return 0;
}
