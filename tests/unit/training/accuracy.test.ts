/**
 * Quality, not timing: the default network trained through the real pipeline (parseCsv ->
 * prepareDataset -> TrainingSession) must reach validation accuracy on par with a PyTorch MLP
 * of the same shape, optimizer, epochs and split. The PyTorch numbers come from
 * accuracy/torch.json (written by accuracy/torch_accuracy.py on the splits our pipeline
 * exported to accuracy/ours.json); see docs/accuracy.md.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv, prepareDataset } from '../../../src-shared/data';
import { DEFAULT_TRAIN_CONFIG, TrainingSession } from '../../../src-shared/training';

const torch = JSON.parse(
  readFileSync(fileURLToPath(new URL('./accuracy/torch.json', import.meta.url)), 'utf8'),
) as {
  results: Record<string, { seed: number; valAccuracy: number }[]>;
};

function ourValAccuracy(name: string, seed: number): { accuracy: number; valRows: number } {
  const file = fileURLToPath(
    new URL(`../../../src-shared/data/classic/${name.replace('_', '-')}.csv`, import.meta.url),
  );
  const data = prepareDataset(parseCsv(readFileSync(file, 'utf8'), `${name}.csv`), {
    valFraction: 0.2,
    seed,
    missing: 'drop',
    standardize: true,
  });
  const session = new TrainingSession(data, { ...DEFAULT_TRAIN_CONFIG, seed });
  while (session.state !== 'done') session.advance(1000);
  return { accuracy: session.history[session.history.length - 1].valAccuracy!, valRows: data.val!.n };
}

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

describe('accuracy on par with PyTorch (default config, same split)', () => {
  it.each(['iris', 'breast_cancer'])(
    '%s: mean validation accuracy over the seeds is within two validation rows of PyTorch',
    (name) => {
      const reference = torch.results[name];
      const ours = reference.map((r) => ourValAccuracy(name, r.seed));
      const valRows = ours[0].valRows;
      const torchMean = mean(reference.map((r) => r.valAccuracy));
      const oursMean = mean(ours.map((r) => r.accuracy));
      // Two rows of slack: on 30 (iris) or 114 (breast cancer) validation rows one row is 3.3 or
      // 0.9 points, and the two runs differ in their random init draws, not in their method.
      expect(oursMean).toBeGreaterThanOrEqual(torchMean - 2 / valRows);
      // No seed may fall apart (worse than PyTorch's worst seed by more than two rows).
      const torchWorst = Math.min(...reference.map((r) => r.valAccuracy));
      for (const r of ours) expect(r.accuracy).toBeGreaterThanOrEqual(torchWorst - 2 / valRows);
    },
  );
});
