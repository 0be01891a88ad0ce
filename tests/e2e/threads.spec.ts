import { expect, test } from '@playwright/test';
import { openStudio, screenshot, setField } from './studio-helpers';

/*
 * The web build is served cross-origin isolated (COOP/COEP), so the backend worker has
 * SharedArrayBuffer and splits large matrix products over nested Web Workers; the Threads
 * setting picks how many.
 */
test('the page is cross-origin isolated and the Threads setting starts at the core count', async ({
  page,
}) => {
  await openStudio(page);
  expect(await page.evaluate(() => window.crossOriginIsolated === true)).toBe(true);
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
  const cores = await page.evaluate(() => Math.min(64, navigator.hardwareConcurrency));
  const threads = page.getByRole('spinbutton', { name: 'Threads', exact: true });
  await threads.scrollIntoViewIfNeeded();
  await expect(threads).toBeEnabled();
  await expect(threads).toHaveValue(String(cores));
  await expect(page.getByText(/Same results whatever the count/)).toBeVisible();

  await setField(page, 'Threads', '0');
  await expect(
    page.getByRole('alert').filter({ hasText: 'Threads must be a whole number from 1 to 64.' }),
  ).toBeVisible();
  await expect(threads).toHaveValue(String(cores));
  await setField(page, 'Threads', '1');
  await expect(threads).toHaveValue('1');
  await page.setViewportSize({ width: 1280, height: 1600 });
  await screenshot(page, 'test-results/threads-setting.png');

  // Training still runs (and stops) after the change.
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 60_000 });
});
