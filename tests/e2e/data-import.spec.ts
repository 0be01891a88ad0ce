import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  boundaryScreenshots,
  download,
  dragFileOver,
  dropFile,
  openStudio,
  readStatus,
  screenshot,
  setField,
  statusRegion,
  trainToDone,
  trainXor,
} from './studio-helpers';

const FLOWERS = 'tests/fixtures/export/flowers.csv';
const MOONS = 'tests/e2e/fixtures/moons.csv';
const BROKEN = 'tests/e2e/fixtures/broken.csv';
const BAD_CORPUS = 'tests/fixtures/csv/bad';

/** What each file of the bad-CSV corpus must be told in plain words (where, and what is wrong). */
const BAD_CSV_MESSAGES: Record<string, RegExp> = {
  'binary.csv': /is not a text file \(byte \d+ is a NUL byte, line 1\)/,
  'duplicate-columns.csv': /row 1: duplicate column name "height"/,
  'empty.csv': /empty\.csv is empty/,
  'header-only.csv': /has a header row but no data rows/,
  'infinity.csv': /row 10, column "a": "Infinity" is not a finite number/,
  'many-markers.csv':
    /column "a" is numeric but marks missing values 4 ways \(\?, -, NA, null\): use one marker or leave the cells empty/,
  'nan.csv': /row 7, column "b": "NaN" is not allowed/,
  'non-numeric.csv': /row 14, column "age": "12x" is not a number/,
  'not-utf8.csv': /line 3 is not valid UTF-8 text/,
  'one-class.csv': /target column "label" has only one class/,
  'one-row.csv': /has only 1 data row/,
  'overflow.csv': /row 4, column "b": "1e999" is out of range/,
  'ragged.csv': /row 5 is ragged: expected 3 fields/,
  'unterminated-quote.csv': /row 4: a quoted field starts here but its closing " is missing/,
};

