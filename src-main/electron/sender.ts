/**
 * Who may talk to the backend: only the main frame of our own window, showing our own app
 * origin. A navigated-away page, an iframe, or another window (even one of ours) gets nothing.
 */

/** The slice of Electron's IpcMainInvokeEvent the check reads. */
export interface SenderFrameLike {
  url: string;
  processId: number;
  routingId: number;
  parent: unknown;
}
export interface InvokeEventLike {
  sender: unknown;
  senderFrame: SenderFrameLike | null;
}
export interface TrustedWindow {
  webContents: { mainFrame: { processId: number; routingId: number } };
  isDestroyed(): boolean;
}

/**
 * `scheme://host` of a URL. WHATWG `URL.origin` is "null" for non-special schemes such as our
 * app:// protocol, so it cannot be compared directly.
 */
export function appOriginOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'file:') return 'file://';
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

export function isTrustedSender(
  event: InvokeEventLike,
  window: TrustedWindow | null,
  appOrigin: string,
): boolean {
  if (!window || window.isDestroyed()) return false;
  const contents = window.webContents;
  if (event.sender !== contents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent) return false;
  if (frame.processId !== contents.mainFrame.processId || frame.routingId !== contents.mainFrame.routingId)
    return false;
  return appOriginOf(frame.url) === appOrigin;
}
