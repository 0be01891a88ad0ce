/**
 * What a command can tell `main` besides throwing: the exit code of a run that ended on
 * purpose but not successfully (Ctrl-C -> 130). Created per `main` call, so nothing is global.
 */
export interface CliContext {
  exitCode: number;
}

/** The conventional exit code of a process interrupted by SIGINT (128 + 2). */
export const EXIT_INTERRUPTED = 130;
