import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

const isCI = Boolean(process.env.CI);
// Debian's Chromium when present (this machine, CI after `.ci/run`), else Playwright's own download.
const systemChromium = '/usr/bin/chromium';
// E2E_PORT lets a second checkout on the same machine test without reusing this one's server.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  outputDir: 'test-results/artifacts',
  forbidOnly: isCI,
  retries: 0,
  // Two cores shared by the whole suite; training in the page is CPU-bound.
  workers: isCI ? 1 : 2,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      testDir: 'tests/e2e',
      use: {
        ...devices['Desktop Chrome'],
        baseURL: `http://127.0.0.1:${PORT}`,
        launchOptions: {
          ...(existsSync(systemChromium) ? { executablePath: systemChromium } : {}),
          args: [
            '--no-sandbox',
            '--headless',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
    {
      // Launches the built app with Playwright's _electron; skips with the reason when no binary exists.
      name: 'electron',
      testDir: 'tests/electron',
    },
  ],
  webServer: {
    command: `npm run preview:web -- --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !isCI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
