/**
 * The backend side of the neuron inspector and the live neuron maps: both read the running
 * session's live parameters right away (no copy) through the pure inspection module.
 */
import type { NeuronDetails, NeuronRequest } from '../api';
import { TrainingError } from '../errors';
import type { Dataset } from '../data/types';
import { activationHistogram, deadShare, layerActivations, mapGridSize, neuronMaps } from '../inspection';
import type { NeuronMapsFrame } from '../inspection';
import type { TrainingSession } from '../training';
import { gridInputs, type Plane } from './plane';

/** Rows the inspector histogram reads at most (evenly spaced): enough for a histogram, cheap to run. */
export const MAX_INSPECTED_ROWS = 5000;

/** Every neuron's map over the plane, from one batched forward pass. */
export function sessionNeuronMaps(session: TrainingSession, plane: Plane): NeuronMapsFrame {
  const size = mapGridSize(session.spec);
  return neuronMaps(session.spec, session.liveParams(), gridInputs(plane, size), size);
}

export function neuronDetails(session: TrainingSession, req: NeuronRequest): NeuronDetails {
  const { spec } = session;
  const layer = spec.layers[req.layer];
  if (!layer) throw new TrainingError(`cannot inspect: the network has no layer ${req.layer + 1}`);
  if (req.unit >= layer.units)
    throw new TrainingError(
      `cannot inspect: layer ${req.layer + 1} has ${layer.units} units, not ${req.unit + 1}`,
    );
  const params = session.liveParams();
  const p = params[req.layer];
  const { x, n } = sampleRows(session.data.train);
  const activations = layerActivations(spec, params, x, n)[req.layer];
  return {
    layer: req.layer,
    unit: req.unit,
    activation: layer.activation,
    weights: Array.from(p.weight.subarray(req.unit * p.inSize, (req.unit + 1) * p.inSize)),
    bias: p.bias[req.unit],
    histogram: activationHistogram(activations.values, n, layer.units, req.unit),
    deadShare: deadShare(layer.activation, activations.values, n, layer.units, req.unit),
    rows: n,
  };
}

function sampleRows(set: Dataset): { x: Float32Array; n: number } {
  if (set.n <= MAX_INSPECTED_ROWS) return { x: set.x, n: set.n };
  const d = set.inputSize;
  const stride = set.n / MAX_INSPECTED_ROWS;
  const x = new Float32Array(MAX_INSPECTED_ROWS * d);
  for (let r = 0; r < MAX_INSPECTED_ROWS; r++) {
    const source = Math.floor(r * stride);
    x.set(set.x.subarray(source * d, (source + 1) * d), r * d);
  }
  return { x, n: MAX_INSPECTED_ROWS };
}
