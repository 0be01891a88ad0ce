import { expect, test, type Page } from '@playwright/test';
import { openStudio, screenshot, setField, trainToDone } from './studio-helpers';

async function useData(page: Page, kind: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption(kind);
  await setField(page, 'Points', '200');
  await expect(page.getByTestId('data-summary')).toContainText(`${kind}: classification, 160 training / 40`);
  await setField(page, 'Epochs', '300');
}

const BASELINE_WARNING = /Note: the network's validation accuracy \(.+\) does not beat the linear baseline's/;

test.describe('baselines on the learning curves', () => {
  test('XOR-like data: the trivial and linear baselines are drawn, the network beats them, no warning', async ({
    page,
  }) => {
    await openStudio(page);
    await useData(page, 'xor-noisy');
    await trainToDone(page);
    const charts = page.getByRole('region', { name: 'Learning curves' });
    const lines =
      'and the Trivial baseline and Linear baseline reference lines \\(Trivial baseline: val loss [0-9.]+, val accuracy [0-9.]+% · Linear baseline: val loss [0-9.e-]+, val accuracy ([0-9.]+)%\\)$';
    await expect(charts.getByRole('img', { name: new RegExp(`^Loss chart.* ${lines}`) })).toBeVisible();
    const accuracyChart = charts.getByRole('img', { name: new RegExp(`^Accuracy chart.* ${lines}`) });
    await expect(accuracyChart).toBeVisible();
    // No line separates XOR: the linear baseline stays near chance while the network does not.
    const name = (await accuracyChart.getAttribute('aria-label')) ?? '';
    const linearAccuracy = Number(new RegExp(lines).exec(name)![1]);
    expect(linearAccuracy).toBeLessThan(70);
    await expect(page.getByRole('status').filter({ hasText: BASELINE_WARNING })).toHaveCount(0);
    await charts.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await charts.screenshot({ path: 'test-results/screens/baseline-lines.png' });
  });

  test('linearly separable data: a network no better than the linear baseline says so in one line', async ({
    page,
  }) => {
    await openStudio(page);
    await useData(page, 'gauss');
    await trainToDone(page);
    const warning = page.getByRole('status').filter({ hasText: BASELINE_WARNING });
    await expect(warning).toBeVisible();
    await expect(warning).toContainText("(100.0%) does not beat the linear baseline's (100.0%)");
    await screenshot(page, 'test-results/screens/baseline-warning.png');
    // A new run clears it until that run has ended and been compared again.
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect(warning).toHaveCount(0);
  });
});
