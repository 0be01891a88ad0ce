import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Bundles the real Electron training-worker entry (TypeScript) into one ES module that Node's
 * worker_threads can start, so the worker host is tested against the real backend thread.
 */
export async function buildTrainingWorker(): Promise<string> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'nanograd-worker-'));
  await build({
    configFile: false,
    root,
    logLevel: 'silent',
    ssr: { noExternal: true },
    build: {
      ssr: path.join(root, 'src-main/electron/training-worker.ts'),
      outDir,
      emptyOutDir: true,
      minify: false,
      rolldownOptions: { output: { format: 'es', entryFileNames: 'training-worker.mjs' } },
    },
  });
  return path.join(outDir, 'training-worker.mjs');
}
