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
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
