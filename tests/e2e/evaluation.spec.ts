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

    const setosa = matrix.getByRole('button', { name: /^\d+ rows?: true setosa, predicted setosa$/ });
    const picked = Number((await setosa.textContent())!.trim());
    expect(picked).toBeGreaterThan(0);
    await setosa.click();
    await expect(setosa).toHaveAttribute('aria-pressed', 'true');
    await expect(
      panel.getByRole('status').filter({
        hasText:
          /rows with true setosa, predicted setosa, ringed on the data map and marked in the data preview/,
      }),
    ).toBeVisible();
    // 4 inputs: no 2-D plane, so the rows are ringed on the data map and marked in the CSV preview.
    await expect(
      page.getByRole('img', {
        name: new RegExp(`^Data map.*; ${picked} highlighted rows: true setosa, predicted setosa$`),
      }),
    ).toBeVisible();
    const preview = page.getByRole('table').filter({ hasText: 'first 20 of 150 rows' });
    const caption = preview.getByText(
      /highlighted \(true setosa, predicted setosa\), \d+ of them shown here/,
    );
    await expect(caption).toContainText(`${picked} highlighted`);
    const shown = Number(/(\d+) of them shown here/.exec((await caption.textContent()) ?? '')![1]);
    await expect(preview.locator('tbody tr.picked')).toHaveCount(shown);
    await page.waitForTimeout(400);
    await page
      .getByRole('region', { name: 'Model view' })
      .screenshot({ path: 'test-results/screens/confusion-highlight-datamap.png' });
    await preview.screenshot({ path: 'test-results/screens/confusion-highlight-preview.png' });
    // Clicking the cell again clears the highlight everywhere.
    await setosa.click();
    await expect(setosa).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByRole('img', { name: /^Data map.*highlighted rows/ })).toHaveCount(0);
    await expect(preview.locator('tbody tr.picked')).toHaveCount(0);

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

  test('2-D data: a clicked confusion-matrix cell rings its rows on the decision boundary', async ({
    page,
  }) => {
    await openStudio(page);
    await page.getByRole('combobox', { name: 'Dataset' }).selectOption('xor-noisy');
    await setField(page, 'Noise', '0.5');
    await expect(page.getByTestId('data-summary')).toContainText('xor-noisy');
    await setField(page, 'Epochs', '30');
    await trainToDone(page);
    const panel = page.getByRole('region', { name: 'Evaluation' });
    await panel.getByRole('button', { name: /Evaluation/ }).click();
    const matrix = panel.getByRole('table', { name: 'Confusion matrix' });
    await expect(matrix.getByRole('button')).toHaveCount(4);
    // The largest cell, so there is something to ring.
    const cells = matrix.getByRole('button');
    const counts = (await cells.allTextContents()).map((c) => Number(c.trim()));
    const biggest = counts.indexOf(Math.max(...counts));
    const cell = cells.nth(biggest);
    const name = (await cell.getAttribute('aria-label'))!;
    const [, n, what] = /^(\d+) rows?: (true \d, predicted \d)$/.exec(name)!;
    await cell.click();
    const boundary = page.getByRole('img', { name: /^Decision boundary over/ });
    await expect(boundary).toHaveAccessibleName(new RegExp(`; ${n} highlighted rows?: ${what}$`));
    await expect(
      panel.getByRole('status').filter({ hasText: `with ${what}, ringed on the decision boundary` }),
    ).toBeVisible();
    await boundary.scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
    await boundary.screenshot({ path: 'test-results/screens/confusion-highlight-boundary.png' });
    await panel.getByLabel('Train').check();
    // Another report (training rows): the old cell's rows no longer apply.
    await expect(boundary).not.toHaveAccessibleName(/highlighted/);
  });
});
