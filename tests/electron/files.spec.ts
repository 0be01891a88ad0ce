/**
 * Model files through the native dialogs: main's dialog.showSaveDialog / showOpenDialog are
 * answered in the main process (answerDialog), everything else is the real app: the renderer's
 * buttons, the preload, IPC validation, the worker thread and the atomic write to disk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  expectGoodModelInDesigner,
  expectTrainedXorModel,
  GOOD_MODEL,
  modelNumerics,
  parseModelJson,
  type ModelJson,
} from '../e2e/studio-flows';
import { trainXor } from '../e2e/studio-helpers';
import { answerDialog, dialogCalls, expect, test } from './studio-app';

function readModel(file: string): ModelJson {
  return parseModelJson(readFileSync(file, 'utf8'));
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
    expectTrainedXorModel(readModel(target));
  });

  test('Open model loads the file the open dialog picks into the designer', async ({ studio }) => {
    const { app, page, files } = studio;
    await expect(page.getByRole('textbox', { name: 'Hidden layers' })).toHaveValue('8,8');

    await answerDialog(app, 'showOpenDialog', { canceled: false, filePaths: [GOOD_MODEL] });
    await page.getByRole('button', { name: 'Open model' }).click();

    await expectGoodModelInDesigner(page);
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
    expect(modelNumerics(readModel(target))).toEqual(modelNumerics(readModel(GOOD_MODEL)));
  });
});
