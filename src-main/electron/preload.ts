// placeholder by F, E replaces: exposes nothing until the real narrow API exists.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('nanogradPlaceholder', true);
