import { APP_ENTRY, expect, test } from './studio-app';

test('the built app opens a window titled Nanograd Studio', async ({ studio }) => {
  const { page } = studio;
  await expect(page.getByRole('heading', { name: 'Nanograd Studio', level: 1 })).toBeVisible();
  expect(await page.title()).toBe('Nanograd Studio');
  expect(page.url()).toBe(APP_ENTRY);
});
