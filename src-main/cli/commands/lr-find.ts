/**
 * `nanograd lr-find [train options] [--from 1e-6 --to 10 --steps 100] [--json]`: the
 * learning-rate range test (src-shared/training/lr-range.ts) for the run the same train options
 * describe: same data, split, network, loss, optimizer, batch size and initial weights. Nothing
 * is written; the suggestion is what to pass as --lr.
 */
import type { Command } from 'commander';
import { DEFAULT_LR_RANGE, lrRangeTest, type LrRangeResult } from '../../../src-shared/training';
import type { CliContext } from '../context';
import { UsageError, asFlagError, integerArg, positiveArg } from '../options';
import { formatNumber } from '../progress';
import { addTrainOptions, checkFlagCombinations, type TrainFlags } from '../train-flags';
import { loadRunInputs, prepareForRun } from '../train-config';

interface LrFindFlags extends TrainFlags {
  from: number;
  to: number;
  steps: number;
}

const MAX_STEPS = 100_000;

function parseSteps(value: string): number {
  const n = integerArg('--steps')(value);
  if (n < 2 || n > MAX_STEPS)
    throw new UsageError(`--steps must be a whole number from 2 to ${MAX_STEPS} (got ${value.trim()})`);
  return n;
}

export function register(program: Command, context: CliContext): void {
  const command = program
    .command('lr-find')
    .description(
      "Learning-rate range test: train from the run's initial weights while the rate grows exponentially per batch, and suggest a rate (steepest descent of the smoothed loss, and min-loss / 10). Takes the train options.",
    );
  addTrainOptions(command)
    .option(
      '--from <lr>',
      `first learning rate (default: ${DEFAULT_LR_RANGE.from})`,
      positiveArg('--from'),
      DEFAULT_LR_RANGE.from,
    )
    .option(
      '--to <lr>',
      `last learning rate (default: ${DEFAULT_LR_RANGE.to})`,
      positiveArg('--to'),
      DEFAULT_LR_RANGE.to,
    )
    .option(
      '--steps <n>',
      `batches, one per rate (default: ${DEFAULT_LR_RANGE.steps})`,
      parseSteps,
      DEFAULT_LR_RANGE.steps,
    )
    .option('--from-model <model.json>', "start from a saved model's weights (as train --from-model)")
    .option('--json', 'print {"lrs":[...],"losses":[...],"suggestedLr","minLossLr"} on stdout')
    .action(async (flags: LrFindFlags) => {
      if (!(flags.to > flags.from))
        throw new UsageError(
          `--to must be greater than --from (got --from ${flags.from} --to ${flags.to})`,
          'to',
        );
      checkFlagCombinations(flags);
      context.exitCode = await lrFind(flags);
    });
}

async function lrFind(flags: LrFindFlags): Promise<number> {
  const { config, table, builtin, fromModel, valFraction } = await loadRunInputs(flags);
  const prepared = prepareForRun(table, flags, valFraction, builtin, fromModel);
  let result: LrRangeResult;
  try {
    result = lrRangeTest(prepared, config, { from: flags.from, to: flags.to, steps: flags.steps });
  } catch (err) {
    throw asFlagError(err);
  }
  if (flags.json) {
    const { lrs, losses, suggestedLr, minLossLr, stoppedBecause } = result;
    process.stdout.write(`${JSON.stringify({ lrs, losses, suggestedLr, minLossLr, stoppedBecause })}\n`);
    return 0;
  }
  const why =
    result.stoppedBecause === 'steps'
      ? `${result.lrs.length} rates`
      : `${result.lrs.length} rates (stopped: the loss ${result.stoppedBecause === 'exploded' ? 'exceeded 4x its best' : 'became NaN or infinite'})`;
  process.stdout.write(
    `lr range test on ${prepared.data.name}, ${why} from ${formatNumber(flags.from)} to ${formatNumber(result.lrs.at(-1) ?? flags.to)}\n`,
  );
  const show = (lr: number | null) =>
    lr === null ? 'none (the loss never fell)' : String(Number(lr.toPrecision(3)));
  process.stdout.write(`suggested lr: ${show(result.suggestedLr)} (steepest descent)\n`);
  process.stdout.write(`min-loss lr / 10: ${show(result.minLossLr)}\n`);
  return 0;
}
