/// <reference lib="dom" />
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
  boundaryScreenshots,
  dropFile,
  openStudio,
  screenshot,
  setField,
  trainToDone,
} from './studio-helpers';

const CLASSIC = 'src-shared/data/classic/';

function csv(name: string) {
  return { name, mimeType: 'text/csv', buffer: readFileSync(CLASSIC + name) };
}

function dataMap(page: Page): Locator {
  return page.getByRole('region', { name: 'Data map' });
}

async function importWide(page: Page, name: string, rows: number): Promise<Locator> {
  await openStudio(page);
  await dropFile(page, csv(name));
  await expect(
    page.getByRole('table', { name: new RegExp(`${name}: first \\d+ of ${rows} rows`) }),
  ).toBeVisible();
  const region = dataMap(page);
  await expect(region).toBeVisible();
  return region;
}

/** Page coordinates of a drawn point: the first pixel of a class colour found on the canvas. */
async function pointOnCanvas(canvas: Locator): Promise<{ x: number; y: number }> {
  const pixel = await canvas.evaluate((element) => {
    const c = element as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    // Scan from the centre outwards so a point in the thick of the data is found.
    for (let ring = 0; ring < c.width / 2; ring++) {
      for (let dy = -ring; dy <= ring; dy++) {
        for (let dx = -ring; dx <= ring; dx++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
          const x = c.width / 2 + dx;
          const y = c.height / 2 + dy;
          const i = (y * c.width + x) * 4;
          // Opaque and saturated: orange (245,147,34) or blue (8,119,189) class colours.
          if (data[i + 3] > 200 && Math.abs(data[i] - data[i + 2]) > 120) return { x, y };
        }
      }
    }
    return null;
  });
  expect(pixel, 'a drawn point on the data map').not.toBeNull();
  const box = (await canvas.boundingBox())!;
  return { x: box.x + (pixel!.x * box.width) / 280, y: box.y + (pixel!.y * box.height) / 280 };
}

test.describe('the data map of a wide CSV', () => {
  test('breast cancer (30 inputs): PCA, UMAP and slice maps draw, live with training; hovering shows a row', async ({
    page,
  }) => {
    test.setTimeout(150_000);
    const region = await importWide(page, 'breast-cancer.csv', 569);
    const mapSelect = region.getByRole('combobox', { name: 'Map' });
    await expect(mapSelect).toHaveValue('pca');
    expect(await mapSelect.locator('option').allTextContents()).toEqual([
      'Projection (PCA)',
      'Projection (UMAP)',
      'Slice',
    ]);
    const pca = region.getByRole('img', {
      name: /^Data map, Projection \(PCA\): 569 rows, PC1 \(\d+\.\d% of variance\)/,
    });
    await expect(pca).toBeVisible();
    await expect(region.getByText('Train to see the model’s predictions on these rows.')).toBeVisible();

    await page.getByRole('textbox', { name: 'Hidden layers' }).fill('8');
    await page.getByRole('textbox', { name: 'Hidden layers' }).press('Enter');
    await setField(page, 'Epochs', '40');
    await trainToDone(page, 60_000);
    await expect(region.getByText(/^\d+ of 569 rows misclassified \(✕\)\.$/)).toBeVisible();
    const misclassified = Number(
      /(\d+) of 569/.exec((await region.getByText(/rows misclassified/).textContent())!)![1],
    );
    expect(misclassified).toBeLessThan(569 / 5);

    // Hover a drawn point: its row, the true class and the prediction.
    await page.mouse.move(...(Object.values(await pointOnCanvas(pca)) as [number, number]));
    const card = region.getByRole('tooltip');
    await expect(card).toContainText(/^Row \d+/);
    await expect(card).toContainText(/True: (benign|malignant)/);
    await expect(card).toContainText(/Predicted: (benign|malignant) \(p\(true class\) = \d\.\d\d\)/);
    await expect(card).toContainText('mean radius');
    await expect(card).toContainText('worst fractal dimension');
    await boundaryScreenshots(page, 'datamap-pca.png', 'datamap-pca.png');
    await page.mouse.move(5, 5);
    await expect(card).toBeHidden();

    // Keyboard users step through the rows the same way.
    await pca.focus();
    await page.keyboard.press('ArrowRight');
    await expect(card).toContainText(/^Row \d+/);
    await page.keyboard.press('Escape');
    await expect(card).toBeHidden();

    await mapSelect.selectOption({ label: 'Projection (UMAP)' });
    // Seconds of work in the backend thread: the panel shows how far it is.
    await expect(region.getByRole('progressbar', { name: 'UMAP progress' })).toBeVisible();
    await expect(
      region.getByRole('img', { name: /^Data map, Projection \(UMAP\): 569 rows, UMAP 1/ }),
    ).toBeVisible({
      timeout: 90_000,
    });
    await expect(region.getByText(/rows misclassified/)).toBeVisible();
    await screenshot(page, 'test-results/screens/datamap-umap.png');

    await mapSelect.selectOption({ label: 'Slice' });
    const horizontal = region.getByRole('combobox', { name: 'Horizontal axis' });
    const vertical = region.getByRole('combobox', { name: 'Vertical axis' });
    await expect(horizontal).toHaveValue('mean radius');
    await expect(vertical).toHaveValue('mean texture');
    const columns = readFileSync(CLASSIC + 'breast-cancer.csv', 'utf8')
      .split('\n')[0]
      .split(',')
      .slice(0, 30);
    expect(await horizontal.locator('option').allTextContents()).toEqual(columns);
    expect(await vertical.locator('option').allTextContents()).toEqual(columns);
    await vertical.selectOption('worst area');
    const slice = region.getByRole('img', {
      name: /^Data map, Slice: 569 rows, mean radius \(horizontal\) by worst area \(vertical\)/,
    });
    await expect(slice).toBeVisible();
    await expect(region.getByText('Other inputs held at training medians.')).toBeVisible();
    await boundaryScreenshots(page, 'datamap-slice.png', 'datamap-slice.png');

    // Clicking a row holds the other inputs at its values.
    await page.mouse.click(...(Object.values(await pointOnCanvas(slice)) as [number, number]));
    await expect(region.getByText(/Other inputs held at the values of row \d+\./)).toBeVisible();
    await region.getByRole('button', { name: 'Hold at medians' }).click();
    await expect(region.getByText('Other inputs held at training medians.')).toBeVisible();
  });

  test('diabetes (regression, 10 inputs): Predicted vs actual with R²', async ({ page }) => {
    test.setTimeout(90_000);
    const region = await importWide(page, 'diabetes.csv', 442);
    const mapSelect = region.getByRole('combobox', { name: 'Map' });
    await mapSelect.selectOption({ label: 'Predicted vs actual' });
    await expect(
      region.getByRole('img', { name: /^Data map, Predicted vs actual: 442 rows, actual progression/ }),
    ).toBeVisible();
    await setField(page, 'Epochs', '60');
    await trainToDone(page, 60_000);
    await expect(region.getByText(/^R² = -?\d\.\d{3} on 442 rows\.$/)).toBeVisible();
    const r2 = Number(/R² = (-?\d\.\d+)/.exec((await region.getByText(/R² =/).textContent())!)![1]);
    expect(r2).toBeGreaterThan(0.2);
    await boundaryScreenshots(page, 'datamap-regression.png', 'datamap-regression.png');
  });
});
