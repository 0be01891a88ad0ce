/**
 * The application menu. Every app-specific item only sends an `app:command` to the UI, which
 * owns the actions (so the menu, the buttons and the keyboard shortcuts do the same thing).
 * Accelerators avoid single keys: the UI's own shortcuts (space, S, R) stay usable in forms.
 */
import type { AppCommand } from '../../src-shared/api';

/** Electron's MenuItemConstructorOptions, reduced to what is used here. */
export interface MenuItemSpec {
  label?: string;
  role?: string;
  type?: 'separator' | 'submenu' | 'normal';
  accelerator?: string;
  submenu?: MenuItemSpec[];
  click?: () => void;
  id?: string;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  appName: string;
  isDev: boolean;
  send(command: AppCommand): void;
  openExternal(url: string): void;
  showAbout(): void;
}

export const HELP_URL = 'https://github.com/nanograd/nanograd-studio#readme';

export function buildMenuTemplate(ctx: MenuContext): MenuItemSpec[] {
  const isMac = ctx.platform === 'darwin';
  const command = (label: string, cmd: AppCommand, accelerator?: string): MenuItemSpec => ({
    id: cmd,
    label,
    accelerator,
    click: () => ctx.send(cmd),
  });
  const separator: MenuItemSpec = { type: 'separator' };

  const appMenu: MenuItemSpec[] = isMac
    ? [
        {
          label: ctx.appName,
          submenu: [
            { role: 'about' },
            separator,
            { role: 'services' },
            separator,
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            separator,
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const file: MenuItemSpec = {
    label: '&File',
    submenu: [
      command('Open CSV…', 'open-csv', 'CmdOrCtrl+O'),
      command('Open Model…', 'open-model', 'CmdOrCtrl+Shift+O'),
      command('Open Project…', 'open-project', 'CmdOrCtrl+Alt+O'),
      separator,
      command('Save Project', 'save-project', 'CmdOrCtrl+S'),
      {
        label: 'Export',
        submenu: [
          command('Model as JSON…', 'export-json', 'CmdOrCtrl+E'),
          command('Model as ONNX…', 'export-onnx'),
          command('PyTorch Script…', 'export-pytorch'),
          command('Predictions as CSV…', 'export-predictions'),
        ],
      },
      separator,
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const edit: MenuItemSpec = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const training: MenuItemSpec = {
    label: '&Training',
    submenu: [
      command('Train / Pause', 'train-toggle', 'CmdOrCtrl+Enter'),
      command('Step One Epoch', 'step', 'CmdOrCtrl+Shift+Enter'),
      command('Reset', 'reset', 'CmdOrCtrl+Shift+Backspace'),
    ],
  };

  const view: MenuItemSpec = {
    label: '&View',
    submenu: [
      ...(ctx.isDev ? [{ role: 'reload' }, { role: 'toggleDevTools' }, separator] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemSpec = {
    role: 'help',
    label: '&Help',
    submenu: [
      { label: 'Documentation', click: () => ctx.openExternal(HELP_URL) },
      ...(isMac ? [] : [separator, { label: `About ${ctx.appName}`, click: () => ctx.showAbout() }]),
    ],
  };

  return [...appMenu, file, edit, training, view, help];
}
