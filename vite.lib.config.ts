import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/** The engine as an importable ES library (`import { Value } from 'nanograd-studio'`); types come from tsconfig.lib.json. */
export default defineConfig({
  build: {
    lib: {
      entry: fileURLToPath(new URL('./src-shared/index.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'index.js',
    },
    outDir: fileURLToPath(new URL('./dist/lib', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
  },
});
