/**
 * Model files through the native dialogs: main's dialog.showSaveDialog / showOpenDialog are
 * answered in the main process (answerDialog), everything else is the real app: the renderer's
 * buttons, the preload, IPC validation, the worker thread and the atomic write to disk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { trainXor } from '../e2e/studio-helpers';
import { answerDialog, dialogCalls, expect, test } from './studio-app';

const GOOD_MODEL = fileURLToPath(new URL('../fixtures/models/good.json', import.meta.url));

interface ModelJson {
  format: string;
  version: number;
  task: string;
  loss: string;
  output: string;
  layers: Array<{ inSize: number; outSize: number; activation: string }>;
  weights: Array<{ weight: number[]; bias: number[] }>;
  preprocessing: { encodedNames: string[]; target: { classes: string[] | null } };
  training: { epochs: number; metrics: { loss: number } | null } | null;
}

/** What makes two model files the same model (as in tests/e2e/model-files.spec.ts). */
function numerics(model: ModelJson) {
  return {
    layers: model.layers,
    weights: model.weights,
    preprocessing: model.preprocessing,
    task: model.task,
    loss: model.loss,
    output: model.output,
  };
}

function allFinite(values: unknown): boolean {
  return (
    Array.isArray(values) &&
    values.length > 0 &&
    values.every((v) => typeof v === 'number' && Number.isFinite(v))
  );
}

function readModel(file: string): ModelJson {
  return JSON.parse(readFileSync(file, 'utf8')) as ModelJson;
}

test.describe('model files through the native dialogs', () => {
  test('Export JSON writes the trained XOR model where the save dialog says, atomically', async ({
    studio,
  }) => {
    const { app, page, files } = studio;
    await trainXor(page);

    // Cancelling the dialog writes nothing and says nothing.
    await answerDialog(app, 'showSaveDialog', { canceled: true, filePath: '' });
    await page.getByRole('button', { name: 'Export JSON' }).click();
    await expect.poll(async () => (await dialogCalls(app, 'showSaveDialog')).length).toBe(1);
    await page.waitForTimeout(300);
    expect(readdirSync(files)).toEqual([]);
    await expect(page.getByText(/^Saved /)).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);

    const target = path.join(files, 'xor.json');
    await answerDialog(app, 'showSaveDialog', { canceled: false, filePath: target });
    await page.getByRole('button', { name: 'Export JSON' }).click();
    await expect(page.getByText(`Saved xor.json to ${target}`)).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);

    // Main asked with the window as parent, proposing the model's file name as JSON.
    const [call] = await dialogCalls(app, 'showSaveDialog');
    expect(call.withWindow).toBe(true);
    expect(call.options.title).toBe('Save xor.json');
    expect(path.basename(call.options.defaultPath ?? '')).toBe('xor.json');
    expect(call.options.filters?.[0]).toEqual({ name: 'JSON', extensions: ['json'] });

    // Written by rename from a temp file in the same folder: nothing else is left there.
    expect(readdirSync(files)).toEqual(['xor.json']);
    const model = readModel(target);
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
  });

  test('Open model loads the file the open dialog picks into the designer', async ({ studio }) => {
    const { app, page, files } = studio;
    await expect(page.getByRole('textbox', { name: 'Hidden layers' })).toHaveValue('8,8');

    await answerDialog(app, 'showOpenDialog', { canceled: false, filePaths: [GOOD_MODEL] });
    await page.getByRole('button', { name: 'Open model' }).click();

    await expect(page.getByText('Loaded model tiny (2-3-2)')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Hidden layers' })).toHaveValue('3');
    await expect(page.getByRole('spinbutton', { name: 'Layer 1 units' })).toHaveValue('3');
    await expect(page.getByRole('combobox', { name: 'Layer 1 activation' })).toHaveValue('tanh');
    await expect(page.getByRole('spinbutton', { name: 'Layer 2 units' })).toHaveCount(0);
    await expect(
      page.getByRole('img', { name: /^Network diagram: 2 inputs.*hidden layers 3 tanh/ }),
    ).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);

    const [call] = await dialogCalls(app, 'showOpenDialog');
    expect(call.withWindow).toBe(true);
    expect(call.options.title).toBe('Open model');
    expect(call.options.properties).toEqual(['openFile']);
    expect(call.options.filters?.[0]).toEqual({ name: 'Nanograd model', extensions: ['json'] });

    // Exporting it again through the save dialog gives back the same model.
    const target = path.join(files, 'tiny.json');
    await answerDialog(app, 'showSaveDialog', { canceled: false, filePath: target });
    await page.getByRole('button', { name: 'Export JSON' }).click();
    await expect(page.getByText(`Saved tiny.json to ${target}`)).toBeVisible();
    expect((await dialogCalls(app, 'showSaveDialog'))[0].options.title).toBe('Save tiny.json');
    expect(readdirSync(files)).toEqual(['tiny.json']);
    expect(numerics(readModel(target))).toEqual(numerics(readModel(GOOD_MODEL)));
  });
});
