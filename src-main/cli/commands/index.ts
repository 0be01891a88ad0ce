import type { Command } from 'commander';
import type { CliContext } from '../context';
import { register as registerExport } from './export';
import { register as registerBench } from './bench';
import { register as registerPredict } from './predict';
import { register as registerTrain } from './train';

/** Each command module registers itself here (train, predict, export, bench). */
export const COMMANDS: ((program: Command, context: CliContext) => void)[] = [
  registerTrain,
  registerPredict,
  registerExport,
  registerBench,
];
