/// <reference lib="dom" />
import { expect, type Locator, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** The live region every test reads: `Epoch 120/1000 · loss 0.0123 · ... · running`. */
export function statusRegion(page: Page): Locator {
  return page.getByRole('status', { name: 'Training status' });
}

export interface StatusReading {
  epoch: number;
  totalEpochs: number;
  loss: number | null;
  state: string;
}

export function parseStatus(text: string): StatusReading {
  const epoch = /Epoch (\d+)\/(\d+)/.exec(text);
  const loss = /loss ([-+0-9.e]+|NaN|Infinity)/.exec(text);
  return {
    epoch: epoch ? Number(epoch[1]) : 0,
    totalEpochs: epoch ? Number(epoch[2]) : 0,
    loss: loss ? Number(loss[1]) : null,
    state: text.split(' · ').at(-1)?.trim() ?? '',
  };
}

export async function readStatus(page: Page): Promise<StatusReading> {
  return parseStatus((await statusRegion(page).textContent()) ?? '');
}

/** Opens the app on fresh storage and waits until the default data set is loaded. */
export async function openStudio(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Nanograd Studio', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
}

/** Number fields commit on change, as a user leaving the field does. */
export async function setField(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Tab');
}

export async function screenshot(page: Page, path: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path });
}

/**
 * A README image, at a common laptop window size where the boundary map, the network and the
 * learning curves are all in view. Always written under test-results/; copied over docs/screenshots/ only by
 * `npm run screenshots`, so an ordinary test run leaves the tracked images alone.
 */
export async function readmeScreenshot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(300); // let the charts and the boundary map repaint at the new size
  const path = `test-results/screens/readme/${name}`;
  await screenshot(page, path);
  expect(statSync(path).size, `${name} must stay small enough for the README`).toBeLessThan(320 * 1024);
  if (process.env.UPDATE_SCREENSHOTS === '1') copyFileSync(path, `docs/screenshots/${name}`);
}

/** The boundary map repaints a few times a second: lets it settle, then the test's and the README's image. */
export async function boundaryScreenshots(page: Page, name: string, readmeName: string): Promise<void> {
  await page.waitForTimeout(400);
  await screenshot(page, `test-results/screens/${name}`);
  await readmeScreenshot(page, readmeName);
}

/** Clicks an export or save button and returns the file the browser downloaded. */
export async function download(page: Page, button: string): Promise<{ fileName: string; bytes: Buffer }> {
  const event = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const file = await event;
  return { fileName: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** Clicks an open button and answers the browser's file chooser, as a user picking a file. */
export async function pickFile(
  page: Page,
  button: string,
  file: { name: string; mimeType: string; buffer: Buffer },
) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(file);
}

/**
 * Drops a file on the window as the OS would: dragenter/dragover/drop carrying a DataTransfer
 * with the file, built in the page (Playwright has no native file drag). `hover` stops after
 * dragover so a test can look at the drop hint; call `drop` on the result to finish.
 */
export async function dragFileOver(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<{ drop(): Promise<void> }> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, mimeType, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: mimeType }));
      return transfer;
    },
    { name: file.name, mimeType: file.mimeType, base64: file.buffer.toString('base64') },
  );
  const fire = (type: string) =>
    dataTransfer.evaluate((transfer, eventType) => {
      document.body.dispatchEvent(
        new DragEvent(eventType, { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
    }, type);
  await fire('dragenter');
  await fire('dragover');
  return {
    drop: async () => {
      await fire('drop');
      await dataTransfer.dispose();
    },
  };
}

export async function dropFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await (await dragFileOver(page, file)).drop();
}

/** Clicks Train and waits until the run is done. */
export async function trainToDone(page: Page, timeout = 45_000): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusRegion(page)).toHaveText(/· done$/, { timeout });
}

/** Trains the default XOR set-up to the end (about 1000 epochs, a few seconds). */
export async function trainXor(page: Page): Promise<void> {
  await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('xor');
  await trainToDone(page);
}
