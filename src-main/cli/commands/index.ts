import type { Command } from 'commander';
import type { CliContext } from '../context';
import { register as registerExport } from './export';
import { register as registerBench } from './bench';
import { register as registerEvaluate } from './evaluate';
import { register as registerPredict } from './predict';
import { register as registerSweep } from './sweep';
import { register as registerTrain } from './train';
import { register as registerLrFind } from './lr-find';

/** Each command module registers itself here (train, predict, evaluate, export, bench). */
export const COMMANDS: ((program: Command, context: CliContext) => void)[] = [
  registerTrain,
  registerPredict,
  registerEvaluate,
  registerExport,
  registerBench,
  registerSweep,
  registerLrFind,
];
