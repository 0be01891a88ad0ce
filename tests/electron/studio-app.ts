/// <reference lib="dom" />
/**
 * The one way the `_electron` tests start the built desktop app (out/main/index.js), so the
 * skip rule lives in one place: where `findElectronBinary()` finds no Electron executable,
 * the `studio` fixture prints the reason and skips the test, which CI then counts as skipped.
 *
 * Every test gets its own app on a fresh `--user-data-dir` (Electron points `userData` there
 * before main.ts runs): a clean localStorage (default settings: XOR, hidden layers 8,8), no
 * remembered window state, and its own single-instance lock, so two workers, or a Nanograd
 * Studio the developer has open, never turn a launch into a "second instance" that quits.
 */
import {
  _electron as electron,
  expect,
  test as base,
  type ElectronApplication,
  type Page,
  type TestInfo,
} from '@playwright/test';
import type { OpenDialogReturnValue, SaveDialogReturnValue } from 'electron';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

export { expect };

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const mainEntry = path.join(repoRoot, 'out', 'main', 'index.js');
/** Where main.ts loads the renderer from (src-main/electron/app-protocol.ts, APP_ENTRY). */
export const APP_ENTRY = 'app://studio/index.html';

export interface Studio {
  app: ElectronApplication;
  /** The app's one window. */
  page: Page;
  /** An empty folder of this test for files it saves or opens (under test-results/, kept on failure). */
  files: string;
}

/** `electron.launch`'s environment: ours, minus what would change how the app starts. */
function launchEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined) env[name] = value;
  }
  // main.ts loads ELECTRON_RENDERER_URL (the dev server) instead of the built renderer when set,
  // and ELECTRON_RUN_AS_NODE would start plain Node instead of the app.
  delete env.ELECTRON_RENDERER_URL;
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

async function launchStudio(testInfo: TestInfo): Promise<{ studio: Studio; close(): Promise<void> }> {
  expect(existsSync(mainEntry), `${mainEntry} is missing: run npm run build first`).toBe(true);
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'nanograd-studio-e2e-'));
  const files = testInfo.outputPath('files');
  mkdirSync(files, { recursive: true });

  // No executablePath: Playwright then starts the same executable findElectronBinary() found
  // (require('electron')) and adds its loader, which holds 'ready' until it is attached and turns
  // off Chromium's background throttling, so a window behind others still trains and repaints.
  const app = await electron
    .launch({ args: [`--user-data-dir=${userDataDir}`, mainEntry], cwd: repoRoot, env: launchEnv() })
    .catch((error: unknown) => {
      rmSync(userDataDir, { recursive: true, force: true });
      throw error;
    });
  const log: string[] = [];
  app.process().stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  app.process().stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));

  const close = async (): Promise<void> => {
    if (testInfo.status !== testInfo.expectedStatus && log.length > 0) {
      await testInfo.attach('electron-main.log', { body: log.join(''), contentType: 'text/plain' });
    }
    const child = app.process();
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    await Promise.race([app.close().catch(() => undefined), delay(15_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill();
    await Promise.race([exited, delay(5_000)]);
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };

  try {
    const page = await app.firstWindow();
    page.on('pageerror', (error) => log.push(`[renderer] uncaught ${error.message}\n`));
    page.on('console', (message) => {
      if (message.type() === 'error') log.push(`[renderer] console.error ${message.text()}\n`);
    });
    // Ready as in the web tests' openStudio(): the page is up and the default data set is loaded
    // (Train is enabled once the backend thread has answered data:generate).
    await expect(page.getByRole('heading', { name: 'Nanograd Studio', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
    return { studio: { app, page, files }, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const test = base.extend<{ studio: Studio }>({
  // Playwright reads a fixture's dependencies from its first parameter, which must be a pattern.
  // eslint-disable-next-line no-empty-pattern
  studio: async ({}, use, testInfo) => {
    const binary = findElectronBinary();
    if (binary.path === null) {
      // Printed as well as recorded so CI logs say why the desktop app was not exercised.
      const reason = `Electron binary not available (${binary.reason}); electron tests skipped`;
      console.log(reason);
      testInfo.skip(true, reason);
      return;
    }
    const { studio, close } = await launchStudio(testInfo);
    try {
      await use(studio);
    } finally {
      await close();
    }
  },
});

// ---------- native dialogs, answered in the main process ----------

interface DialogAnswers {
  showOpenDialog: OpenDialogReturnValue;
  showSaveDialog: SaveDialogReturnValue;
}
export type DialogMethod = keyof DialogAnswers;

/** One call main made to a stubbed dialog. */
export interface DialogCall {
  /** Whether main passed its BrowserWindow first (a dialog modal to the window). */
  withWindow: boolean;
  options: { title?: string; defaultPath?: string; properties?: string[]; filters?: unknown[] };
}

/**
 * Replaces `dialog.<method>` in the main process with one that records its calls and returns
 * `answer`, as a user picking that file (or cancelling) would. main.ts looks the function up on
 * the `dialog` module at each call, so the stub is what File > Open / Export reach.
 */
export async function answerDialog<M extends DialogMethod>(
  app: ElectronApplication,
  method: M,
  answer: DialogAnswers[M],
): Promise<void> {
  await app.evaluate(
    ({ dialog, BrowserWindow }, { name, reply }) => {
      const host = globalThis as unknown as { __studioDialogCalls?: Record<string, unknown[]> };
      const calls = (host.__studioDialogCalls ??= {});
      const seen: unknown[] = [];
      calls[name] = seen;
      const stub = async (...args: unknown[]) => {
        seen.push({ withWindow: args[0] instanceof BrowserWindow, options: args[args.length - 1] });
        return reply;
      };
      const target = dialog as unknown as Record<string, unknown>;
      target[name] = stub;
      if (target[name] !== stub) throw new Error(`dialog.${name} cannot be replaced from the test`);
    },
    { name: method as string, reply: answer as unknown },
  );
}

/** The calls main made to a dialog stubbed with answerDialog(), oldest first. */
export async function dialogCalls(app: ElectronApplication, method: DialogMethod): Promise<DialogCall[]> {
  return app.evaluate((_electron, name) => {
    const host = globalThis as unknown as { __studioDialogCalls?: Record<string, DialogCall[]> };
    return host.__studioDialogCalls?.[name] ?? [];
  }, method as string);
}
