import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { GOOD_MODEL } from './studio-flows';
import { download, openStudio, screenshot, trainXor } from './studio-helpers';

test.describe('the PyTorch training script', () => {
  test('Export PyTorch offers the training script with a how-to', async ({ page }) => {
    await openStudio(page);
    await trainXor(page);
    await page.getByText('PyTorch training script').click();
    const howTo = page.locator('details.howto');
    await expect(howTo).toContainText('python3 model.py --train data.csv --epochs 50 --out trained.json');
    await expect(howTo).toContainText('--nproc 4');
    await expect(howTo).toContainText('torchrun --nproc_per_node 4');
    await expect(howTo).toContainText('--device cuda');
    await screenshot(page, 'test-results/screens/pytorch-training-howto.png');
    const script = await download(page, 'Export training script');
    expect(script.fileName).toBe('xor.py');
    const text = script.bytes.toString('utf8');
    expect(text).toContain('def train_command(args)');
    expect(text).toContain('python3 xor.py --train data.csv');
  });

  test('Open model on a file the script trained shows its recorded curves', async ({ page }) => {
    await openStudio(page);
    const chart = page.getByRole('img', { name: /^Loss chart/ });
    const empty = await chart.screenshot();
    // A model file as the script's --out writes it: the run's history under training.
    const model = JSON.parse(readFileSync(GOOD_MODEL, 'utf8')) as {
      training: unknown;
    };
    const history = Array.from({ length: 30 }, (_, i) => ({
      epoch: i + 1,
      loss: 1 / (i + 1),
      valLoss: 1.2 / (i + 1),
      accuracy: Math.min(1, 0.5 + i / 40),
      valAccuracy: Math.min(1, 0.45 + i / 40),
      r2: null,
      valR2: null,
      mae: null,
      valMae: null,
      seconds: i / 10,
    }));
    const config = {
      hiddenLayers: [{ units: 3, activation: 'tanh' }],
      loss: 'auto',
      optimizer: { name: 'adam', lr: 0.01 },
      batchSize: 16,
      epochs: 30,
      regularization: 'none',
      regRate: 0,
      dropout: 0,
      init: 'xavier',
      seed: 1,
    };
    model.training = { config, epochs: 30, metrics: history[29], history };
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open model' }).click();
    await (
      await chooser
    ).setFiles({
      name: 'trained.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(model)),
    });
    await expect(page.getByText(/^Loaded model/)).toBeVisible();
    await expect.poll(async () => (await chart.screenshot()).equals(empty)).toBe(false);
    await screenshot(page, 'test-results/screens/model-with-history.png');
  });
});
