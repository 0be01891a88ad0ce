import type { RunRecord } from '../stores/runs';
import { formatLoss } from './format';

/** e.g. `#3 xor · 2 hidden (8,8 tanh) · adam 0.03 · loss 0.0012 · done` */
export function describeRun(number: number, run: RunRecord): string {
  const { config, final } = run;
  const layers = config.hiddenLayers;
  const activations = [...new Set(layers.map((layer) => layer.activation))].join('/');
  const shape = layers.length
    ? `${layers.map((layer) => layer.units).join(',')} ${activations}`
    : 'no hidden';
  const loss = final.last?.loss ?? run.history[run.history.length - 1]?.loss ?? null;
  return `#${number} ${run.dataset} · ${shape} · ${config.optimizer.name} ${config.optimizer.lr} · ${config.loss} · ${config.init} · loss ${formatLoss(loss)} · ${final.state}`;
}
