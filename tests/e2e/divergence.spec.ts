import { expect, test } from '@playwright/test';
import { openStudio, setField, statusRegion } from './studio-helpers';

test('a run whose loss becomes NaN stops with one plain message and keeps the run', async ({ page }) => {
  await openStudio(page);
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('regression-plane');
  await expect(page.getByTestId('data-summary')).toContainText('regression');
  await page.getByRole('combobox', { name: 'Optimizer' }).selectOption('sgd');
  await page.getByRole('combobox', { name: 'Activation', exact: true }).selectOption('linear');
  await setField(page, 'Learning rate', '10');
  await setField(page, 'Epochs', '500');
  await page.getByRole('button', { name: 'Train', exact: true }).click();

  await expect(statusRegion(page)).toHaveText(/diverged/, { timeout: 30_000 });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(/diverged at epoch \d+ \(loss is (NaN|Infinity)\)/);
  await expect(alert).toContainText(/lower the learning rate/);
  const text = (await alert.textContent()) ?? '';
  expect(text).not.toMatch(/\bat \w+ \(|\.ts:\d+|Error:/); // no stack trace for the user
  // The run stays in the list, and the app can train again right away.
  await expect(page.getByRole('checkbox', { name: 'Overlay run #1' })).toBeVisible();
  await setField(page, 'Learning rate', '0.01');
  await setField(page, 'Epochs', '5');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusRegion(page)).toHaveText(/Epoch 5\/5 .*· done$/);
});
