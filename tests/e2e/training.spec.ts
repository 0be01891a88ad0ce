import { expect, test } from '@playwright/test';
import { expectXorTrained, pauseStepResumeStop, startLongRun, useLongRun } from './studio-flows';
import {
  boundaryScreenshots,
  openStudio,
  readStatus,
  screenshot,
  setField,
  statusRegion,
  trainXor,
} from './studio-helpers';

test.describe('training in the web build', () => {
  test('trains XOR to a loss below 0.05', async ({ page }) => {
    await openStudio(page);
    await trainXor(page);
    await expectXorTrained(page);
    await boundaryScreenshots(page, 'xor-trained.png', 'xor-trained.png');
  });

  test('pause, step, resume and stop a run', async ({ page }) => {
    await openStudio(page);
    await startLongRun(page);
    await pauseStepResumeStop(page, () => screenshot(page, 'test-results/screens/paused.png'));
  });

  test('keyboard shortcuts: space trains and pauses, S steps, R resets after asking', async ({ page }) => {
    await openStudio(page);
    await useLongRun(page);
    await page.getByRole('heading', { name: 'Nanograd Studio' }).click(); // focus out of any field

    await page.getByRole('button', { name: 'Keyboard shortcuts' }).hover();
    await expect(page.getByRole('tooltip')).toContainText('Step one epoch');
    await page.getByRole('heading', { name: 'Nanograd Studio' }).click();

    await page.keyboard.press('Space');
    await expect(statusRegion(page)).toHaveText(/running$/);
    await page.keyboard.press('Space');
    await expect(statusRegion(page)).toHaveText(/paused$/);
    const paused = await readStatus(page);
    await page.keyboard.press('s');
    await expect.poll(async () => (await readStatus(page)).epoch).toBe(paused.epoch + 1);

    // Typing in a field must not trigger shortcuts.
    const seed = page.getByRole('textbox', { name: 'Hidden layers' });
    await seed.focus();
    await page.keyboard.press('r');
    await page.keyboard.press('Space');
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(statusRegion(page)).toHaveText(/paused$/);
    await seed.fill('8,8');

    await page.getByRole('heading', { name: 'Nanograd Studio' }).click();
    await page.keyboard.press('r');
    const dialog = page.getByRole('dialog', { name: 'Discard the current run?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Stop run and continue' }).click();
    await expect(statusRegion(page)).toHaveText(/^Ready/);
    await expect(page.getByRole('checkbox', { name: 'Overlay run #1' })).toBeVisible();
  });

  test('changing the layers during a run asks before discarding it', async ({ page }) => {
    await openStudio(page);
    await useLongRun(page);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(statusRegion(page)).toHaveText(/running$/);

    await page.getByRole('button', { name: 'Add layer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Discard the current run?' });
    await expect(dialog).toBeVisible();
    await screenshot(page, 'test-results/screens/confirm-dialog.png');
    await dialog.getByRole('button', { name: 'Keep training' }).click();
    await expect(dialog).toBeHidden();
    await expect(statusRegion(page)).toHaveText(/running$/);
    await expect(page.getByRole('spinbutton', { name: 'Layer 3 units' })).toHaveCount(0);

    await page.getByRole('spinbutton', { name: 'Layer 2 units' }).fill('3');
    await page.getByRole('spinbutton', { name: 'Layer 2 units' }).press('Tab');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Keep training' }).click();
    await expect(page.getByRole('spinbutton', { name: 'Layer 2 units' })).toHaveValue('8');

    await page.getByRole('button', { name: 'Add layer' }).click();
    await dialog.getByRole('button', { name: 'Stop run and continue' }).click();
    await expect(statusRegion(page)).toHaveText(/stopped$/);
    await expect(page.getByRole('spinbutton', { name: 'Layer 3 units' })).toHaveValue('8');
    await expect(page.getByRole('textbox', { name: 'Hidden layers' })).toHaveValue('8,8,8');

    // The next run uses the new design.
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByRole('img', { name: /hidden layers 8 tanh, 8 tanh, 8 tanh/ })).toBeVisible();
    await page.getByRole('button', { name: 'Stop' }).click();
  });

  test('the seed demo overlays the seed and pytorch presets', async ({ page }) => {
    await openStudio(page);
    await page.getByRole('button', { name: 'Seed demo' }).click();
    await expect(page.getByRole('checkbox', { name: 'Overlay run #2' })).toBeChecked({ timeout: 45_000 });
    await expect(page.getByRole('checkbox', { name: 'Overlay run #1' })).toBeChecked();
    await expect(page.getByRole('img', { name: /Run comparison chart/ })).toBeVisible();
    await expect(page.getByText(/sum is 4× the mean/)).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Hidden layers' })).toHaveValue('8');
    await expect(page.getByText(/#1 xor \(seed preset\).*sse · uniform/)).toBeVisible();
    await expect(page.getByText(/#2 xor \(pytorch preset\).*mse · pytorch/)).toBeVisible();
    // The comparison chart fits the Runs column: nothing is pushed past the window's edge.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole('button', { name: 'Export ONNX' })).toBeInViewport({ ratio: 1 });
    await screenshot(page, 'test-results/screens/seed-demo.png');
  });

  test('settings survive a reload', async ({ page }) => {
    await openStudio(page);
    await page.getByRole('textbox', { name: 'Hidden layers' }).fill('5,3');
    await page.getByRole('textbox', { name: 'Hidden layers' }).press('Enter');
    await setField(page, 'Learning rate', '0.2');
    await page.getByRole('combobox', { name: 'Optimizer' }).selectOption('momentum');
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Hidden layers' })).toHaveValue('5,3');
    await expect(page.getByRole('spinbutton', { name: 'Learning rate' })).toHaveValue('0.2');
    await expect(page.getByRole('combobox', { name: 'Optimizer' })).toHaveValue('momentum');
  });
});