/** Stack frames, error class names or source locations must never reach the user. */
const NOT_PLAIN_WORDS = /\bat \S+ \(|\bat .*:\d+:\d+|[A-Z][a-z]+Error\b|\.ts:\d+|\.js:\d+|stack/;

function csvFile(path: string) {
  return { name: basename(path), mimeType: 'text/csv', buffer: readFileSync(path) };
}

function importControl(page: Page) {
  return page.getByLabel('Import CSV');
}

function dataSummary(page: Page) {
  return page.getByTestId('data-summary');
}

async function exportedModel(page: Page): Promise<Record<string, unknown>> {
  return JSON.parse((await download(page, 'Export JSON')).bytes.toString('utf8')) as Record<string, unknown>;
}

test.describe('importing CSV data', () => {
  test('Import CSV shows a typed preview, lets the user pick the target, and trains on it', async ({
    page,
  }) => {
    await openStudio(page);
    await importControl(page).setInputFiles(FLOWERS);

    const table = page.getByRole('table', { name: /flowers\.csv: first \d+ of 40 rows/ });
    await expect(table).toBeVisible();
    for (const [column, kind] of [
      ['sepal', 'numeric'],
      ['petal', 'numeric'],
      ['color', 'categorical'],
      ['species', 'categorical'],
    ])
      await expect(table.getByRole('columnheader', { name: `${column} ${kind}` })).toBeVisible();
    // The first data row as it is in the file.
    await expect(table.getByRole('row').nth(1)).toHaveText(/5\.01\s*1\.14\s*red\s*setosa/);

    const target = page.getByRole('combobox', { name: 'Target column' });
    await expect(target).toHaveValue('species');
    await expect(dataSummary(page)).toContainText(/classification, .* 3 classes/);

    // A numeric target turns the task into regression; picking species again brings the classes back.
    await target.selectOption('petal');
    await expect(dataSummary(page)).toContainText('regression');
    await expect(page.getByRole('img', { name: /R² chart/ })).toBeVisible();
    await target.selectOption('species');
    await expect(dataSummary(page)).toContainText(/classification, .* 3 classes/);
    await expect(page.getByText(/Output: 3 \(classes setosa, versicolor, virginica\)/)).toBeVisible();

    await setField(page, 'Epochs', '60');
    await trainToDone(page, 30_000);
    await expect(statusRegion(page)).toContainText(/Epoch 60\/60 .* acc \d+\.\d% .*val acc \d+\.\d%/);
    // sepal, petal and the one-hot colour columns.
    await expect(page.getByRole('img', { name: /^Network diagram: 5 inputs/ })).toBeVisible();
    // More than two inputs: the boundary's place is taken by the data map.
    await expect(page.getByRole('region', { name: 'Data map' })).toBeVisible();
    await screenshot(page, 'test-results/screens/csv-flowers-trained.png');
  });

  test('a CSV dropped on the window is imported and trained; its screenshot goes in the README', async ({
    page,
  }) => {
    await openStudio(page);
    const drag = await dragFileOver(page, csvFile(MOONS));
    await expect(page.getByText(/Drop a CSV file to import it/)).toBeVisible();
    await drag.drop();
    await expect(page.getByText(/Drop a CSV file to import it/)).toBeHidden();

    const table = page.getByRole('table', { name: /moons\.csv: first \d+ of 160 rows/ });
    await expect(table).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'x1 numeric' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'shape categorical' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Target column' })).toHaveValue('shape');
    await expect(dataSummary(page)).toContainText(/moons.*classification, .* 2 classes/);

    // One hidden layer is enough for two moons (and keeps the README image under 200 KB).
    await page.getByRole('textbox', { name: 'Hidden layers' }).fill('8');
    await page.getByRole('textbox', { name: 'Hidden layers' }).press('Enter');
    await setField(page, 'Epochs', '200');
    await trainToDone(page, 30_000);
    const status = await readStatus(page);
    expect(status.epoch).toBe(200);
    await expect(statusRegion(page)).toContainText(/acc \d+\.\d%/);
    await expect(
      page.getByRole('img', {
        name: /Decision boundary over x1 .* x2 .*: the model output, with 160 data points/,
      }),
    ).toBeVisible();
    await boundaryScreenshots(page, 'csv-moons-trained.png', 'csv-trained.png');
  });

  test('a broken CSV is reported by row and column, and the trained XOR model stays', async ({ page }) => {
    await openStudio(page);
    await trainXor(page);
    const before = await exportedModel(page);

    await importControl(page).setInputFiles(BROKEN);
    const alert = page.getByRole('alert').filter({ hasText: 'broken.csv' });
    await expect(alert).toHaveText(/broken\.csv row 5, column "x2": "1\.2\.3" is not a number/);
    expect(await alert.textContent()).not.toMatch(NOT_PLAIN_WORDS);
    await screenshot(page, 'test-results/screens/csv-broken.png');

    // Dropping it gives the same message; nothing of the XOR session is lost.
    await dropFile(page, csvFile(BROKEN));
    await expect(alert).toHaveCount(1);
    await expect(dataSummary(page)).toContainText(/^xor: classification/);
    await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('xor');
    await expect(page.getByRole('table')).toHaveCount(0);
    await expect(statusRegion(page)).toHaveText(/Epoch 1000\/1000 .*· done$/);
    const after = await exportedModel(page);
    expect(after.weights).toEqual(before.weights);
    expect(after.preprocessing).toEqual(before.preprocessing);
  });

  test('every file of the bad-CSV corpus gets a one-line message in plain words', async ({ page }) => {
    await openStudio(page);
    await importControl(page).setInputFiles(FLOWERS);
    await expect(dataSummary(page)).toContainText('flowers');

    const files = readdirSync(BAD_CORPUS).filter((name) => name.endsWith('.csv'));
    expect(files.sort()).toEqual(Object.keys(BAD_CSV_MESSAGES).sort());
    for (const name of files) {
      await importControl(page).setInputFiles(join(BAD_CORPUS, name));
      const alert = page.getByRole('alert').filter({ hasText: name });
      await expect(alert, name).toHaveText(BAD_CSV_MESSAGES[name]);
      const text = (await alert.textContent()) ?? '';
      expect(text, name).not.toMatch(NOT_PLAIN_WORDS);
      expect(text.split(name).length - 1, `${name} is named once`).toBe(1);
    }
    // The last good data set is still the one loaded.
    await expect(dataSummary(page)).toContainText('flowers');
    await expect(page.getByRole('table', { name: /flowers\.csv/ })).toBeVisible();
  });
});
