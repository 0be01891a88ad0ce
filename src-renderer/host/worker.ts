/// <reference lib="webworker" />
/**
 * Entry of the web build's backend Web Worker: the same StudioBackend as the Electron worker
 * thread, so training never runs on the UI thread.
 */
import { serveInWorker } from './worker-server';

declare const self: DedicatedWorkerGlobalScope;

serveInWorker(self);
