import type { AppCommand } from '../../../src-shared/api';

/** Every AppCommand; the Record type makes the compiler reject a missing or extra one. */
const ALL: Record<AppCommand, true> = {
  'open-csv': true,
  'open-model': true,
  'open-project': true,
  'save-project': true,
  'export-json': true,
  'export-onnx': true,
  'export-pytorch': true,
  'export-predictions': true,
  'train-toggle': true,
  step: true,
  reset: true,
};
export const AppCommandValues = Object.keys(ALL) as AppCommand[];
