/// <reference lib="dom" />
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openStudio, screenshot, trainXor } from './studio-helpers';

/** Roles of the controls a user operates; each must have a name a screen reader can say. */
const CONTROL_ROLES = /^\s*- (button|checkbox|combobox|spinbutton|textbox|slider|radio|link)\b(.*)$/;

/**
 * Luminance (0-255) of the brightest and darkest grey pixels of a canvas: chart text and axis
 * lines are grey, the data lines are coloured, so these say how the labels contrast with the page.
 */
async function greyRange(canvas: Locator): Promise<{ brightest: number; darkest: number }> {
  return canvas.evaluate((element) => {
    const el = element as HTMLCanvasElement;
    const { data } = el.getContext('2d')!.getImageData(0, 0, el.width, el.height);
    let brightest = 0;
    let darkest = 255;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a < 250 || Math.max(r, g, b) - Math.min(r, g, b) > 30) continue;
      const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      brightest = Math.max(brightest, luminance);
      darkest = Math.min(darkest, luminance);
    }
    return { brightest, darkest };
  });
}

async function pageBackground(page: Page): Promise<number[]> {
  const color = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  return (color.match(/\d+/g) ?? []).slice(0, 3).map(Number);
}

test.describe('the studio UI', () => {
  test('every control has an accessible name', async ({ page }) => {
    const unnamedControls = async () =>
      (await page.locator('body').ariaSnapshot())
        .split('\n')
        .filter((line) => CONTROL_ROLES.test(line) && !/^\s*- \w+ "[^"]+"/.test(line));
    await openStudio(page);
    expect(await unnamedControls()).toEqual([]);
    await trainXor(page); // adds the runs list, its overlay checkbox and delete button
    expect(await unnamedControls()).toEqual([]);
    await page.getByLabel('Import CSV').setInputFiles('tests/fixtures/export/flowers.csv');
    await expect(page.getByRole('combobox', { name: 'Target column' })).toBeVisible();
    expect(await unnamedControls()).toEqual([]);
  });

  test('the Log scale toggle switches the loss axis and says so', async ({ page }) => {
    await openStudio(page);
    await trainXor(page);
    const toggle = page.getByRole('checkbox', { name: 'Log scale' });
    await expect(toggle).toBeChecked();
    await expect(page.getByRole('img', { name: /^Loss chart \(log scale\):/ })).toBeVisible();
    await toggle.uncheck();
    await expect(page.getByRole('img', { name: /^Loss chart: training and validation loss/ })).toBeVisible();
    await toggle.check();
    await expect(page.getByRole('img', { name: /^Loss chart \(log scale\):/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /^Accuracy chart:/ })).toBeVisible();
  });

  test('at 1024x700 the three columns fit without sideways scrolling', async ({ page }) => {
    await openStudio(page);
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByLabel('Import CSV').setInputFiles('tests/e2e/fixtures/moons.csv');
    await expect(page.getByRole('table', { name: /moons\.csv/ })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const name of ['Data', 'Network', 'Model', 'Runs'])
      await expect(page.getByRole('heading', { name, exact: true, level: 2 })).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeInViewport();
    await expect(page.getByRole('status', { name: 'Training status' })).toBeInViewport();
    // The data set's name is readable, not clipped to a few letters.
    const dataset = page.getByRole('combobox', { name: 'Dataset' });
    const clipped = await dataset.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    const width = (await dataset.boundingBox())?.width ?? 0;
    expect(clipped || width < 150).toBe(false);
  });

  test('the dark theme follows prefers-color-scheme, charts included', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openStudio(page);
    const [r, g, b] = await pageBackground(page);
    expect(Math.max(r, g, b)).toBeLessThan(60);
    await trainXor(page);
    const lossChart = page.getByRole('img', { name: /^Loss chart/ });
    await page.waitForTimeout(300); // the last redraw of the chart
    const dark = await greyRange(lossChart);
    // Axis labels must be light on the dark page (Chart.js's default #666 is not).
    expect(dark.brightest).toBeGreaterThan(140);
    await lossChart.scrollIntoViewIfNeeded();
    await screenshot(page, 'test-results/screens/dark-theme.png');

    // Switching back repaints the canvas in the light colours.
    await page.emulateMedia({ colorScheme: 'light' });
    const [lr, lg, lb] = await pageBackground(page);
    expect(Math.min(lr, lg, lb)).toBeGreaterThan(200);
    await expect.poll(async () => (await greyRange(lossChart)).darkest).toBeLessThan(120);
  });
});
