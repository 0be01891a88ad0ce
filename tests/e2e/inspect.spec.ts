/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { download, openStudio, readmeScreenshot, screenshot, setField, statusRegion } from './studio-helpers';

async function design(page: Page, layers: string): Promise<void> {
  const field = page.getByRole('textbox', { name: 'Hidden layers' });
  await field.fill(layers);
  await field.press('Enter');
}

/** Non-blank pixels of a neuron's map canvas: a drawn map has many distinct colours. */
async function distinctColours(page: Page, name: string): Promise<number> {
  return page.getByRole('img', { name, exact: true }).evaluate((node) => {
    const canvas = node.querySelector('canvas') ?? (node instanceof HTMLCanvasElement ? node : null);
    if (!canvas) return 0;
    const ctx = canvas.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const seen = new Set<string>();
    for (let i = 0; i < data.length; i += 4)
      seen.add(`${data[i]},${data[i + 1]},${data[i + 2]},${data[i + 3]}`);
    return seen.size;
  });
}

/** A point 40% of the way along the line from one box's right side to the other's left side. */
async function pointOnConnection(page: Page, from: string, to: string): Promise<{ x: number; y: number }> {
  const a = (await page.getByRole('img', { name: from, exact: true }).boundingBox())!;
  const b = (await page.getByRole('img', { name: to, exact: true }).boundingBox())!;
  const x1 = a.x + a.width;
  const y1 = a.y + a.height / 2;
  const x2 = b.x;
  const y2 = b.y + b.height / 2;
  return { x: x1 + 0.4 * (x2 - x1), y: y1 + 0.4 * (y2 - y1) };
}

