import type { Command } from 'commander';

/** Each command module registers itself here (train, predict, export, bench). */
export const COMMANDS: ((program: Command) => void)[] = [];
