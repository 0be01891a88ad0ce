/**
 * Serves the app icon (build/icon.ico) as favicon.ico next to index.html: in the built web app
 * and Electron renderer (emitted into the bundle) and from the dev/preview servers, so browsers
 * stop logging a 404 for /favicon.ico on every load. One copy of the icon stays in build/.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const ICON = fileURLToPath(new URL('../build/icon.ico', import.meta.url));

export function appIcon(): Plugin {
  return {
    name: 'nanograd-app-icon',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url?.split('?')[0].endsWith('/favicon.ico')) return next();
        res.setHeader('Content-Type', 'image/x-icon');
        res.end(readFileSync(ICON));
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'favicon.ico', source: readFileSync(ICON) });
    },
  };
}
