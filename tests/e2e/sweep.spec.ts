import { expect, test } from '@playwright/test';
import { download, openStudio, screenshot, setField } from './studio-helpers';

test.describe('Experiments: a sweep in the web build', () => {
  test('fills the results table from the worker pool, draws parallel coordinates and diffs two runs', async ({
    page,
  }) => {
    test.setTimeout(240_000); // 8 training runs on a shared 2-core machine
    await openStudio(page);
    await page.getByRole('combobox', { name: 'Dataset' }).selectOption('moons');
    await expect(page.getByText(/validation rows?/).first()).toBeVisible();
    await setField(page, 'Epochs', '40');
    await page.getByText('Experiments', { exact: true }).click();
    await page.getByRole('button', { name: 'New sweep…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sweep' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('lr values').fill('0.01|0.1');
    await dialog.getByLabel('layers values').fill('4|8');
    await dialog.getByLabel('Seeds').fill('2');
    await expect(dialog.getByText('8 runs')).toBeVisible();
    // A bad value is named before anything runs.
    await dialog.getByLabel('lr values').fill('0.01||0.1');
    await expect(dialog.getByRole('alert')).toHaveText(/^lr: value 2 is empty/);
    await expect(dialog.getByRole('button', { name: 'Start sweep' })).toBeDisabled();
    await dialog.getByLabel('lr values').fill('0.01|0.1');
    await dialog.getByRole('button', { name: 'Start sweep' }).click();
    await expect(dialog).toBeHidden();

    const status = page.getByRole('status').filter({ hasText: /Sweep/ });
    await expect(status).toHaveText(/^Sweep done: 8 runs in [\d.]+ s on \d+ workers$/, { timeout: 120_000 });
    const table = page.getByRole('table', { name: 'Sweep results' });
    await expect(table.getByRole('row')).toHaveCount(9);
    await expect(table.getByRole('columnheader', { name: 'lr' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'layers' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: /best val acc/ })).toBeVisible();
    // Every run's linear (no hidden layer) model on the same split: a percentage in each row.
    const linear = table.getByRole('columnheader', { name: /^linear baseline val acc/ });
    await expect(linear).toBeVisible();
    const linearColumn = await linear.evaluate((th) => (th as HTMLTableCellElement).cellIndex + 1);
    const linearAccs = await table.locator(`tbody td:nth-child(${linearColumn})`).allTextContents();
    expect(linearAccs).toHaveLength(8);
    for (const text of linearAccs) expect(text.trim()).toMatch(/^\d+\.\d%$/);

    // Sorting by a metric puts the best run first.
    await table.getByRole('button', { name: /best val acc/ }).click();
    await expect(table.getByRole('columnheader', { name: /best val acc/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    const accs = await table.getByRole('row').locator('td:nth-child(6)').allTextContents();
    const values = accs.map((t) => Number.parseFloat(t));
    expect(values).toEqual([...values].sort((a, b) => b - a));

    const chart = page.getByRole('img', {
      name: /^Parallel coordinates: 8 runs across layers, lr, best val accuracy/,
    });
    await expect(chart).toBeVisible();
    await expect(chart.locator('polyline')).toHaveCount(8);
    const first = await chart.locator('polyline').first().getAttribute('points');
    expect(first?.split(' ')).toHaveLength(3);

    await expect(page.getByRole('meter', { name: 'lr importance' })).toBeVisible();

    // Runs 0 and 5: layers 4 / lr 0.01 / seed 1 against layers 8 / lr 0.01 / seed 2.
    await page.getByRole('checkbox', { name: 'Select run 0', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Select run 5', exact: true }).check();
    const diff = page.getByRole('table', { name: 'Settings that differ' });
    await expect(diff.getByRole('row')).toHaveCount(3);
    await expect(diff.getByRole('row', { name: /^layers 4 8$/ })).toBeVisible();
    await expect(diff.getByRole('row', { name: /^seed 1 2$/ })).toBeVisible();

    await page.getByRole('button', { name: 'Compare selected' }).click();
    await expect(page.getByRole('heading', { name: 'Compare runs' })).toBeVisible();

    await page.getByText('Group by configuration').click();
    const grouped = page.getByRole('table', { name: 'Sweep results by configuration' });
    await expect(grouped.getByRole('row')).toHaveCount(5);
    await expect(grouped.getByRole('cell', { name: /±/ }).first()).toBeVisible();
    await page.getByText('Group by configuration').click();

    await page.getByRole('heading', { name: 'Experiments' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'test-results/screenshots/sweep-panel.png');

    // Export all runs and import them back: the same table.
    const csv = await download(page, 'Export results CSV');
    expect(csv.fileName).toBe('moons-sweep-results.csv');
    expect(csv.bytes.toString('utf8').trim().split('\n')).toHaveLength(9);
    const json = await download(page, 'Export results JSON');
    const before = await table.getByRole('row').allTextContents();
    await page.getByLabel('Import results file').setInputFiles({
      name: 'results.json',
      mimeType: 'application/json',
      buffer: json.bytes,
    });
    await expect(page.getByRole('status').filter({ hasText: /runs loaded/ })).toHaveText('8 runs loaded');
    expect(await table.getByRole('row').allTextContents()).toEqual(before);
    await page.getByLabel('Import results file').setInputFiles({
      name: 'results.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('not,a,sweep\n1,2,3\n'),
    });
    await expect(page.getByRole('alert').filter({ hasText: 'results.csv: not sweep results' })).toBeVisible();
  });
});