test.describe('seeing inside the network', () => {
  test('every neuron shows a live map; the inspector shows its numbers', async ({ page }) => {
    await openStudio(page);
    await page.getByRole('combobox', { name: 'Dataset' }).selectOption('circle');
    await expect(page.getByTestId('data-summary')).toContainText('circle');
    await design(page, '4,3');
    await setField(page, 'Epochs', '300');
    await expect(page.getByRole('img', { name: 'Input x1' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Input x2' })).toBeVisible();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(statusRegion(page)).toHaveText(/· done$/, { timeout: 30_000 });

    for (let j = 1; j <= 4; j++)
      await expect(page.getByRole('img', { name: `Neuron ${j} of hidden layer 1` })).toBeVisible();
    for (let j = 1; j <= 3; j++)
      await expect(page.getByRole('img', { name: `Neuron ${j} of hidden layer 2` })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Neuron 2 of the output layer' })).toBeVisible();
    await expect.poll(() => distinctColours(page, 'Neuron 1 of hidden layer 2')).toBeGreaterThan(10);
    await expect.poll(() => distinctColours(page, 'Neuron 1 of the output layer')).toBeGreaterThan(10);

    await page.getByRole('img', { name: 'Neuron 2 of hidden layer 1' }).hover();
    const inspector = page.getByRole('region', { name: 'Neuron inspector' });
    await expect(inspector).toBeVisible();
    await expect(inspector.getByRole('heading', { name: 'Neuron 2 of hidden layer 1' })).toBeVisible();
    await expect(
      inspector.getByRole('img', { name: /^Activation histogram over \d+ training rows/ }),
    ).toBeVisible();
    await expect(inspector.getByLabel('Weight from x1 to neuron 2 of hidden layer 1')).toBeVisible();
    await expect(inspector.getByLabel('Bias of neuron 2 of hidden layer 1')).toBeVisible();
    await expect
      .poll(() => distinctColours(page, 'Map of neuron 2 of hidden layer 1 over the input plane'))
      .toBeGreaterThan(10);
    // The default activation is tanh: no dead share; a ReLU network gets one (below).
    await expect(inspector.getByText(/Dead \(inactive\)/)).toHaveCount(0);

    // Keyboard: focusing a neuron inspects it too.
    await page.getByRole('img', { name: 'Neuron 3 of hidden layer 2' }).focus();
    await expect(inspector.getByRole('heading', { name: 'Neuron 3 of hidden layer 2' })).toBeVisible();
    await expect(
      inspector.getByLabel('Weight from neuron 4 of hidden layer 1 to neuron 3 of hidden layer 2'),
    ).toBeVisible();
    await screenshot(page, 'test-results/screens/neuron-inspector.png');
    await readmeScreenshot(page, 'neuron-maps.png');

    // The layer diagnostics chart: one series per layer.
    await page.getByText('Layer diagnostics').click();
    await expect(
      page.getByRole('img', { name: /Layer diagnostics chart .*gradient norm per layer/ }),
    ).toBeVisible();
    await page.getByRole('combobox', { name: 'Diagnostic' }).selectOption('updateRatio');
    await expect(page.getByRole('img', { name: /update\/weight ratio per layer/ })).toBeVisible();
    await expect(page.getByText(/became non-finite/)).toHaveCount(0);
  });

  test('hover a connection to read its weight, click it to edit it while paused, undo', async ({ page }) => {
    test.setTimeout(150_000);
    await openStudio(page);
    await page.getByRole('combobox', { name: 'Dataset' }).selectOption('circle');
    await expect(page.getByTestId('data-summary')).toContainText('circle');
    await design(page, '3');
    await setField(page, 'Epochs', '100000');
    // Step with no run starts one, paused after its first epoch (Playground's step button).
    await page.getByRole('button', { name: 'Step' }).click();
    await expect(statusRegion(page)).toHaveText(/paused$/);

    // The connection from input x2 to neuron 3 of hidden layer 1, a little before its middle.
    const edge = await pointOnConnection(page, 'Input x2', 'Neuron 3 of hidden layer 1');
    await page.mouse.move(edge.x, edge.y);
    await expect(page.getByText(/Weight from x2 to neuron 3 of hidden layer 1: -?\d/)).toBeVisible();
    await page.mouse.click(edge.x, edge.y);
    const inspector = page.getByRole('region', { name: 'Neuron inspector' });
    const field = inspector.getByLabel('Weight from x2 to neuron 3 of hidden layer 1');
    await expect(field).toBeFocused();
    const before = await field.inputValue();
    await field.fill('2.5');
    await field.press('Enter');
    await expect(field).toHaveValue('2.5');
    // The diagram's connection reads the new live weight.
    await page.getByRole('img', { name: 'Neuron 1 of hidden layer 1' }).hover();
    await page.mouse.move(edge.x, edge.y);
    await expect(page.getByText('Weight from x2 to neuron 3 of hidden layer 1: 2.5000')).toBeVisible();

    await inspector.getByRole('button', { name: 'Undo weight edit' }).click();
    await page.getByRole('img', { name: 'Neuron 3 of hidden layer 1' }).hover();
    await expect(inspector.getByLabel('Weight from x2 to neuron 3 of hidden layer 1')).toHaveValue(before);
    await expect(inspector.getByRole('button', { name: 'Undo weight edit' })).toBeDisabled();

    // Once the run goes on, the fields are read-only and say so.
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(statusRegion(page)).toHaveText(/running$/);
    await expect(inspector.getByText('Pause training to edit the weights.')).toBeVisible();
    await expect(inspector.getByLabel('Weight from x2 to neuron 3 of hidden layer 1')).toHaveAttribute(
      'readonly',
      '',
    );
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(statusRegion(page)).toHaveText(/stopped$/);
  });

  test('a ReLU unit reports its dead share; wide layers show every neuron', async ({ page }) => {
    await openStudio(page);
    await design(page, '64');
    await page.getByRole('combobox', { name: 'Layer 1 activation' }).selectOption('relu');
    await setField(page, 'Epochs', '20');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(statusRegion(page)).toHaveText(/· done$/, { timeout: 30_000 });
    await expect(page.getByText(/more$/)).toHaveCount(0);
    const last = page.getByRole('img', { name: 'Neuron 64 of hidden layer 1' });
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeVisible();
    await expect.poll(() => distinctColours(page, 'Neuron 64 of hidden layer 1')).toBeGreaterThan(1);
    await last.hover();
    const inspector = page.getByRole('region', { name: 'Neuron inspector' });
    await expect(inspector.getByText(/Dead \(inactive\) on \d+\.\d% of training rows/)).toBeVisible();
  });

  test('Export data writes the data set with the split of every row', async ({ page }) => {
    await openStudio(page);
    await page.getByRole('combobox', { name: 'Dataset' }).selectOption('circle');
    await expect(page.getByTestId('data-summary')).toContainText('circle');
    const { fileName, bytes } = await download(page, 'Export data');
    expect(fileName).toMatch(/\.csv$/);
    const lines = bytes.toString('utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^x1,x2,.*,split$/);
    expect(lines).toHaveLength(201);
    const splits = lines.slice(1).map((line) => line.split(',').at(-1));
    expect(splits.filter((s) => s === 'validation')).toHaveLength(40);
    expect(splits.filter((s) => s === 'train')).toHaveLength(160);
  });
});
