/**
 * The sandboxed preload (bundled to CommonJS: out/preload/index.cjs). It exposes exactly two
 * things to the page: `window.api` (the StudioApi contract) and `window.studioHost.pathForFile`
 * (a dropped File's path, via webUtils). No ipcRenderer, no Node, nothing else.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildPreloadApi } from './preload-api';

contextBridge.exposeInMainWorld('api', buildPreloadApi(ipcRenderer));
contextBridge.exposeInMainWorld('studioHost', {
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
});
