import { expect, test, type Page } from '@playwright/test';
import * as ort from 'onnxruntime-node';
import { download, openStudio, screenshot, setField, trainToDone } from './studio-helpers';

const FEATURE_NAMES = ['x1', 'x2', 'x1²', 'x2²', 'x1·x2', 'sin(x1)', 'sin(x2)'];

function featureToggles(page: Page) {
  return page.getByRole('group', { name: 'Input features' });
}

/** The diagram's input nodes, by their accessible names ("Input x1²"). */
async function diagramInputs(page: Page): Promise<string[]> {
  const names = await page
    .getByRole('img', { name: /^Input / })
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''));
  return names.map((name) => name.replace(/^Input /, ''));
}

test.describe('input features (TensorFlow Playground feature toggles)', () => {
  test('toggling features changes the diagram inputs, keeps one on and is remembered', async ({ page }) => {
    await openStudio(page);
    const toggles = featureToggles(page);
    for (const name of FEATURE_NAMES)
      await expect(toggles.getByRole('checkbox', { name, exact: true })).toBeVisible();
    await expect(toggles.getByRole('checkbox', { name: 'x1', exact: true })).toBeChecked();
    await expect(toggles.getByRole('checkbox', { name: 'x2', exact: true })).toBeChecked();
    await expect(toggles.getByRole('checkbox', { name: 'x1²', exact: true })).not.toBeChecked();
    expect(await diagramInputs(page)).toEqual(['x1', 'x2']);

    await toggles.getByRole('checkbox', { name: 'x1·x2', exact: true }).check();
    await toggles.getByRole('checkbox', { name: 'sin(x2)', exact: true }).check();
    await toggles.getByRole('checkbox', { name: 'x1', exact: true }).uncheck();
    await expect.poll(() => diagramInputs(page)).toEqual(['x2', 'x1·x2', 'sin(x2)']);
    await expect(page.getByRole('img', { name: /^Network diagram: 3 inputs/ })).toBeVisible();
    await screenshot(page, 'test-results/screens/input-features.png');
    await toggles.screenshot({ path: 'test-results/screens/input-features-toggles.png' });

    // The last input on cannot be switched off.
    await toggles.getByRole('checkbox', { name: 'x2', exact: true }).uncheck();
    await toggles.getByRole('checkbox', { name: 'x1·x2', exact: true }).uncheck();
    await expect(toggles.getByRole('checkbox', { name: 'sin(x2)', exact: true })).toBeDisabled();
    await expect(toggles.getByRole('checkbox', { name: 'sin(x2)', exact: true })).toBeChecked();
    await expect.poll(() => diagramInputs(page)).toEqual(['sin(x2)']);

    // Settings persist like the rest of the design.
    await toggles.getByRole('checkbox', { name: 'x1²', exact: true }).check();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
    await expect.poll(() => diagramInputs(page)).toEqual(['x1²', 'sin(x2)']);
    await expect(featureToggles(page).getByRole('checkbox', { name: 'x1²', exact: true })).toBeChecked();
  });

  test('moons with x1² and x2²: the exported ONNX run by ONNX Runtime on RAW inputs gives the app’s predictions', async ({
    page,
  }) => {
    await openStudio(page);
    await page.getByRole('combobox', { name: 'Dataset' }).selectOption('moons');
    const toggles = featureToggles(page);
    await toggles.getByRole('checkbox', { name: 'x1²', exact: true }).check();
    await toggles.getByRole('checkbox', { name: 'x2²', exact: true }).check();
    await expect.poll(() => diagramInputs(page)).toEqual(['x1', 'x2', 'x1²', 'x2²']);
    await setField(page, 'Epochs', '150');
    await trainToDone(page);

    const model = JSON.parse((await download(page, 'Export JSON')).bytes.toString('utf8'));
    expect(model.preprocessing.inputFeatures).toEqual(['x1', 'x2', 'x1sq', 'x2sq']);
    expect(model.preprocessing.encodedNames).toEqual(['x1', 'x2', 'x1²', 'x2²']);
    expect(model.layers[0].inSize).toBe(4);

    const onnx = await download(page, 'Export ONNX');
    expect(onnx.fileName).toBe('moons.onnx');
    // The squares are computed in the graph (Mul nodes x1·x1, x2·x2).
    expect(onnx.bytes.includes(Buffer.from('x1_squared_Mul'))).toBe(true);
    expect(onnx.bytes.includes(Buffer.from('x2_squared_Mul'))).toBe(true);

    const csv = (await download(page, 'Export predictions')).bytes.toString('utf8').trim().split(/\r?\n/);
    expect(csv[0]).toBe('x1,x2,label,predicted_label,p_0,p_1');
    const rows = csv.slice(1).map((line) => line.split(','));
    expect(rows.length).toBeGreaterThan(100);
    const raw = Float32Array.from(rows.flatMap((cells) => [Number(cells[0]), Number(cells[1])]));

    const session = await ort.InferenceSession.create(onnx.bytes);
    const result = await session.run({ features: new ort.Tensor('float32', raw, [rows.length, 2]) });
    const probabilities = result.probabilities.data as Float32Array;
    const labels = result.label.data as BigInt64Array;
    let maxDiff = 0;
    rows.forEach((cells, i) => {
      maxDiff = Math.max(
        maxDiff,
        Math.abs(probabilities[i * 2] - Number(cells[4])),
        Math.abs(probabilities[i * 2 + 1] - Number(cells[5])),
      );
      expect(model.preprocessing.target.classes[Number(labels[i])]).toBe(cells[3]);
    });
    console.log(
      `input features e2e: max |onnxruntime - app| over ${rows.length} rows = ${maxDiff.toExponential(2)}`,
    );
    expect(maxDiff).toBeLessThan(1e-5);
    // The model learned moons: most predictions are right.
    const right = rows.filter((cells) => cells[2] === cells[3]).length;
    expect(right / rows.length).toBeGreaterThan(0.8);
  });
});
