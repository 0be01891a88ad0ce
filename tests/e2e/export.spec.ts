import { expect, test } from '@playwright/test';
import { expectTrainedXorModel, parseModelJson } from './studio-flows';
import { download, openStudio, screenshot, trainXor } from './studio-helpers';

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

    const json = await download(page, 'Export JSON');
    expect(json.fileName).toBe('xor.json');
    await expect(page.getByText('Saved xor.json (download)')).toBeVisible();
    expectTrainedXorModel(parseModelJson(json.bytes.toString('utf8')));

    const onnx = await download(page, 'Export ONNX');
    expect(onnx.fileName).toBe('xor.onnx');
    expect(onnx.bytes.length).toBeGreaterThan(200);
    // ModelProto field 1 (ir_version) as a varint: tag byte 0x08, then a small version number.
    expect(onnx.bytes[0]).toBe(0x08);
    expect(onnx.bytes[1]).toBeGreaterThanOrEqual(3);
    expect(onnx.bytes[1]).toBeLessThan(20);
    expect(onnx.bytes.includes(Buffer.from('nanograd'))).toBe(true);

    const pytorch = await download(page, 'Export PyTorch');
    expect(pytorch.fileName).toMatch(/^xor\.py$/);
    const script = pytorch.bytes.toString('utf8');
    expect(script).toContain('import torch');
    expect(script).toMatch(/LAYERS = \[\s*\(2, 8, "tanh"\),\s*\(8, 8, "tanh"\),\s*\(8, 2, "linear"\),\s*\]/);
    expect(script).toContain('def build_model(weights=None, features=None)');

    const predictions = await download(page, 'Export predictions');
    expect(predictions.fileName).toBe('xor-predictions.csv');
    const lines = predictions.bytes.toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^x1,x2,label,/);
    // The 4 XOR points, each with a predicted class.
    expect(lines).toHaveLength(5);
    for (const line of lines.slice(1)) expect(line.split(',').length).toBe(lines[0].split(',').length);
    await screenshot(page, 'test-results/screens/exported.png');
  });
});
