/**
 * The `nanograd` command line. Each command lives in ./commands/<name>.ts and exports
 * `register(program, context)`. Errors: a StudioError prints its one-line message on stderr and
 * exits 1 (2 for usage errors, which commander reports itself); a stack trace only with --debug.
 */
import { Command, CommanderError } from 'commander';
import { StudioError, firstLine } from '../../src-shared/errors';
import { COMMANDS } from './commands';
import type { CliContext } from './context';

export async function main(argv: string[]): Promise<number> {
  const context: CliContext = { exitCode: 0 };
  const program = new Command();
  program
    .name('nanograd')
    .description('Nanograd Studio CLI: train, predict, export and benchmark small neural networks.')
    .option('--debug', 'print stack traces for errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of COMMANDS) register(program, context);
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return context.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0)
        return 0;
      return 2;
    }
    if (debug && err instanceof Error) {
      process.stderr.write(`${err.stack ?? err.message}\n`);
      return 1;
    }
    const message =
      err instanceof StudioError
        ? firstLine(err.message)
        : `internal error: ${firstLine(err instanceof Error ? err.message : String(err))}`;
    process.stderr.write(`nanograd: ${message}\n`);
    return 1;
  }
}
