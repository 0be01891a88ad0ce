import { defineConfig } from 'vite';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
// Runtime dependencies (pure JS: commander, papaparse, protobufjs, zod) are bundled, because Node's
// ESM resolver rejects the extensionless subpaths some of them are imported by (protobufjs/light).
// Node builtins and dev-only packages (onnxruntime-node is native, used only to check exports)
// stay imports.
const escapeRegExp = (text: string): string => text.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&');
const external = [
  ...builtinModules.flatMap((m) => [m, `node:${m}`]),
  ...Object.keys(pkg.devDependencies ?? {}).flatMap((name) => [name, new RegExp(`^${escapeRegExp(name)}/`)]),
];

export default defineConfig({
  resolve: { alias: { '@shared': fileURLToPath(new URL('./src-shared', import.meta.url)) } },
  build: {
    ssr: true,
    outDir: fileURLToPath(new URL('./out/cli', import.meta.url)),
    // Not emptied: parallel test runs may be spawning the CLI while another run rebuilds it.
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    rolldownOptions: {
      external,
      // The pool's worker thread is a second entry, emitted next to nanograd.js (see src-main/node/worker-pool.ts).
      input: {
        nanograd: fileURLToPath(new URL('./src-main/cli/main.ts', import.meta.url)),
        'pool-worker': fileURLToPath(new URL('./src-main/node/pool-worker.ts', import.meta.url)),
        'gemm-worker': fileURLToPath(new URL('./src-main/node/gemm-worker.ts', import.meta.url)),
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
  ssr: { target: 'node', noExternal: true },
});
