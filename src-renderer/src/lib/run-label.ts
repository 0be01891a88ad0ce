import type { RunRecord } from '../stores/runs';
import { formatLoss } from './format';

/** `8,8 tanh`: units per hidden layer and their activations. */
function layerShape(run: RunRecord): string {
  const layers = run.config.hiddenLayers;
  const activations = [...new Set(layers.map((layer) => layer.activation))].join('/');
  return layers.length ? `${layers.map((layer) => layer.units).join(',')} ${activations}` : 'no hidden';
}

/** e.g. `#3 xor · 2 hidden (8,8 tanh) · adam 0.03 · loss 0.0012 · done` */
export function describeRun(number: number, run: RunRecord): string {
  const { config, final } = run;
  const shape = layerShape(run);
  const loss = final.last?.loss ?? run.history[run.history.length - 1]?.loss ?? null;
  return `#${number} ${run.dataset} · ${shape} · ${config.optimizer.name} ${config.optimizer.lr} · ${config.loss} · ${config.init} · loss ${formatLoss(loss)} · ${final.state}`;
}

/** The legend entry of a run in the comparison chart, e.g. `#3 8,8 tanh · adam 0.03 · auto/xavier`. */
export function shortRunLabel(number: number, run: RunRecord): string {
  const { config } = run;
  return `#${number} ${layerShape(run)} · ${config.optimizer.name} ${config.optimizer.lr} · ${config.loss}/${config.init}`;
}
