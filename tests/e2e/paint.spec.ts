/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import {
  download,
  openStudio,
  pickFile,
  readStatus,
  screenshot,
  setField,
  statusRegion,
} from './studio-helpers';

/** Rows in the data summary: `circle: classification, 160 training / 40 validation rows, ...`. */
async function summaryRows(page: Page): Promise<number> {
  const text = (await page.getByTestId('data-summary').textContent()) ?? '';
  const match = /(\d+) training \/\s*(\d+) validation rows/.exec(text);
  if (!match) throw new Error(`no row counts in "${text}"`);
  return Number(match[1]) + Number(match[2]);
}

/** Opens the studio on the generated set `kind`; returns its row count. */
async function openGenerated(page: Page, kind: string): Promise<number> {
  await openStudio(page);
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption(kind);
  await expect(page.getByTestId('data-summary')).toContainText(`${kind}:`);
  return summaryRows(page);
}

function csvLines(bytes: Buffer): string[][] {
  return bytes
    .toString('utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(','));
}

test.describe('Paint mode', () => {
  test('adds points where clicked and dragged, erases with Shift, undoes strokes, and Export data has them', async ({
    page,
  }) => {
    const generated = await openGenerated(page, 'circle');
    const before = csvLines((await download(page, 'Export data')).bytes);
    expect(before).toHaveLength(generated + 1);

    const toggle = page.getByRole('button', { name: 'Paint', exact: true });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const classes = page.getByRole('radiogroup', { name: 'Paint class' });
    await classes.getByRole('radio', { name: 'class 1' }).check();
    await expect(page.getByText('hold Shift and drag to erase')).toBeVisible();

    const plot = page.getByRole('img', { name: /^Decision boundary over x1/ });
    const box = (await plot.boundingBox())!;
    // One click in the top-left corner (away from the generated circle data)...
    await page.mouse.click(box.x + 12, box.y + 12);
    await expect.poll(() => summaryRows(page)).toBe(generated + 1);
    // ...and a drag along the bottom edge: one stroke laying a trail of points.
    const y = box.y + box.height - 10;
    await page.mouse.move(box.x + 20, y);
    await page.mouse.down();
    for (let x = 20; x <= box.width - 20; x += 10) await page.mouse.move(box.x + x, y);
    await page.mouse.up();
    await expect.poll(() => summaryRows(page)).toBeGreaterThan(generated + 10);
    const afterDrag = await summaryRows(page);
    await expect(plot).toHaveAttribute('aria-label', new RegExp(`with ${afterDrag} data points$`));
    await screenshot(page, 'test-results/screens/paint-mode.png');
    await page
      .getByRole('group', { name: 'Paint tools' })
      .screenshot({ path: 'test-results/screens/paint-tools.png' });

    // Shift-drag over the middle of the trail erases the points near the pointer.
    await page.keyboard.down('Shift');
    await page.mouse.move(box.x + box.width / 2 - 30, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, y, { steps: 6 });
    await page.mouse.move(box.x + box.width / 2 + 30, y, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect.poll(() => summaryRows(page)).toBeLessThan(afterDrag);
    expect(await summaryRows(page)).toBeGreaterThan(generated + 1);

    // Undo takes back the erase stroke; Ctrl+Z the drag stroke; the click stays.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => summaryRows(page)).toBe(afterDrag);
    await page.getByRole('heading', { name: 'Nanograd Studio' }).click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => summaryRows(page)).toBe(generated + 1);

    // Paint the trail again and take the data away.
    await page.mouse.move(box.x + 20, y);
    await page.mouse.down();
    for (let x = 20; x <= box.width - 20; x += 10) await page.mouse.move(box.x + x, y);
    await page.mouse.up();
    await expect.poll(() => summaryRows(page)).toBeGreaterThan(generated + 10);
    const total = await summaryRows(page);
    const { bytes } = await download(page, 'Export data');
    const lines = csvLines(bytes);
    expect(lines[0]).toEqual(['x1', 'x2', 'label', 'split']);
    expect(lines).toHaveLength(total + 1);
    // The generated rows are as before, split included; the painted ones follow, all class 1,
    // the click's in the top-left, the trail's along the bottom, every 5th of them held out.
    expect(lines.slice(0, generated + 1)).toEqual(before);
    const painted = lines.slice(generated + 1);
    expect(painted.every((row) => row[2] === '1')).toBe(true);
    const xs = before.slice(1).map((row) => Number(row[0]));
    const ys = before.slice(1).map((row) => Number(row[1]));
    const [clickX, clickY] = painted[0].map(Number);
    expect(clickX).toBeLessThan(Math.min(...xs));
    expect(clickY).toBeGreaterThan(Math.max(...ys));
    const trailY = painted.slice(1).map((row) => Number(row[1]));
    expect(Math.max(...trailY)).toBeLessThan(Math.min(...ys));
    expect(painted.map((row) => row[3])).toEqual(
      painted.map((_, k) =>
        Math.floor((k + 1) * 0.2 + 1e-9) > Math.floor(k * 0.2 + 1e-9) ? 'validation' : 'train',
      ),
    );
  });

  test('Save project keeps the painted points: after a reload, Open project brings them back', async ({
    page,
  }) => {
    const generated = await openGenerated(page, 'circle');
    await page.getByRole('button', { name: 'Paint', exact: true }).click();
    const plot = page.getByRole('img', { name: /^Decision boundary over x1/ });
    const box = (await plot.boundingBox())!;
    for (const [dx, dy] of [
      [12, 12],
      [40, 12],
      [12, 40],
    ])
      await page.mouse.click(box.x + dx, box.y + dy);
    await expect.poll(() => summaryRows(page)).toBe(generated + 3);
    const painted = (await download(page, 'Export data')).bytes.toString('utf8');
    const saved = await download(page, 'Save project');
    expect(saved.fileName).toBe('circle.nnproj');
    const request = (
      JSON.parse(saved.bytes.toString('utf8')) as {
        state: { data: { request: { painted?: { xs: number[]; generated: number } } } };
      }
    ).state.data.request;
    expect(request.painted?.xs).toHaveLength(generated + 3);
    expect(request.painted?.generated).toBe(generated);

    // A reload starts a fresh backend: only the file brings the points back.
    await page.reload();
    await expect(page.getByTestId('data-summary')).toBeVisible();
    await expect(page.getByText(/\(painted: /)).toHaveCount(0);
    await pickFile(page, 'Open project', {
      name: saved.fileName,
      mimeType: 'application/json',
      buffer: saved.bytes,
    });
    await expect(page.getByText('Opened project circle')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('circle');
    await expect.poll(() => summaryRows(page)).toBe(generated + 3);
    await expect(page.getByText(/\(painted: 3 points added, 0 generated points erased;/)).toBeVisible();
    expect((await download(page, 'Export data')).bytes.toString('utf8')).toBe(painted);
  });

  test('on a regression set the painted points carry the target value typed, and a running run goes on', async ({
    page,
  }) => {
    const generated = await openGenerated(page, 'regression-plane');
    await page.getByRole('button', { name: 'Paint', exact: true }).click();
    const target = page.getByRole('spinbutton', { name: 'Target value' });
    await target.fill('7.5');
    await target.press('Tab');
    await setField(page, 'Epochs', '100000');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(async () => (await readStatus(page)).epoch).toBeGreaterThan(5);
    const plot = page.getByRole('img', { name: /^Regression surface over x1/ });
    const box = (await plot.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => summaryRows(page)).toBe(generated + 1);
    // The same run goes on with the new row: still running, its epochs counting on.
    const atPaint = (await readStatus(page)).epoch;
    await expect.poll(async () => (await readStatus(page)).epoch).toBeGreaterThan(atPaint + 5);
    await expect(statusRegion(page)).toHaveText(/running$/);
    await page.getByRole('button', { name: 'Pause' }).click();
    await screenshot(page, 'test-results/screens/paint-regression.png');
    const lines = csvLines((await download(page, 'Export data')).bytes);
    expect(lines[0]).toEqual(['x1', 'x2', 'y', 'split']);
    expect(lines.at(-1)!.slice(2)).toEqual(['7.5', 'train']);
  });
});
