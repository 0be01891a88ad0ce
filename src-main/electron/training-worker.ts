// placeholder by F, E replaces: the worker thread entry that will run the StudioBackend.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', (message: unknown) => parentPort?.postMessage({ type: 'echo', message }));
