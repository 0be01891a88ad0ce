/**
 * Prints the markdown table of docs/accuracy.md from ours.json and torch.json (see
 * our-accuracy.ts for the whole procedure).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Ours {
  config: {
    hidden: string;
    init: string;
    optimizer: { name: string; lr: number };
    batchSize: number;
    epochs: number;
    valFraction: number;
  };
  results: Record<
    string,
    {
      inputs: number;
      classes: string[];
      runs: { seed: number; train: number[]; val: number[]; valAccuracy: number }[];
    }
  >;
}
interface Torch {
  torch: string;
  results: Record<string, { seed: number; valAccuracy: number }[]>;
}

const read = <T>(name: string): T =>
  JSON.parse(readFileSync(fileURLToPath(new URL(name, import.meta.url)), 'utf8')) as T;

function summary(values: number[]): string {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  const pct = (v: number) => (v * 100).toFixed(1);
  return `${pct(mean)} ± ${pct(sd)} (${pct(Math.min(...values))}–${pct(Math.max(...values))})`;
}

const ours = read<Ours>('./ours.json');
const torch = read<Torch>('./torch.json');
const lines = [
  `| data set | rows (train / val) | classes | network | ours: val accuracy % | PyTorch ${torch.torch}: val accuracy % | seeds where ours ≥ PyTorch |`,
  '| --- | --- | --- | --- | --- | --- | --- |',
];
for (const [name, data] of Object.entries(ours.results)) {
  const t = torch.results[name];
  const first = data.runs[0];
  const net = `${data.inputs}-${ours.config.hidden
    .split(', ')
    .map((h) => h.split(' ')[0])
    .join('-')}-${data.classes.length}`;
  const wins = data.runs.filter((r, i) => r.valAccuracy >= t[i].valAccuracy - 1e-9).length;
  lines.push(
    `| ${name} | ${first.train.length} / ${first.val.length} | ${data.classes.length} | ${net} | ${summary(data.runs.map((r) => r.valAccuracy))} | ${summary(t.map((r) => r.valAccuracy))} | ${wins} of ${data.runs.length} |`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
