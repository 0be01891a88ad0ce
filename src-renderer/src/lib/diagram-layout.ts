import type { DenseParams, MlpSpec } from '@shared/engine/types';

/** Wider layers are drawn with their first neurons and a "+N more" note, so the SVG stays small. */
export const MAX_DRAWN_NEURONS = 12;

export interface DiagramNeuron {
  key: string;
  x: number;
  y: number;
  /** Bias of the neuron (0 for inputs or before any weights arrived). */
  bias: number;
}

export interface DiagramEdge {
  key: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  weight: number;
}

export interface DiagramColumn {
  label: string;
  x: number;
  hidden: number;
  neurons: DiagramNeuron[];
}

export interface DiagramLayout {
  width: number;
  height: number;
  columns: DiagramColumn[];
  edges: DiagramEdge[];
  maxAbsWeight: number;
}

export function layoutDiagram(
  spec: MlpSpec,
  params: readonly DenseParams[] | null,
  width: number,
  height: number,
): DiagramLayout {
  const sizes = [spec.inputSize, ...spec.layers.map((layer) => layer.units)];
  const marginX = 24;
  const marginY = 22;
  const step = sizes.length > 1 ? (width - 2 * marginX) / (sizes.length - 1) : 0;
  const columns: DiagramColumn[] = sizes.map((size, columnIndex) => {
    const drawn = Math.min(size, MAX_DRAWN_NEURONS);
    const gap = (height - 2 * marginY) / Math.max(drawn, 1);
    const x = marginX + columnIndex * step;
    const layerParams = columnIndex > 0 ? params?.[columnIndex - 1] : undefined;
    const neurons = Array.from({ length: drawn }, (_, index) => ({
      key: `${columnIndex}:${index}`,
      x,
      y: marginY + gap * (index + 0.5),
      bias: layerParams?.bias[index] ?? 0,
    }));
    const label =
      columnIndex === 0 ? 'input' : columnIndex === sizes.length - 1 ? 'output' : `hidden ${columnIndex}`;
    return { label, x, hidden: size - drawn, neurons };
  });

  const edges: DiagramEdge[] = [];
  let maxAbsWeight = 0;
  for (let layer = 1; layer < columns.length; layer++) {
    const from = columns[layer - 1].neurons;
    const to = columns[layer].neurons;
    const layerParams = params?.[layer - 1];
    const usable =
      layerParams && layerParams.inSize === sizes[layer - 1] && layerParams.outSize === sizes[layer];
    for (const [o, target] of to.entries()) {
      for (const [i, source] of from.entries()) {
        const weight = usable ? layerParams.weight[o * layerParams.inSize + i] : 0;
        maxAbsWeight = Math.max(maxAbsWeight, Math.abs(weight));
        edges.push({
          key: `${layer}:${o}:${i}`,
          x1: source.x,
          y1: source.y,
          x2: target.x,
          y2: target.y,
          weight,
        });
      }
    }
  }
  return { width, height, columns, edges, maxAbsWeight };
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
