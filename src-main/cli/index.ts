/**
 * The `nanograd` command line. Each command lives in ./commands/<name>.ts and exports
 * `register(program)`. Errors: a StudioError prints its one-line message on stderr and exits 1
 * (2 for usage errors); a stack trace only with --debug.
 */
import { Command, CommanderError } from 'commander';
import { StudioError } from '../../src-shared/errors';
import { COMMANDS } from './commands';

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('nanograd')
    .description('Nanograd Studio CLI: train, predict, export and benchmark small neural networks.')
    .option('--debug', 'print stack traces for errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of COMMANDS) register(program);
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return 0;
      return 2;
    }
    if (debug && err instanceof Error) process.stderr.write(`${err.stack ?? err.message}\n`);
    const message = err instanceof StudioError ? err.message : `error: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
    if (!debug || !(err instanceof Error)) process.stderr.write(`nanograd: ${message}\n`);
    return 1;
  }
}
