/**
 * The `nanograd` command line. Each command lives in ./commands/<name>.ts and exports
 * `register(program, context)`. Errors print ONE line on stderr, `nanograd: <message>`, and exit
 * 2 for a usage error (a bad flag value, see ./options.ts, or commander's unknown flag / missing
 * required flag) or 1 for anything else (files, data, models, a diverged run); a stack trace
 * only with --debug.
 */
import { Command, CommanderError } from 'commander';
import { StudioError, firstLine } from '../../src-shared/errors';
import { COMMANDS } from './commands';
import type { CliContext } from './context';
import { EXIT_USAGE, UsageError } from './options';
import { version } from '../../package.json';

/** commander's `error: unknown option '--lrr'\n(Did you mean --lr?)` as one line, our prefix. */
function commanderMessage(err: CommanderError): string {
  return err.message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

export async function main(argv: string[]): Promise<number> {
  const context: CliContext = { exitCode: 0 };
  const program = new Command();
  program
    .name('nanograd')
    .description('Nanograd Studio CLI: train, predict, export and benchmark small neural networks.')
    .version(version, '-V, --version', 'print the version of nanograd and exit')
    .option('--debug', 'print stack traces for errors')
    .addHelpText(
      'afterAll',
      '\nExit codes: 0 done; 1 a problem with a file, the data or the model (or a diverged run);\n2 a bad command line (unknown flag, invalid flag value); 130 stopped by Ctrl-C.',
    )
    .exitOverride()
    // Errors are printed below, in the one format every error has; help still goes through writeErr.
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: () => undefined });
  for (const register of COMMANDS) register(program, context);
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return context.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0)
        return 0;
      // `nanograd` without a command has already printed the help on stderr.
      if (err.code !== 'commander.help') process.stderr.write(`nanograd: ${commanderMessage(err)}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof UsageError && !debug) {
      process.stderr.write(`nanograd: ${firstLine(err.message)}\n`);
      return EXIT_USAGE;
    }
    if (debug && err instanceof Error) {
      process.stderr.write(`${err.stack ?? err.message}\n`);
      return err instanceof UsageError ? EXIT_USAGE : 1;
    }
    const message =
      err instanceof StudioError
        ? firstLine(err.message)
        : `internal error: ${firstLine(err instanceof Error ? err.message : String(err))}`;
    process.stderr.write(`nanograd: ${message}\n`);
    return 1;
  }
}
