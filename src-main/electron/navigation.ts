/**
 * The window never navigates and never opens windows. Links the UI shows (docs, the project
 * page, PyTorch/ONNX sites) open in the system browser, but only https links to an allow-list
 * of hosts: anything else is dropped, so injected content cannot launch arbitrary URLs or
 * local handlers (file:, smb:, custom schemes).
 */
export const EXTERNAL_HOSTS: readonly string[] = [
  'github.com',
  'pytorch.org',
  'onnx.ai',
  'onnxruntime.ai',
  'netron.app',
  'playground.tensorflow.org',
  'developer.mozilla.org',
];

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return false;
  return EXTERNAL_HOSTS.includes(parsed.hostname.toLowerCase());
}

/** The slices of WebContents and shell the guards need (tests pass fakes). */
export interface GuardedContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void; url?: string }, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/**
 * The one way the app opens a URL in the system browser (window links and the Help menu): only
 * allow-listed https URLs; anything else is logged and dropped. Returns whether it was opened.
 */
export function openAllowedExternal(
  shell: ShellLike,
  url: string,
  log: (message: string) => void = () => undefined,
): boolean {
  if (!isAllowedExternalUrl(url)) {
    log(`blocked navigation to ${url.slice(0, 200)}`);
    return false;
  }
  void shell.openExternal(url).catch(() => undefined);
  return true;
}

/** Installs the navigation lock on one WebContents. */
export function lockNavigation(
  contents: GuardedContents,
  shell: ShellLike,
  log: (message: string) => void = () => undefined,
): void {
  const openOutside = (url: string): void => void openAllowedExternal(shell, url, log);
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openOutside(url);
  });
  contents.on('will-redirect', (event, url) => {
    event.preventDefault();
    log(`blocked redirect to ${url.slice(0, 200)}`);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}
