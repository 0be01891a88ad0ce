import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  expectGoodModelInDesigner,
  GOOD_MODEL,
  modelNumerics,
  parseModelJson,
  type ModelJson,
} from './studio-flows';
import {
  download,
  dropFile,
  openStudio,
  pickFile,
  screenshot,
  setField,
  statusRegion,
  trainXor,
} from './studio-helpers';

const BAD_MODEL = 'tests/fixtures/models/truncated.json';

async function exportJson(page: Page): Promise<ModelJson> {
  return parseModelJson((await download(page, 'Export JSON')).bytes.toString('utf8'));
}

function fileOf(path: string, mimeType = 'application/json') {
  return { name: basename(path), mimeType, buffer: readFileSync(path) };
}

function hiddenLayers(page: Page) {
  return page.getByRole('textbox', { name: 'Hidden layers' });
}

test.describe('model and project files', () => {
  test('Open model shows the model in the designer, and Export JSON gives back the same model', async ({
    page,
  }) => {
    await openStudio(page);
    await trainXor(page);
    await pickFile(page, 'Open model', fileOf(GOOD_MODEL));

    await expectGoodModelInDesigner(page);
    // The XOR run's status no longer stands for what the exports hold.
    await expect(statusRegion(page)).toHaveText(/^Ready/);
    await screenshot(page, 'test-results/screens/model-opened.png');

    const exported = await exportJson(page);
    expect(modelNumerics(exported)).toEqual(modelNumerics(parseModelJson(readFileSync(GOOD_MODEL, 'utf8'))));
  });

  test('a model file dropped on the window is opened, not imported as CSV', async ({ page }) => {
    await openStudio(page);
    await hiddenLayers(page).fill('5,3');
    await hiddenLayers(page).press('Enter');
    await trainXor(page);
    const trained = await download(page, 'Export JSON');
    const trainedModel = parseModelJson(trained.bytes.toString('utf8'));

    await page.getByRole('button', { name: 'Reset' }).click();
    await hiddenLayers(page).fill('4');
    await hiddenLayers(page).press('Enter');
    await dropFile(page, { name: trained.fileName, mimeType: 'application/json', buffer: trained.bytes });

    await expect(page.getByText('Loaded model xor (2-5-3-2)')).toBeVisible();
    await expect(hiddenLayers(page)).toHaveValue('5,3');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByTestId('data-summary')).toContainText(/^xor:/);
    expect(modelNumerics(await exportJson(page))).toEqual(modelNumerics(trainedModel));
  });

  test('a broken model file or an unknown file type gets one line, and the designer is kept', async ({
    page,
  }) => {
    await openStudio(page);
    await dropFile(page, fileOf(BAD_MODEL));
    await expect(page.getByRole('alert')).toHaveText(/^Open model: truncated\.json: the file is truncated/);

    await dropFile(page, {
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]),
    });
    await expect(page.getByRole('alert').filter({ hasText: 'photo.png' })).toHaveText(
      /^Open file: photo\.png is not a file Nanograd Studio opens; drop a CSV data file \(\.csv, \.tsv, \.txt\), a model file \(\.json\) or a project file \(\.nnproj\)/,
    );
    await expect(hiddenLayers(page)).toHaveValue('8,8');
    await expect(page.getByTestId('data-summary')).toContainText(/^xor:/);
  });

  test('Save project and Open project bring back the design, the settings, the run and the weights', async ({
    page,
    browser,
  }) => {
    await openStudio(page);
    await hiddenLayers(page).fill('5,3');
    await hiddenLayers(page).press('Enter');
    await setField(page, 'Epochs', '400');
    await setField(page, 'Learning rate', '0.05');
    await trainXor(page);
    const model = await exportJson(page);
    const saved = await download(page, 'Save project');
    expect(saved.fileName).toBe('xor.nnproj');
    const project = JSON.parse(saved.bytes.toString('utf8')) as {
      format: string;
      state: { config: { epochs: number }; history: unknown[] };
      model: ModelJson | null;
    };
    expect(project.format).toBe('nanograd-studio/project');
    expect(project.state.history).toHaveLength(400);
    expect(modelNumerics(project.model!)).toEqual(modelNumerics(model));

    // Coming back on a fresh browser profile: nothing is remembered but the file.
    const later = await browser.newPage();
    await openStudio(later);
    await expect(hiddenLayers(later)).toHaveValue('8,8');
    await later.getByRole('combobox', { name: 'Dataset' }).selectOption('circle');
    await expect(later.getByTestId('data-summary')).toContainText(/^circle:/);
    await pickFile(later, 'Open project', {
      name: saved.fileName,
      mimeType: 'application/json',
      buffer: saved.bytes,
    });

    await expect(later.getByText('Opened project xor')).toBeVisible();
    await expect(hiddenLayers(later)).toHaveValue('5,3');
    await expect(later.getByRole('spinbutton', { name: 'Epochs' })).toHaveValue('400');
    await expect(later.getByRole('spinbutton', { name: 'Learning rate' })).toHaveValue('0.05');
    await expect(later.getByRole('combobox', { name: 'Dataset' })).toHaveValue('xor');
    await expect(later.getByTestId('data-summary')).toContainText(/^xor:/);
    await expect(later.getByText(/#1 xor \(project\) · 5,3 tanh .* done/)).toBeVisible();
    await later.getByRole('checkbox', { name: 'Overlay run #1' }).check();
    await expect(later.getByRole('img', { name: /Run comparison chart/ })).toBeVisible();
    expect(modelNumerics(await exportJson(later))).toEqual(modelNumerics(model));
    await screenshot(later, 'test-results/screens/project-opened.png');

    // Dropping the project file works the same way.
    await later.getByRole('textbox', { name: 'Hidden layers' }).fill('2');
    await later.getByRole('textbox', { name: 'Hidden layers' }).press('Enter');
    await dropFile(later, { name: saved.fileName, mimeType: '', buffer: saved.bytes });
    await expect(hiddenLayers(later)).toHaveValue('5,3');
    await expect(later.getByText(/#2 xor \(project\)/)).toBeVisible();
    await later.close();
  });
});
