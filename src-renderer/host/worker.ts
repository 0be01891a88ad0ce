/// <reference lib="webworker" />
/**
 * Entry of the web build's backend Web Worker: the same StudioBackend as the Electron worker
 * thread, so training never runs on the UI thread.
 */
import { serveBackend } from './worker-server';

declare const self: DedicatedWorkerGlobalScope;

serveBackend(self);
