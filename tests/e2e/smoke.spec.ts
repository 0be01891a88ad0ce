import { expect, test } from '@playwright/test';

test('the web build renders the app shell with its title', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Nanograd Studio', level: 1 })).toBeVisible();
  await expect(page).toHaveTitle('Nanograd Studio');
  expect(pageErrors).toEqual([]);
});
