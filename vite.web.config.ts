import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { appIcon } from './scripts/vite-app-icon';

const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The same renderer as Electron's, built as a plain web app; the backend runs in a Web Worker. */
export default defineConfig({
  root: fileURLToPath(new URL('./src-renderer', import.meta.url)),
  base: './',
  plugins: [vue(), appIcon()],
  resolve: { alias: { '@shared': fileURLToPath(new URL('./src-shared', import.meta.url)) } },
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('./out/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    // `npm start` prints one line about what it serves; rolldown's plugin-timing advice is noise there.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  // Cross-origin isolation: SharedArrayBuffer (multi-threaded training) exists only on pages
  // served with these two headers. Anyone hosting out/web must send them too (README).
  server: { headers: CROSS_ORIGIN_ISOLATION },
  preview: { host: '127.0.0.1', headers: CROSS_ORIGIN_ISOLATION },
});
