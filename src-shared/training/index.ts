/** The training session and everything a host needs to configure and drive it. */
export * from './types';
export {
  APP_TRAIN_CONFIG,
  DEFAULT_REG_RATE,
  DEFAULT_TRAIN_CONFIG,
  LIMITS,
  OPTIMIZER_DEFAULTS,
  cloneTrainConfig,
  defaultInitFor,
  defaultTrainConfig,
  savedTrainConfigSchema,
  trainConfigSchema,
  validateTrainConfig,
} from './config';
export { lossTargets, outputTransform, outputUnits, resolveLoss, type OutputTransform } from './loss';
export { classificationAccuracy, regressionScores, type RegressionScores } from './metrics';
export { TrainingSession } from './session';
export { checkInitialWeights, describeSpec, networkSpec } from './network-spec';
export type { SessionOptions } from './session-options';
export { runSession, type RunHooks } from './driver';
export { deriveSeed, seedStream, SEED_STREAMS, type SeedStream } from '../engine/rng';
export { encodeForModel } from './continue';
export {
  SCHEDULES,
  DEFAULT_SCHEDULE,
  ONE_CYCLE,
  learningRateAt,
  epochLearningRates,
  isPerBatch,
  type ScheduleName,
  type ScheduleClock,
} from './schedule';
export { BestEpochTracker, KEEP_CHOICES } from './early-stop';
export {
  DEFAULT_LR_RANGE,
  lrRangeTest,
  runRangeTest,
  suggestLr,
  rangeTestLr,
  type LrRangeOptions,
  type LrRangeResult,
} from './lr-range';
export {
  TrainingRun,
  checkModelFitsData,
  prepareRun,
  runModelFile,
  startRun,
  type ContinueFrom,
  type PreparedRun,
  type RunOptions,
  type RunSource,
} from './run';
