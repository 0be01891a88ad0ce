import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@shared': fileURLToPath(new URL('./src-shared', import.meta.url)) },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // CLI tests spawn `node bin/nanograd.js`; this (re)builds out/cli when its sources changed.
    globalSetup: ['./scripts/vitest-global-setup.ts'],
    environment: 'node',
    // Renderer component/store tests opt into happy-dom with a `// @vitest-environment happy-dom` comment.
    // The CLI (src-main/cli/main.ts) and Electron's Chromium run the relaxed-SIMD (FMA) kernels; the
    // in-process backend harness must pick the same kernels to predict what they predict.
    execArgv: ['--experimental-wasm-relaxed-simd'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
