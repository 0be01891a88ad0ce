/// <reference lib="dom" />
/**
 * The security posture of the window as the page itself sees it (docs/security.md): no Node in
 * the renderer, exactly the preload's narrow API, a CSP that refuses inline script, no new
 * windows and no navigation away from the app.
 */
import type { StudioApi } from '../../src-shared/api';
import { APP_ENTRY, expect, test } from './studio-app';

/** What a value looks like from the page: 'function', 'string', or the shape of an object. */
type Shape<T> = {
  [K in keyof T]-?: T[K] extends (...args: never[]) => unknown
    ? 'function'
    : T[K] extends string
      ? 'string'
      : Shape<T[K]>;
};

/** window.api as src-shared/api.ts (StudioApi) defines it; the type makes a missing or extra key an error. */
const API_SHAPE: Shape<StudioApi> = {
  host: 'string',
  data: { generate: 'function', importCsv: 'function', export: 'function', paint: 'function' },
  train: {
    start: 'function',
    pause: 'function',
    resume: 'function',
    step: 'function',
    stop: 'function',
    reset: 'function',
    setWeight: 'function',
    lrFind: 'function',
  },
  inspect: { neuron: 'function' },
  model: { export: 'function', load: 'function' },
  project: { save: 'function', load: 'function' },
  dataMap: { show: 'function', row: 'function' },
  sweep: { start: 'function', stop: 'function' },
  evaluation: { report: 'function' },
  crossValidation: { start: 'function', stop: 'function' },
  engine: { threads: 'function' },
  files: { open: 'function', save: 'function' },
  on: 'function',
};

test.describe('the desktop window', () => {
  test('has no Node in the page and exactly the documented preload API', async ({ studio }) => {
    const { page } = studio;
    await expect(page).toHaveTitle('Nanograd Studio');
    expect(page.url()).toBe(APP_ENTRY);

    const nodeGlobals = await page.evaluate(() => ({
      require: typeof require,
      process: typeof process,
      module: typeof module,
      Buffer: typeof Buffer,
    }));
    expect(nodeGlobals).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
    });

    const exposed = await page.evaluate(() => {
      const describe = (value: unknown): unknown => {
        if (value !== null && typeof value === 'object') {
          return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, describe(inner)]));
        }
        return typeof value;
      };
      const host = window as unknown as {
        api?: { host?: unknown };
        studioHost?: unknown;
        ipcRenderer?: unknown;
        electron?: unknown;
      };
      return {
        api: describe(host.api),
        host: host.api?.host,
        studioHost: describe(host.studioHost),
        ipcRenderer: typeof host.ipcRenderer,
        electron: typeof host.electron,
      };
    });
    expect(exposed.api).toEqual(API_SHAPE);
    expect(exposed.host).toBe('electron');
    // The preload's one other export: a dropped File's path (src-main/electron/preload.ts).
    expect(exposed.studioHost).toEqual({ pathForFile: 'function' });
    expect(exposed.ipcRenderer).toBe('undefined');
    expect(exposed.electron).toBe('undefined');
  });

  test('refuses inline script, new windows and navigation to another origin', async ({ studio }) => {
    const { app, page } = studio;

    const inlineRan = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__studioInlineScriptRan = true;';
      document.head.append(script);
      return (window as unknown as { __studioInlineScriptRan?: boolean }).__studioInlineScriptRan === true;
    });
    expect(inlineRan, 'the Content-Security-Policy must refuse inline script').toBe(false);

    // setWindowOpenHandler denies every window; a non-allow-listed URL is not opened outside either.
    const opened = await page.evaluate(() => window.open('https://example.com/', '_blank'));
    expect(opened).toBeNull();

    // Record, in main, the navigations the window attempts (after main's own guard, which runs first).
    await app.evaluate(({ BrowserWindow }) => {
      const host = globalThis as unknown as { __studioNavigations?: string[] };
      const seen: string[] = [];
      host.__studioNavigations = seen;
      for (const win of BrowserWindow.getAllWindows()) {
        win.webContents.on('will-navigate', (details, url) => seen.push(details.url || url));
      }
    });
    await page.evaluate(() => {
      (window as unknown as { __studioProbe?: string }).__studioProbe = 'same document';
      window.location.href = 'https://example.com/';
    });
    await expect
      .poll(() =>
        app.evaluate(() => (globalThis as unknown as { __studioNavigations?: string[] }).__studioNavigations),
      )
      .toContain('https://example.com/');
    await page.waitForTimeout(500); // a navigation that was let through would have committed by now
    expect(page.url()).toBe(APP_ENTRY);
    const probe = await page.evaluate(
      () => (window as unknown as { __studioProbe?: string }).__studioProbe ?? 'a new document',
    );
    expect(probe).toBe('same document');
    await expect(page.getByRole('heading', { name: 'Nanograd Studio', level: 1 })).toBeVisible();

    expect(app.windows()).toHaveLength(1);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
