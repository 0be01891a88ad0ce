import { expect, test } from '@playwright/test';
import { openStudio, setField } from './studio-helpers';

test.describe('Cross-validate action', () => {
  test('K folds on the worker pool: progress, fold curves, fold results and mean ± std', async ({ page }) => {
    await openStudio(page);
    await page.getByRole('combobox', { name: 'Dataset' }).selectOption('classic:iris');
    await expect(page.getByTestId('data-summary')).toContainText('iris');
    await setField(page, 'Epochs', '60');

    const panel = page.getByRole('region', { name: 'Cross-validation' });
    await panel.getByText('Cross-validation').first().click();
    const folds = panel.getByLabel('Folds', { exact: true });
    await expect(folds).toHaveValue('5');
    await folds.fill('4');
    await folds.press('Tab');
    await panel.getByRole('button', { name: 'Cross-validate' }).click();

    const status = panel.getByRole('status', { name: 'Cross-validation status' });
    await expect(status).toHaveText(/Cross-validation done: 4 folds in [0-9.]+ s on \d+ workers?/, {
      timeout: 60_000,
    });
    await expect(panel.getByRole('progressbar', { name: 'Cross-validation progress' })).toHaveAttribute(
      'value',
      '1',
    );
    const table = panel.getByRole('table', { name: 'Fold results' });
    // Header + one row per fold; iris has 150 rows, 4 disjoint folds cover them all.
    await expect(table.getByRole('row')).toHaveCount(5);
    const valRows = await table.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(valRows.map(Number).reduce((a, b) => a + b, 0)).toBe(150);
    const accuracies = (await table.locator('tbody tr td:nth-child(5)').allTextContents()).map((t) =>
      Number(t.replace('%', '')),
    );
    expect(accuracies).toHaveLength(4);
    await expect(
      panel.getByRole('img', { name: 'Fold curves: validation loss per epoch of each fold' }),
    ).toBeVisible();

    const meanStd = panel.getByRole('status', { name: 'Mean and standard deviation' });
    await expect(meanStd).toHaveText(
      /^Mean ± std over 4 of 4 folds: validation loss [0-9.e-]+ ± [0-9.e-]+, validation accuracy [0-9.]+% ± [0-9.]+%$/,
    );
    // The mean shown is the mean of the fold accuracies in the table (population std, as the CLI).
    const shownMean = Number(/validation accuracy ([0-9.]+)%/.exec((await meanStd.textContent()) ?? '')![1]);
    const mean = accuracies.reduce((a, b) => a + b, 0) / 4;
    expect(Math.abs(shownMean - mean)).toBeLessThan(0.1);

    await panel.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await panel.screenshot({ path: 'test-results/screens/cross-validation.png' });
  });

  test('Stop ends a long cross-validation and says how many folds finished', async ({ page }) => {
    await openStudio(page);
    await page.getByRole('combobox', { name: 'Dataset' }).selectOption('spiral');
    await setField(page, 'Epochs', '100000');
    const panel = page.getByRole('region', { name: 'Cross-validation' });
    await panel.getByText('Cross-validation').first().click();
    await panel.getByRole('button', { name: 'Cross-validate' }).click();
    const status = panel.getByRole('status', { name: 'Cross-validation status' });
    await expect(status).toHaveText(
      /Cross-validating: 0 of 5 folds done on \d+ workers? \(fold \d+ epoch \d+/,
    );
    await panel.getByRole('button', { name: 'Stop cross-validation' }).click();
    await expect(status).toHaveText('Cross-validation stopped: 0 of 5 folds finished');
    await expect(panel.getByRole('button', { name: 'Cross-validate' })).toBeEnabled();
    await expect(panel.getByRole('button', { name: 'Stop cross-validation' })).toBeDisabled();
  });
});
