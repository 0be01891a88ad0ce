/**
 * The epoch metrics row (EpochMetrics, ./types.ts), defined ONCE: the api's payloads and project
 * files (../api-schemas.ts, strict) and model files' `training.metrics` / `training.history`
 * (../model/schema.ts, unknown keys dropped, as savedTrainConfigSchema) use this shape.
 */
import { z } from 'zod';
import { integerField, numberField, requiredOr } from '../zod-fields';

// Metrics may hold NaN/Infinity (a diverged epoch). Files are JSON, which writes them as null
// (the app's JSON.stringify and the PyTorch script's json_text alike): a required metric read
// back as null is NaN again.
const anyNumber = [z.number(), z.nan(), z.literal(Infinity), z.literal(-Infinity)] as const;
const metricNumber = z
  .union([...anyNumber, z.null()], { error: requiredOr('must be a number') })
  .transform((v) => v ?? NaN);
const metricValue = z.union([...anyNumber, z.null()], { error: requiredOr('must be a number or null') });

const epochMetricsShape = {
  epoch: integerField('an integer of at least 0', 0, Number.MAX_SAFE_INTEGER),
  loss: metricNumber,
  valLoss: metricValue,
  accuracy: metricValue,
  valAccuracy: metricValue,
  r2: metricValue,
  valR2: metricValue,
  mae: metricValue,
  valMae: metricValue,
  seconds: metricNumber,
  // At least 0, not above: a step schedule's lr · gammaᵏ underflows to 0 after enough steps.
  lr: numberField('a number of at least 0', (v) => v >= 0).optional(),
};

/** One epoch's metrics as the api receives them (and project files hold): unknown keys refused. */
export const epochMetricsSchema = z.strictObject(epochMetricsShape);

/** The same row as read from a model file: keys a newer or other writer added are dropped. */
export const savedEpochMetricsSchema = z.object(epochMetricsShape);
