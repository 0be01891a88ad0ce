/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { openStudio } from './studio-helpers';

test('digits: the data preview shows the first rows as 8×8 images of the CSV grey levels', async ({
  page,
}) => {
  await openStudio(page);
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('classic:digits');
  await expect(page.getByTestId('data-summary')).toContainText('digits');
  const data = page.getByRole('region', { name: 'Data', exact: true });
  const images = data.getByRole('img', { name: /^Row \d+ as an image: digit \d$/ });
  await expect(images).toHaveCount(10);
  // digits.csv row 1 is a 0: its first line reads 0,0,5,13,9,1,0,0 (grey levels 0-16).
  const first = data.getByRole('img', { name: 'Row 1 as an image: digit 0' });
  const topLine = await first.evaluate((canvas: HTMLCanvasElement) =>
    Array.from(
      canvas
        .getContext('2d')!
        .getImageData(0, 0, 8, 1)
        .data.filter((_, i) => i % 4 === 0),
    ),
  );
  expect(topLine).toEqual([0, 0, 5, 13, 9, 1, 0, 0].map((v) => Math.round(255 * (1 - v / 16))));
  const figure = data.getByRole('figure').filter({ hasText: 'as 8×8 images' });
  await figure.scrollIntoViewIfNeeded();
  await figure.screenshot({ path: 'test-results/screens/digits-preview.png' });
  await data.screenshot({ path: 'test-results/screens/digits-data-panel.png' });
  // Other tables have no pixel columns: no images.
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('classic:iris');
  await expect(page.getByTestId('data-summary')).toContainText('iris');
  await expect(data.getByRole('img', { name: /as an image/ })).toHaveCount(0);
});
