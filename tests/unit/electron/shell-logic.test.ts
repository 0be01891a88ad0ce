import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppCommandValues } from './app-commands';
import { APP_ENTRY, mimeType, resolveAppFile } from '../../../src-main/electron/app-protocol';
import { contentSecurityPolicy, securityHeaders } from '../../../src-main/electron/csp';
import { buildMenuTemplate, type MenuItemSpec } from '../../../src-main/electron/menu';
import {
  isAllowedExternalUrl,
  lockNavigation,
  type GuardedContents,
} from '../../../src-main/electron/navigation';
import {
  DEFAULT_STATE,
  MIN_SIZE,
  parseWindowState,
  serializeWindowState,
} from '../../../src-main/electron/window-state';
import type { AppCommand } from '../../../src-shared/api';

describe('app:// protocol', () => {
  const root = path.resolve('/opt/studio/out/renderer');
  it('maps app URLs into the renderer folder', () => {
    expect(resolveAppFile(root, APP_ENTRY)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://studio/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://studio/assets/index-abc.js?v=1')).toBe(
      path.join(root, 'assets/index-abc.js'),
    );
    expect(mimeType('x/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('x/blob.bin')).toBe('application/octet-stream');
  });

  it('never resolves outside the renderer folder', () => {
    // The URL parser folds plain and %2e dot segments, so these land inside root (harmless).
    expect(resolveAppFile(root, 'app://studio/../../etc/passwd')).toBe(path.join(root, 'etc/passwd'));
    expect(resolveAppFile(root, 'app://studio/%2e%2e/%2e%2e/etc/passwd')).toBe(path.join(root, 'etc/passwd'));
  });

  it('refuses encoded escapes, other hosts and other schemes', () => {
    for (const url of [
      'app://studio/assets/..%2f..%2f..%2fsecret',
      'app://studio/a%5c..%5c..%5csecret',
      'app://studio/a%00.js',
      'app://studio/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
      'https://studio/index.html',
      'not a url',
    ]) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });
});

describe('content security policy', () => {
  it('allows only the app itself in production', () => {
    const csp = contentSecurityPolicy('production');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:|ws:/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(securityHeaders(csp)['Content-Security-Policy']).toBe(csp);
    // Cross-origin isolation (shared memory for multi-threaded training).
    expect(securityHeaders(csp)['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(securityHeaders(csp)['Cross-Origin-Embedder-Policy']).toBe('require-corp');
  });
  it('adds only the dev server websocket in development', () => {
    const csp = contentSecurityPolicy('development', 'http://localhost:5173');
    expect(csp).toContain("connect-src 'self' ws://localhost:5173");
    expect(csp).not.toContain('unsafe-eval');
  });
});

describe('navigation lock', () => {
  it('allows only https links to listed hosts', () => {
    expect(isAllowedExternalUrl('https://github.com/nanograd')).toBe(true);
    expect(isAllowedExternalUrl('https://pytorch.org/docs')).toBe(true);
    for (const url of [
      'http://github.com/',
      'https://github.com.evil.io/',
      'https://user:pw@github.com/',
      'https://github.com:444/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'nope',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('prevents every navigation, redirect, webview and window, opening only allowed links outside', () => {
    const listeners: Record<string, (event: { preventDefault(): void }, url: string) => void> = {};
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
    const contents: GuardedContents = {
      on: (event: string, listener: (event: { preventDefault(): void }, url: string) => void) =>
        (listeners[event] = listener),
      setWindowOpenHandler: (handler) => (openHandler = handler),
    } as GuardedContents;
    const opened: string[] = [];
    const logged: string[] = [];
    lockNavigation(contents, { openExternal: async (url) => void opened.push(url) }, (m) => logged.push(m));
    let prevented = 0;
    const event = { preventDefault: () => prevented++ };
    listeners['will-navigate'](event, 'https://github.com/x');
    listeners['will-navigate'](event, 'https://evil.example/');
    listeners['will-redirect'](event, 'https://evil.example/');
    listeners['will-attach-webview'](event, '');
    expect(prevented).toBe(4);
    expect(openHandler!({ url: 'https://onnx.ai/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://github.com/x', 'https://onnx.ai/']);
    expect(logged).toEqual([
      'blocked navigation to https://evil.example/',
      'blocked redirect to https://evil.example/',
      'blocked navigation to file:///etc/passwd',
    ]);
  });
});

describe('application menu', () => {
  function flatten(items: MenuItemSpec[]): MenuItemSpec[] {
    return items.flatMap((item) => [item, ...flatten(item.submenu ?? [])]);
  }

  it('has File, Edit, View and Help with the usual accelerators, sending app commands', () => {
    const sent: AppCommand[] = [];
    const template = buildMenuTemplate({
      platform: 'linux',
      appName: 'Nanograd Studio',
      isDev: false,
      send: (c) => sent.push(c),
      openExternal: () => undefined,
      showAbout: () => undefined,
    });
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&Training', '&View', '&Help']);
    const items = flatten(template);
    const byId = (id: string) => items.find((i) => i.id === id)!;
    expect(byId('open-csv').accelerator).toBe('CmdOrCtrl+O');
    expect(byId('save-project').accelerator).toBe('CmdOrCtrl+S');
    for (const item of items.filter((i) => i.id)) item.click!();
    expect(sent.sort()).toEqual([...AppCommandValues].sort());
    const accelerators = items.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
    // No dev tools or reload in a release build.
    expect(items.some((i) => i.role === 'toggleDevTools' || i.role === 'reload')).toBe(false);
  });

  it('puts the app menu first on macOS and adds dev tools in development', () => {
    const template = buildMenuTemplate({
      platform: 'darwin',
      appName: 'Nanograd Studio',
      isDev: true,
      send: () => undefined,
      openExternal: () => undefined,
      showAbout: () => undefined,
    });
    expect(template[0].label).toBe('Nanograd Studio');
    expect(flatten(template).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});

describe('window state', () => {
  const display = { x: 0, y: 0, width: 1920, height: 1080 };
  it('restores a saved position that is still on a display', () => {
    const text = serializeWindowState({
      bounds: { x: 100, y: 50, width: 1300, height: 900 },
      maximized: true,
    });
    expect(parseWindowState(text, [display])).toEqual({
      bounds: { x: 100, y: 50, width: 1300, height: 900 },
      maximized: true,
    });
  });
  it('drops a position on an unplugged monitor but keeps the size', () => {
    const text = serializeWindowState({
      bounds: { x: 2500, y: 100, width: 1200, height: 800 },
      maximized: false,
    });
    expect(parseWindowState(text, [display])).toEqual({
      bounds: { width: 1200, height: 800 },
      maximized: false,
    });
  });
  it('clamps sizes to the supported minimum and the largest display', () => {
    const tiny = parseWindowState(JSON.stringify({ bounds: { width: 300, height: 200 } }), [display]);
    expect(tiny.bounds).toEqual({ width: MIN_SIZE.width, height: MIN_SIZE.height });
    const huge = parseWindowState(JSON.stringify({ bounds: { width: 9000, height: 9000 } }), [display]);
    expect(huge.bounds).toEqual({ width: 1920, height: 1080 });
  });
  it('falls back to defaults for missing or corrupt files', () => {
    expect(parseWindowState(null, [display])).toEqual(DEFAULT_STATE);
    expect(parseWindowState('{"bounds": ', [display])).toEqual(DEFAULT_STATE);
    expect(parseWindowState('{"bounds": {"width": "wide"}}', [display])).toEqual(DEFAULT_STATE);
  });
});
