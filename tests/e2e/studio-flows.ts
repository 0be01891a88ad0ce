/**
 * User flows that the web build's tests (tests/e2e) and the desktop app's tests (tests/electron)
 * both walk, with the same expectations: each takes the studio window's Page, so one flow serves
 * the browser page and the Electron window alike. What differs by platform (downloads and the
 * browser's file chooser, or the stubbed native dialogs) stays in the specs.
 */
import { expect, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { readStatus, setField, statusRegion } from './studio-helpers';

/** The model file Open model loads in the tests: 2 inputs, one hidden layer of 3 tanh, 2 outputs. */
export const GOOD_MODEL = fileURLToPath(new URL('../fixtures/models/good.json', import.meta.url));

/** A model file (nanograd-studio/model) as the tests read it. */
export interface ModelJson {
  format: string;
  version: number;
  task: string;
  loss: string;
  output: string;
  layers: Array<{ inSize: number; outSize: number; activation: string }>;
  weights: Array<{ weight: number[]; bias: number[] }>;
  preprocessing: { encodedNames: string[]; target: { classes: string[] | null } };
  training: { epochs: number; metrics: { loss: number } | null } | null;
}

export function parseModelJson(text: string): ModelJson {
  return JSON.parse(text) as ModelJson;
}

/** What makes two model files the same model: architecture, weights (exactly), preprocessing. */
export function modelNumerics(model: ModelJson) {
  return {
    layers: model.layers,
    weights: model.weights,
    preprocessing: model.preprocessing,
    task: model.task,
    loss: model.loss,
    output: model.output,
  };
}

function allFinite(values: unknown): boolean {
  return (
    Array.isArray(values) &&
    values.length > 0 &&
    values.every((v) => typeof v === 'number' && Number.isFinite(v))
  );
}

/** The model file Export JSON writes after the default XOR run (trainXor) has finished. */
export function expectTrainedXorModel(model: ModelJson): void {
  expect(model.format).toBe('nanograd-studio/model');
  expect(model.version).toBe(1);
  // The default design: 2 inputs, hidden 8 and 8 (tanh), one output per XOR class.
  expect([model.layers[0].inSize, ...model.layers.map((layer) => layer.outSize)]).toEqual([2, 8, 8, 2]);
  expect(model.layers.map((layer) => layer.activation)).toEqual(['tanh', 'tanh', 'linear']);
  expect(model.weights).toHaveLength(3);
  model.weights.forEach((layer, index) => {
    const { inSize, outSize } = model.layers[index];
    expect(layer.weight).toHaveLength(inSize * outSize);
    expect(layer.bias).toHaveLength(outSize);
    expect(allFinite(layer.weight)).toBe(true);
    expect(allFinite(layer.bias)).toBe(true);
  });
  expect(model.preprocessing.encodedNames).toEqual(['x1', 'x2']);
  expect(model.preprocessing.target.classes).toEqual(['0', '1']);
  expect(model.training?.epochs).toBe(1000);
  expect(model.training?.metrics?.loss).toBeLessThan(0.05);
}

/** What the window shows once the default XOR run (trainXor) is done: solved, charts and map drawn. */
export async function expectXorTrained(page: Page): Promise<void> {
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
}

/** The designer after Open model loaded GOOD_MODEL. */
export async function expectGoodModelInDesigner(page: Page): Promise<void> {
  await expect(page.getByText('Loaded model tiny (2-3-2)')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Hidden layers' })).toHaveValue('3');
  await expect(page.getByRole('spinbutton', { name: 'Layer 1 units' })).toHaveValue('3');
  await expect(page.getByRole('combobox', { name: 'Layer 1 activation' })).toHaveValue('tanh');
  await expect(page.getByRole('spinbutton', { name: 'Layer 2 units' })).toHaveCount(0);
  await expect(
    page.getByRole('img', { name: /^Network diagram: 2 inputs.*hidden layers 3 tanh/ }),
  ).toBeVisible();
}

/** A run that cannot finish during the test: spiral data, the maximum epoch count. */
export async function useLongRun(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('spiral');
  await expect(page.getByTestId('data-summary')).toContainText('spiral');
  await setField(page, 'Epochs', '100000');
}

/** Starts a long run (useLongRun) and waits until it is some epochs in. */
export async function startLongRun(page: Page): Promise<void> {
  await useLongRun(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusRegion(page)).toHaveText(/running$/);
  await expect.poll(async () => (await readStatus(page)).epoch).toBeGreaterThan(5);
}

/**
 * Pauses the running run (startLongRun), steps one epoch, resumes, stops and resets, checking at
 * each button that the run does exactly that; `whilePaused` runs once the pause has held.
 */
export async function pauseStepResumeStop(
  page: Page,
  whilePaused: () => Promise<void> = async () => {},
): Promise<void> {
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(statusRegion(page)).toHaveText(/paused$/);
  const paused = await readStatus(page);
  await page.waitForTimeout(500);
  expect((await readStatus(page)).epoch).toBe(paused.epoch);
  await whilePaused();

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
}
