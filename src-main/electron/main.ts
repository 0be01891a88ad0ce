/**
 * Electron main process. It owns the window, the menu, native dialogs and the IPC gate; the
 * backend (data, training, exports) runs in a worker thread so this process never waits on
 * an epoch. Security posture (see docs/security.md): sandboxed, context-isolated renderer
 * without Node; app served from its own app:// origin with a strict CSP; no navigation, no
 * new windows, no permissions, no webviews; every IPC call checked for sender and payload.
 */
import {
  BrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  nativeImage,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import type { WebContents } from 'electron';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AppCommand, EventChannel, EventOf } from '../../src-shared/api';
import { writeFileAtomic } from '../node/atomic-write';
import { APP_ENTRY, APP_HOST, APP_ORIGIN, APP_SCHEME, mimeType, resolveAppFile } from './app-protocol';
import { contentSecurityPolicy, securityHeaders } from './csp';
import { createFileService } from './files';
import { registerIpcHandlers } from './ipc';
import { buildMenuTemplate } from './menu';
import { lockNavigation, openAllowedExternal } from './navigation';
import { fileFromArgv, openWithOsFiles, osFileKind, PendingOsFile, type OsFile } from './os-files';
import { appOriginOf, isTrustedSender } from './sender';
import { MIN_SIZE, parseWindowState, serializeWindowState, type WindowState } from './window-state';
import { BackendWorkerHost } from './worker-host';

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const appOrigin = devServerUrl ? (appOriginOf(devServerUrl) ?? APP_ORIGIN) : APP_ORIGIN;
const csp = contentSecurityPolicy(
  devServerUrl ? 'development' : 'production',
  devServerUrl ? appOrigin : undefined,
);

// Must run before 'ready': app:// behaves like https (standard, secure) for module scripts.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

function log(message: string): void {
  console.warn(`[nanograd-studio] ${message}`);
}

/** Resolves a file next to the bundled main, outside app.asar when it must be (worker threads cannot load from asar). */
function unpacked(file: string): string {
  return path.join(here, file).replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
}

function iconPath(): string | undefined {
  const candidates = [
    path.join(process.resourcesPath ?? '', 'icon.png'),
    path.join(here, '../../build/icon.png'),
  ];
  return candidates.find((candidate) => nativeImage.createFromPath(candidate).isEmpty() === false);
}

class StudioApp {
  private window: BrowserWindow | null = null;
  private readonly stateFile = path.join(app.getPath('userData'), 'window-state.json');
  private saveTimer: NodeJS.Timeout | null = null;
  /** A file the OS asked us to open (file association, second instance, macOS open-file). */
  private readonly osFiles = new PendingOsFile();
  private started = false;
  private windowLoaded = false;
  private readonly backend = new BackendWorkerHost(
    () => new Worker(unpacked('training-worker.js')),
    (event, payload) => this.sendToWindow(event, payload),
  );

