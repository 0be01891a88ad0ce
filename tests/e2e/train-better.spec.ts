import { expect, test, type Page } from '@playwright/test';
import { download, openStudio, screenshot, setField, statusRegion } from './studio-helpers';

/** Opens the collapsible "Schedule, clipping, early stopping" section of the hyper-parameters. */
async function openBetterSection(page: Page): Promise<void> {
  await page.getByText('Schedule, clipping, early stopping').click();
  await expect(page.getByLabel('Patience (epochs)', { exact: true })).toBeVisible();
}

/** A noisy circle with few points: the training loss falls towards 0 while the validation loss turns up. */
async function overfittingSetup(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('circle');
  await setField(page, 'Noise', '0.5');
  await setField(page, 'Points', '60');
  await setField(page, 'Validation ratio', '0.3');
  await expect(page.getByTestId('data-summary')).toContainText('circle');
  await setField(page, 'Learning rate', '0.03');
  await setField(page, 'Epochs', '3000');
}

test.describe('training better: early stopping, schedules, the lr finder', () => {
  test('early stopping ends the run at best epoch + patience and exports the best weights', async ({
    page,
  }) => {
    await openStudio(page);
    await overfittingSetup(page);
    await openBetterSection(page);
    await setField(page, 'Patience (epochs)', '50');
    await page.getByRole('combobox', { name: 'Schedule' }).selectOption('cosine');
    const hyperPanel = page.getByRole('region', { name: 'Hyper-parameters' });
    await hyperPanel.getByText('Schedule, clipping, early stopping').scrollIntoViewIfNeeded();
    await hyperPanel.screenshot({ path: 'test-results/screens/training-better-settings.png' });
    await page.getByRole('button', { name: 'Train', exact: true }).click();

    await expect(statusRegion(page)).toHaveText(/early stopped, kept best epoch \d+/, { timeout: 60_000 });
    const status = (await statusRegion(page).textContent()) ?? '';
    const best = Number(/kept best epoch (\d+)/.exec(status)![1]);
    const stopped = Number(/Epoch (\d+)\/3000/.exec(status)![1]);
    expect(stopped).toBe(best + 50);
    await expect(page.getByText(`Best epoch ${best}: val loss`)).toBeVisible();
    await expect(page.getByRole('img', { name: /Learning-rate chart/ })).toBeVisible();
    await expect(page.getByText(`Exports the weights of the best epoch ${best}.`)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Export JSON (best)' })).toBeVisible();
    await screenshot(page, 'test-results/screens/early-stopping.png');

    const file = await download(page, 'Export JSON');
    const model = JSON.parse(file.bytes.toString('utf8'));
    expect(model.training.best.epoch).toBe(best);
    expect(model.training.stoppedEpoch).toBe(best + 50);
    expect(model.training.weightsFrom).toBe('best');
    expect(model.training.config.earlyStopping).toEqual({ patience: 50, minDelta: 0 });
    expect(model.training.config.schedule.name).toBe('cosine');
  });

  test('Find learning rate draws loss vs lr, suggests a rate and uses it in one click', async ({ page }) => {
    await openStudio(page);
    await page.getByRole('combobox', { name: 'Dataset' }).selectOption('spiral');
    await expect(page.getByTestId('data-summary')).toContainText('spiral');
    await page.getByRole('button', { name: 'Find learning rate' }).click();
    const result = page.getByRole('group', { name: 'Learning-rate finder result' });
    await expect(result).toBeVisible({ timeout: 30_000 });
    await expect(result.getByRole('img', { name: /smoothed loss against learning rate/ })).toBeVisible();
    const hint = (await result.locator('p', { hasText: 'Suggested' }).textContent()) ?? '';
    const suggested = /Suggested ([0-9.e-]+)/.exec(hint)![1];
    // Adam on the spiral trains well from about 1e-3 to 1e-1
    expect(Number(suggested)).toBeGreaterThan(1e-4);
    expect(Number(suggested)).toBeLessThan(1);
    await result.scrollIntoViewIfNeeded();
    await result.screenshot({ path: 'test-results/screens/lr-finder.png' });
    await result.getByRole('button', { name: `Use ${suggested}` }).click();
    await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue(suggested);
    // the finder did not start or change a run
    await expect(statusRegion(page)).toHaveText(/Ready/);
  });

  test('with validation ratio 0, early stopping is refused with one plain message', async ({ page }) => {
    await openStudio(page);
    await setField(page, 'Validation ratio', '0');
    await openBetterSection(page);
    await setField(page, 'Patience (epochs)', '5');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('early stopping needs a validation split');
  });
});
