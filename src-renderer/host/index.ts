/// <reference lib="dom" />
/**
 * The one place the renderer gets its StudioApi: the preload's `window.api` in Electron, a
 * Web Worker transport in the browser. Created once per page; the UI never knows which.
 */
import type { StudioApi } from '@shared/api';
import { createWebApi } from './web-api';

/** What the Electron preload adds besides `api`: resolving a dropped File to its path. */
export interface StudioHostExtras {
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    api?: StudioApi;
    studioHost?: StudioHostExtras;
  }
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}

const webApi = once(() => createWebApi());

export function getApi(): StudioApi {
  return window.api ?? webApi();
}

/** Absolute path of a dropped file in Electron (kept in projects); undefined in the browser. */
export function pathForFile(file: File): string | undefined {
  const path = window.studioHost?.pathForFile(file);
  return path ? path : undefined;
}

export { readPickedFile } from './web-files';
export type { StudioApi };
