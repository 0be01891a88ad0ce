import { expect, test, type Page } from '@playwright/test';
import { download, openStudio, setField, statusRegion, trainToDone } from './studio-helpers';

const hyperPanel = (page: Page) => page.getByRole('region', { name: 'Hyper-parameters' });

/** Picks sgd and opens the hyper-parameters' Advanced disclosure. */
async function openAdvancedForSgd(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Optimizer' }).selectOption('sgd');
  const advanced = hyperPanel(page).getByRole('button', { name: 'Advanced' });
  await expect(advanced).toHaveAttribute('aria-expanded', 'false');
  // closed by default: the first view stays compact
  await expect(page.getByLabel('Momentum', { exact: true })).toBeHidden();
  await advanced.click();
  await expect(advanced).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByLabel('Momentum', { exact: true })).toBeVisible();
}

test.describe('advanced optimizer settings', () => {
  test('SGD with momentum 0.9 and Nesterov trains with them, and they are restored on reload', async ({
    page,
  }) => {
    await openStudio(page);
    await setField(page, 'Epochs', '60');
    await openAdvancedForSgd(page);
    // adam's settings are not offered for sgd
    await expect(hyperPanel(page).getByLabel('Beta 1', { exact: true })).toHaveCount(0);
    await setField(page, 'Momentum', '0.9');
    await page.getByRole('checkbox', { name: 'Nesterov' }).check();
    await setField(page, 'Weight decay', '0.0005');
    await expect(hyperPanel(page).getByRole('alert')).toHaveCount(0);
    await hyperPanel(page).getByRole('button', { name: 'Advanced' }).scrollIntoViewIfNeeded();
    await hyperPanel(page).screenshot({ path: 'test-results/screens/advanced-optimizer.png' });

    await trainToDone(page);
    const file = await download(page, 'Export JSON');
    const model = JSON.parse(file.bytes.toString('utf8'));
    expect(model.training.config.optimizer).toEqual({
      name: 'sgd',
      lr: 0.03,
      momentum: 0.9,
      nesterov: true,
      weightDecay: 0.0005,
    });

    await page.reload();
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
    await hyperPanel(page).getByRole('button', { name: 'Advanced' }).click();
    await expect(page.getByLabel('Momentum', { exact: true })).toHaveValue('0.9');
    await expect(page.getByRole('checkbox', { name: 'Nesterov' })).toBeChecked();
    await expect(page.getByLabel('Weight decay', { exact: true })).toHaveValue('0.0005');
  });

  test('Nesterov with momentum 0 shows the schema error and starts no run', async ({ page }) => {
    await openStudio(page);
    await openAdvancedForSgd(page);
    // sgd's default momentum is 0, as in PyTorch
    await expect(page.getByLabel('Momentum', { exact: true })).toHaveValue('0');
    await page.getByRole('checkbox', { name: 'Nesterov' }).check();
    const message = /^Nesterov requires a momentum greater than 0 \(Nesterov momentum needs momentum\)$/;
    await expect(hyperPanel(page).getByRole('alert')).toHaveText(message);
    await expect(page.getByRole('checkbox', { name: 'Nesterov' })).toHaveAttribute('aria-invalid', 'true');
    await hyperPanel(page).screenshot({ path: 'test-results/screens/advanced-nesterov-error.png' });

    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: /^Train: Nesterov requires a momentum greater than 0/ }),
    ).toBeVisible();
    await expect(statusRegion(page)).toHaveText(/Ready/);
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  });
});
