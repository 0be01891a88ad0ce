// Where a usable Electron executable is, or why there is none (npm ci with ELECTRON_SKIP_BINARY_DOWNLOAD=1,
// or a download that could not reach GitHub). Shared by `npm start` and the Playwright electron tests.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @returns {{ path: string } | { path: null, reason: string }} */
export function findElectronBinary() {
  let executable;
  try {
    // The electron package exports the executable's path; it throws when the download never happened.
    executable = require('electron');
  } catch {
    return {
      path: null,
      reason:
        'node_modules/electron has no downloaded binary: installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or without access to github.com',
    };
  }
  if (typeof executable !== 'string' || !existsSync(executable)) {
    return { path: null, reason: `electron executable missing at ${String(executable)}` };
  }
  // A window needs a display: over SSH or on a headless Linux box Electron would only crash.
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { path: null, reason: 'no display (DISPLAY and WAYLAND_DISPLAY unset; run under xvfb-run)' };
  }
  // The app keeps Chromium's sandbox on, and Chromium refuses to start sandboxed as root.
  if (process.platform !== 'win32' && process.getuid?.() === 0) {
    return { path: null, reason: 'running as root, where the sandboxed Electron window cannot start' };
  }
  return { path: executable };
}
