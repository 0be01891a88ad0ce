import type { DenseParams, MlpSpec } from '@shared/engine/types';

/** Side of a neuron's box (its live map), vertical pitch between neurons, in CSS pixels. */
export const NODE = 24;
export const PITCH = 30;
/** Room left of the input column for the feature names. */
export const INPUT_LABEL_WIDTH = 64;
/** Columns closer than this would overlap their boxes; the diagram grows and scrolls instead. */
const MIN_COLUMN_STEP = 56;
const MARGIN_Y = 10;
/** Caption row under the columns. */
const CAPTION = 16;
/**
 * More connections than this are not drawn (a 1024x1024 layer would be a million SVG lines);
 * every neuron still is, and the inspector lists a neuron's incoming weights.
 */
export const MAX_DRAWN_EDGES = 4000;

export interface DiagramNeuron {
  key: string;
  x: number;
  y: number;
  /** Column: 0 = inputs, then hidden layers, the output layer last. */
  column: number;
  unit: number;
  /** Accessible name: "Input x1", "Neuron 3 of hidden layer 2", "Neuron 1 of the output layer". */
  name: string;
  /** Inputs: the feature name (the UI truncates it, the full name is in the tooltip). */
  label: string;
  /** Bias of the neuron (0 for inputs or before any weights arrived). */
  bias: number;
}

export interface DiagramEdge {
  key: string;
  /** Model layer the weight belongs to (0 = first hidden layer). */
  layer: number;
  from: number;
  to: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  weight: number;
}

export interface DiagramColumn {
  label: string;
  x: number;
  neurons: DiagramNeuron[];
}

export interface DiagramLayout {
  width: number;
  height: number;
  columns: DiagramColumn[];
  edges: DiagramEdge[];
  /** Connections not drawn because there are more than MAX_DRAWN_EDGES (0 when all are). */
  edgesOmitted: number;
  maxAbsWeight: number;
}

export function neuronName(
  column: number,
  unit: number,
  columns: number,
  inputNames?: readonly string[],
): string {
  if (column === 0) return `Input ${inputName(unit, inputNames)}`;
  if (column === columns - 1) return `Neuron ${unit + 1} of the output layer`;
  return `Neuron ${unit + 1} of hidden layer ${column}`;
}

function inputName(unit: number, inputNames?: readonly string[]): string {
  return inputNames?.[unit] ?? `x${unit + 1}`;
}

/**
 * Every neuron of every layer, at least `minWidth` x `minHeight`: wide layers make the
 * diagram taller (the view scrolls), many layers make it wider; nothing is left out.
 */
export function layoutDiagram(
  spec: MlpSpec,
  params: readonly DenseParams[] | null,
  minWidth: number,
  minHeight: number,
  inputNames?: readonly string[],
): DiagramLayout {
  const sizes = [spec.inputSize, ...spec.layers.map((layer) => layer.units)];
  const count = sizes.length;
  const firstX = INPUT_LABEL_WIDTH + NODE / 2 + 4;
  const room = minWidth - firstX - NODE / 2 - 6;
  const step = count > 1 ? Math.max(MIN_COLUMN_STEP, room / (count - 1)) : 0;
  const width = Math.max(minWidth, firstX + step * (count - 1) + NODE / 2 + 6);
  const height = Math.max(minHeight, 2 * MARGIN_Y + CAPTION + Math.max(...sizes) * PITCH);
  const usableHeight = height - CAPTION;

  const columns: DiagramColumn[] = sizes.map((size, column) => {
    const x = firstX + column * step;
    // Short columns stay centred in the first screenful, beside the top of a long one.
    const band = size * PITCH <= minHeight - CAPTION ? minHeight - CAPTION : usableHeight;
    const top = (band - size * PITCH) / 2;
    const layerParams = column > 0 ? params?.[column - 1] : undefined;
    const neurons = Array.from({ length: size }, (_, unit) => ({
      key: `${column}:${unit}`,
      x,
      y: top + PITCH * (unit + 0.5),
      column,
      unit,
      name: neuronName(column, unit, count, inputNames),
      label: column === 0 ? inputName(unit, inputNames) : '',
      bias: layerParams?.bias[unit] ?? 0,
    }));
    const label = column === 0 ? 'input' : column === count - 1 ? 'output' : `hidden ${column}`;
    return { label, x, neurons };
  });

  let totalEdges = 0;
  for (let c = 1; c < count; c++) totalEdges += sizes[c - 1] * sizes[c];
  const edges: DiagramEdge[] = [];
  let maxAbsWeight = 0;
  if (totalEdges <= MAX_DRAWN_EDGES) {
    for (let column = 1; column < count; column++) {
      const layer = column - 1;
      const layerParams = params?.[layer];
      const usable =
        layerParams && layerParams.inSize === sizes[column - 1] && layerParams.outSize === sizes[column];
      for (const target of columns[column].neurons) {
        for (const source of columns[column - 1].neurons) {
          const weight = usable ? layerParams.weight[target.unit * layerParams.inSize + source.unit] : 0;
          if (Number.isFinite(weight)) maxAbsWeight = Math.max(maxAbsWeight, Math.abs(weight));
          edges.push({
            key: `${column}:${target.unit}:${source.unit}`,
            layer,
            from: source.unit,
            to: target.unit,
            x1: source.x + NODE / 2,
            y1: source.y,
            x2: target.x - NODE / 2,
            y2: target.y,
            weight,
          });
        }
      }
    }
  }
  return {
    width,
    height,
    columns,
    edges,
    edgesOmitted: edges.length === 0 ? totalEdges : 0,
    maxAbsWeight,
  };
}

/** Stroke width from |w| relative to the largest weight drawn: 0.5 px .. 4 px. */
export function edgeWidth(weight: number, maxAbsWeight: number): number {
  if (maxAbsWeight <= 0 || !Number.isFinite(weight)) return 0.75;
  return 0.5 + 3.5 * Math.min(1, Math.abs(weight) / maxAbsWeight);
}

export function describeNetwork(spec: MlpSpec): string {
  const hidden = spec.layers.slice(0, -1);
  const output = spec.layers[spec.layers.length - 1];
  const hiddenText = hidden.length
    ? `hidden layers ${hidden.map((layer) => `${layer.units} ${layer.activation}`).join(', ')}`
    : 'no hidden layer';
  return `Network diagram: ${spec.inputSize} inputs, ${hiddenText}, ${output ? output.units : 0} outputs`;
}

/** Same architecture: progress events carry a fresh copy of the spec every time. */
export function sameSpec(a: MlpSpec, b: MlpSpec): boolean {
  return (
    a.inputSize === b.inputSize &&
    a.layers.length === b.layers.length &&
    a.layers.every(
      (layer, index) =>
        layer.units === b.layers[index].units && layer.activation === b.layers[index].activation,
    )
  );
}
