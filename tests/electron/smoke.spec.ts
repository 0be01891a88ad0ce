import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

const mainEntry = fileURLToPath(new URL('../../out/main/index.js', import.meta.url));
const binary = findElectronBinary();

test('the built app opens a window titled Nanograd Studio', async () => {
  if (binary.path === null) {
    // Printed as well as recorded so CI logs say why the desktop app was not exercised.
    const reason = `Electron binary not available (${binary.reason}); electron tests skipped`;
    console.log(reason);
    test.skip(true, reason);
    return;
  }
  expect(existsSync(mainEntry), 'run npm run build first').toBe(true);
  const app = await electron.launch({ executablePath: binary.path, args: [mainEntry] });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Nanograd Studio', level: 1 })).toBeVisible();
    expect(await window.title()).toBe('Nanograd Studio');
  } finally {
    await app.close();
  }
});
