import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { appIcon } from './scripts/vite-app-icon';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const sharedAlias = { '@shared': fromRoot('./src-shared') };
// Targets below ES2022 / Node 12 lower class private fields (#x, used by ml-matrix under ml-pca)
// so that the security scan (Electronegativity, `npm run security`) can parse every bundled chunk.
const SCANNABLE_TARGET = 'es2021';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      target: 'node10',
      // Bundle the pure-JS dependencies: Node's ESM resolver rejects extensionless subpath imports
      // such as protobufjs/light, and a self-contained bundle packages without node_modules lookups.
      externalizeDeps: false,
      rolldownOptions: {
        // The worker thread is a second entry so main can start it with new Worker(new URL(...)).
        input: {
          index: fromRoot('./src-main/electron/main.ts'),
          'training-worker': fromRoot('./src-main/electron/training-worker.ts'),
          'pool-worker': fromRoot('./src-main/node/pool-worker.ts'),
          'gemm-worker': fromRoot('./src-main/node/gemm-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron' and a few builtins; everything else is bundled.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('./src-main/electron/preload.ts') },
        // Sandboxed preloads cannot be ES modules; Electron requires CommonJS there.
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    resolve: { alias: sharedAlias },
    plugins: [vue(), appIcon()],
    worker: { format: 'es' },
    build: {
      outDir: 'out/renderer',
      target: SCANNABLE_TARGET,
      rolldownOptions: { input: { index: fromRoot('./src-renderer/index.html') } },
    },
  },
});
