import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openStudio, screenshot, trainXor } from './studio-helpers';

interface Download {
  fileName: string;
  bytes: Buffer;
}

/** Clicks an export button and returns the file the browser downloaded. */
async function exportVia(page: Page, button: string): Promise<Download> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const file = await download;
  return { fileName: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

function allFinite(values: unknown): boolean {
  return (
    Array.isArray(values) &&
    values.length > 0 &&
    values.every((v) => typeof v === 'number' && Number.isFinite(v))
  );
}

test.describe('exporting a trained model', () => {
  test('before any training the export buttons say what to do first', async ({ page }) => {
    await openStudio(page);
    await page.getByRole('button', { name: 'Export JSON' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      /Export JSON: nothing to export: train a model or open a model file first/,
    );
  });

  test('Export JSON, ONNX, PyTorch and predictions download files of the trained XOR', async ({ page }) => {
    await openStudio(page);
    await trainXor(page);

    const json = await exportVia(page, 'Export JSON');
    expect(json.fileName).toBe('xor.json');
    await expect(page.getByText('Saved xor.json (download)')).toBeVisible();
    const model = JSON.parse(json.bytes.toString('utf8')) as {
      format: string;
      version: number;
      layers: Array<{ inSize: number; outSize: number; activation: string }>;
      weights: Array<{ weight: number[]; bias: number[] }>;
      preprocessing: { encodedNames: string[]; target: { classes: string[] | null } };
      training: { epochs: number; metrics: { loss: number } | null } | null;
    };
    expect(model.format).toBe('nanograd-studio/model');
    expect(model.version).toBe(1);
    // The default design: 2 inputs, hidden 8 and 8 (tanh), one output per XOR class.
    expect([model.layers[0].inSize, ...model.layers.map((layer) => layer.outSize)]).toEqual([2, 8, 8, 2]);
    expect(model.layers.map((layer) => layer.activation)).toEqual(['tanh', 'tanh', 'linear']);
    expect(model.weights).toHaveLength(3);
    model.weights.forEach((layer, index) => {
      const { inSize, outSize } = model.layers[index];
      expect(layer.weight).toHaveLength(inSize * outSize);
      expect(layer.bias).toHaveLength(outSize);
      expect(allFinite(layer.weight)).toBe(true);
      expect(allFinite(layer.bias)).toBe(true);
    });
    expect(model.preprocessing.encodedNames).toEqual(['x1', 'x2']);
    expect(model.preprocessing.target.classes).toEqual(['0', '1']);
    expect(model.training?.epochs).toBe(1000);
    expect(model.training?.metrics?.loss).toBeLessThan(0.05);

    const onnx = await exportVia(page, 'Export ONNX');
    expect(onnx.fileName).toBe('xor.onnx');
    expect(onnx.bytes.length).toBeGreaterThan(200);
    // ModelProto field 1 (ir_version) as a varint: tag byte 0x08, then a small version number.
    expect(onnx.bytes[0]).toBe(0x08);
    expect(onnx.bytes[1]).toBeGreaterThanOrEqual(3);
    expect(onnx.bytes[1]).toBeLessThan(20);
    expect(onnx.bytes.includes(Buffer.from('nanograd'))).toBe(true);

    const pytorch = await exportVia(page, 'Export PyTorch');
    expect(pytorch.fileName).toMatch(/^xor\.py$/);
    const script = pytorch.bytes.toString('utf8');
    expect(script).toContain('import torch');
    expect(script).toMatch(/LAYERS = \[\s*\(2, 8, "tanh"\),\s*\(8, 8, "tanh"\),\s*\(8, 2, "linear"\),\s*\]/);
    expect(script).toContain('def build_model()');

    const predictions = await exportVia(page, 'Export predictions');
    expect(predictions.fileName).toBe('xor-predictions.csv');
    const lines = predictions.bytes.toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^x1,x2,label,/);
    // The 4 XOR points, each with a predicted class.
    expect(lines).toHaveLength(5);
    for (const line of lines.slice(1)) expect(line.split(',').length).toBe(lines[0].split(',').length);
    await screenshot(page, 'test-results/screens/exported.png');
  });
});
