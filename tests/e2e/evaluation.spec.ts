import { expect, test } from '@playwright/test';
import { openStudio, screenshot, setField, trainToDone } from './studio-helpers';

test.describe('Evaluation panel', () => {
  test('a classic set trained, then its confusion matrix, per-class table and curves on validation and training rows', async ({
    page,
  }) => {
    await openStudio(page);
    await page.getByLabel('Dataset').selectOption('classic:iris');
    await expect(page.getByText(/classes: setosa, versicolor, virginica/).first()).toBeVisible();
    await setField(page, 'Epochs', '40');
    await trainToDone(page);

    const panel = page.getByRole('region', { name: 'Evaluation' });
    await panel.getByRole('button', { name: /Evaluation/ }).click();
    const matrix = panel.getByRole('table', { name: 'Confusion matrix' });
    await expect(matrix).toBeVisible();
    // iris, 20% held out, stratified: 10 validation rows per species.
    const cells = matrix.getByRole('button');
    await expect(cells).toHaveCount(9);
    const counts = await cells.allTextContents();
    expect(counts.map((c) => Number(c.trim())).reduce((a, b) => a + b, 0)).toBe(30);
    await expect(panel.getByRole('table', { name: 'Per-class metrics' }).getByRole('row')).toHaveCount(6);
    await expect(panel.getByRole('img', { name: 'ROC curve' })).toBeVisible();
    await expect(panel.getByRole('img', { name: 'Precision-recall curve' })).toBeVisible();

    await matrix.getByRole('button', { name: /^true setosa, predicted setosa: \d+ rows$/ }).click();
    await expect(
      panel.getByRole('status').filter({ hasText: /rows with true setosa, predicted setosa/ }),
    ).toBeVisible();

    await panel.getByLabel('Permutation importance').check();
    await expect(
      panel.getByRole('list', { name: 'Permutation importance' }).getByRole('listitem'),
    ).toHaveCount(4);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: 'test-results/screenshots/evaluation-panel.png' });
    await screenshot(page, 'test-results/screenshots/evaluation-page.png');

    await panel.getByLabel('Train').check();
    await expect(panel.getByText(/^\s*120 rows: accuracy/)).toBeVisible();
  });
});
