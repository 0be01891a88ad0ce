/**
 * Small views of a running session for the backend's consumers: the data map's predictor (which
 * reads rows encoded as the data was imported, so the run's input features are computed here)
 * and the parameter count that decides whether progress events carry the weights.
 */
import { applyInputFeatures } from '../data/prepare/apply-input-features';
import type { MlpSpec } from '../engine/types';
import type { TrainingSession } from '../training';
import type { MapPredictor } from './datamap';

export function mapPredictor(session: TrainingSession): MapPredictor {
  return {
    predict: (x, n) => session.predict(applyInputFeatures(x, n, session.data.preprocessing), n),
    units: session.spec.layers[session.spec.layers.length - 1].units,
    task: session.data.task,
  };
}

export function parameterCount(spec: MlpSpec): number {
  let inSize = spec.inputSize;
  let total = 0;
  for (const layer of spec.layers) {
    total += inSize * layer.units + layer.units;
    inSize = layer.units;
  }
  return total;
}
