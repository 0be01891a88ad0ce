// placeholder by F, E replaces: lets the electron-vite build run before the real main process lands.
import { app, BrowserWindow } from 'electron';
import { fileURLToPath } from 'node:url';

app.whenReady().then(async () => {
  const window = new BrowserWindow({
    title: 'Nanograd Studio',
    webPreferences: { preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)), sandbox: true },
  });
  await window.loadFile(fileURLToPath(new URL('../renderer/index.html', import.meta.url)));
});
app.on('window-all-closed', () => app.quit());
