/**
 * Training in the desktop app: the UI drives the backend in main's worker thread over IPC, with
 * the same expectations as the web build's tests (tests/e2e/training.spec.ts).
 */
import type { Page } from '@playwright/test';
import { readStatus, setField, statusRegion } from '../e2e/studio-helpers';
import { expect, test } from './studio-app';

/** A run that cannot finish during the test: spiral data, the maximum epoch count. */
async function useLongRun(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('spiral');
  await expect(page.getByTestId('data-summary')).toContainText('spiral');
  await setField(page, 'Epochs', '100000');
}

test.describe('training in the desktop app', () => {
  test('trains XOR to a loss below 0.05', async ({ studio }) => {
    const { page } = studio;
    await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('xor');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(statusRegion(page)).toHaveText(/· done$/, { timeout: 45_000 });
    const status = await readStatus(page);
    expect(status.epoch).toBe(status.totalEpochs);
    expect(status.totalEpochs).toBe(1000);
    expect(status.loss).not.toBeNull();
    expect(status.loss!).toBeLessThan(0.05);
    await expect(statusRegion(page)).toContainText('acc 100.0%');
    await expect(page.getByRole('img', { name: /Loss chart/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /Accuracy chart/ })).toBeVisible();
    await expect(
      page.getByRole('img', { name: /Decision boundary over x1 .* the model output/ }),
    ).toBeVisible();
    await expect(page.getByRole('img', { name: /^Network diagram: 2 inputs/ })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Overlay run #1' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  // XOR's 1000 epochs take about a tenth of a second, too short to pause in; a long spiral run
  // shows that pause, step, resume and stop reach the worker thread within an epoch.
  test('pause, step, resume and stop a run, with main responsive throughout', async ({ studio }) => {
    const { app, page } = studio;
    await useLongRun(page);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(statusRegion(page)).toHaveText(/running$/);
    await expect.poll(async () => (await readStatus(page)).epoch).toBeGreaterThan(5);

    // Training runs in the worker thread: main's event loop keeps answering while it runs.
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      await app.evaluate(({ app: electronApp }) => electronApp.getName());
      expect(Date.now() - started, 'a main-process round trip during training (ms)').toBeLessThan(2_000);
    }

    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(statusRegion(page)).toHaveText(/paused$/);
    const paused = await readStatus(page);
    await page.waitForTimeout(500);
    expect((await readStatus(page)).epoch).toBe(paused.epoch);

    await page.getByRole('button', { name: 'Step' }).click();
    await expect.poll(async () => (await readStatus(page)).epoch).toBe(paused.epoch + 1);
    await expect(statusRegion(page)).toHaveText(/paused$/);

    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(statusRegion(page)).toHaveText(/running$/);
    await expect.poll(async () => (await readStatus(page)).epoch).toBeGreaterThan(paused.epoch + 5);

    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(statusRegion(page)).toHaveText(/stopped$/);
    const stopped = await readStatus(page);
    await page.waitForTimeout(400);
    expect((await readStatus(page)).epoch).toBe(stopped.epoch);
    await expect(page.getByRole('checkbox', { name: 'Overlay run #1' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();

    await page.getByRole('button', { name: 'Reset' }).click();
    await expect(statusRegion(page)).toHaveText(/^Ready/);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});