  async start(): Promise<void> {
    this.started = true;
    this.hardenSession();
    this.registerProtocol();
    const files = createFileService({
      dialog: {
        showOpenDialog: (options) =>
          this.window
            ? dialog.showOpenDialog(this.window, options as Electron.OpenDialogOptions)
            : dialog.showOpenDialog(options as Electron.OpenDialogOptions),
        showSaveDialog: (options) =>
          this.window ? dialog.showSaveDialog(this.window, options) : dialog.showSaveDialog(options),
      },
      fs: { stat: (file) => fs.stat(file), readFile: (file) => fs.readFile(file), writeFileAtomic },
      defaultDir: app.getPath('documents'),
    });
    registerIpcHandlers({
      ipcMain,
      isTrustedSender: (event) => isTrustedSender(event as never, this.window, appOrigin),
      backend: this.backend,
      files: openWithOsFiles(files, this.osFiles),
      warn: log,
    });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          platform: process.platform,
          appName: app.name,
          isDev: Boolean(devServerUrl),
          send: (command) => this.sendCommand(command),
          openExternal: (url) => void openAllowedExternal(shell, url, log),
          showAbout: () => app.showAboutPanel(),
        }) as Electron.MenuItemConstructorOptions[],
      ),
    );
    app.setAboutPanelOptions({
      applicationName: 'Nanograd Studio',
      applicationVersion: app.getVersion(),
      copyright: 'MIT License',
    });
    await this.createWindow();
  }

  /** Opens a project or model the OS handed us, through the UI's own File > Open path. */
  openFromOs(file: OsFile): void {
    this.osFiles.offer(file);
    if (!this.started) return; // start() creates the window; its first load dispatches the file
    if (this.windowLoaded) this.dispatchOsFile();
    this.focus();
  }

  focus(): void {
    if (!this.window) return void this.createWindow();
    if (this.window.isMinimized()) this.window.restore();
    this.window.focus();
  }

  async shutdown(): Promise<void> {
    await this.backend.dispose();
  }

  private hardenSession(): void {
    const ses = session.defaultSession;
    // The studio needs no camera, notifications, geolocation, MIDI, clipboard-read, ...
    ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.setDevicePermissionHandler(() => false);
    // Dev server responses get the same CSP header as app:// ones.
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, ...securityHeaders(csp) } });
    });
  }

  private registerProtocol(): void {
    const root = path.join(here, '../renderer');
    protocol.handle(APP_SCHEME, async (request) => {
      const file = resolveAppFile(root, request.url);
      if (!file) return new Response('Not found', { status: 404 });
      try {
        const body = await fs.readFile(file);
        return new Response(body, { headers: { 'Content-Type': mimeType(file), ...securityHeaders(csp) } });
      } catch {
        return new Response('Not found', { status: 404 });
      }
    });
  }

  private async loadWindowState(): Promise<WindowState> {
    const text = await fs.readFile(this.stateFile, 'utf8').catch(() => null);
    return parseWindowState(
      text,
      screen.getAllDisplays().map((d) => d.workArea),
    );
  }

  private scheduleStateSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveWindowState(), 500);
  }

  private async saveWindowState(): Promise<void> {
    const win = this.window;
    if (!win || win.isDestroyed()) return;
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    await writeFileAtomic(this.stateFile, serializeWindowState(state)).catch((err: unknown) =>
      log(`could not save the window state: ${String(err)}`),
    );
  }

  private async createWindow(): Promise<void> {
    const state = await this.loadWindowState();
    const win = new BrowserWindow({
      ...state.bounds,
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
      show: false,
      title: 'Nanograd Studio',
      icon: iconPath(),
      backgroundColor: '#1e1e1e',
      webPreferences: {
        preload: path.join(here, '../preload/index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        safeDialogs: true,
        // Middle-click cannot open windows or navigate (new windows are denied anyway).
        disableBlinkFeatures: 'Auxclick',
      },
    });
    this.window = win;
    this.windowLoaded = false;
    if (state.maximized) win.maximize();
    win.once('ready-to-show', () => win.show());
    const remember = (): void => this.scheduleStateSave();
    win.on('resize', remember);
    win.on('move', remember);
    win.on('maximize', remember);
    win.on('unmaximize', remember);
    win.on('close', () => void this.saveWindowState());
    win.on('closed', () => {
      if (this.window === win) this.window = null;
    });
    // The UI subscribes to app:command while the page loads, so a waiting file can go now.
    win.webContents.on('did-finish-load', () => {
      if (this.window !== win) return;
      this.windowLoaded = true;
      this.dispatchOsFile();
    });
    win.webContents.on('render-process-gone', (_event, details) => log(`renderer gone: ${details.reason}`));
    await win.loadURL(devServerUrl ?? APP_ENTRY);
  }

  private sendToWindow<E extends EventChannel>(event: E, payload: EventOf<E>): void {
    const contents: WebContents | undefined =
      this.window && !this.window.isDestroyed() ? this.window.webContents : undefined;
    if (contents && !contents.isDestroyed()) contents.send(event, payload);
  }

  private dispatchOsFile(): void {
    const command = this.osFiles.dispatch();
    if (command) this.sendCommand(command);
  }

  private sendCommand(command: AppCommand): void {
    this.sendToWindow('app:command', { command });
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const studio = new StudioApp();
  const launchFile = fileFromArgv(process.argv, process.cwd());
  if (launchFile) studio.openFromOs(launchFile);
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = fileFromArgv(argv, workingDirectory);
    if (file) studio.openFromOs(file);
    else studio.focus();
  });
  // macOS delivers double-clicked files as events (possibly before 'ready'), not in argv.
  app.on('open-file', (event, file) => {
    const kind = osFileKind(file);
    if (!kind) return;
    event.preventDefault();
    studio.openFromOs({ path: file, kind });
  });
  app.on('web-contents-created', (_event, contents) => lockNavigation(contents, shell, log));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => studio.focus());
  app.on('will-quit', () => void studio.shutdown());
  app.setAppUserModelId('dev.nanograd.studio');
  void app
    .whenReady()
    .then(() => studio.start())
    .catch((err: unknown) => {
      dialog.showErrorBox(
        'Nanograd Studio could not start',
        err instanceof Error ? err.message : String(err),
      );
      app.quit();
    });
}

export { APP_HOST };
