// `npm start`: the desktop app when an Electron binary is installed; otherwise the same UI as a
// web app (backend in a Web Worker), so a fresh clone always has something to run.
import { spawnSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

async function startElectron(executable) {
  const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const app = spawn(executable, [root], { cwd: root, stdio: 'inherit' });
  app.on('exit', (code) => process.exit(code ?? 0));
}

async function serveWeb(reason) {
  const port = Number(option('port', process.env.PORT ?? '4173'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(
      `nanograd start: --port must be an integer from 0 to 65535 (got ${option('port', process.env.PORT)})`,
    );
    process.exit(2);
  }
  const { build, preview } = await import('vite');
  const configFile = fileURLToPath(new URL('../vite.web.config.ts', import.meta.url));
  await build({
    configFile,
    root: fileURLToPath(new URL('../src-renderer', import.meta.url)),
    logLevel: 'warn',
  });
  const server = await preview({
    configFile,
    logLevel: 'warn',
    preview: { port, strictPort: true, open: false },
  });
  const address = server.httpServer.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  // The preview server binds 127.0.0.1 (vite.web.config.ts); localhost may resolve to ::1 first.
  const url = `http://127.0.0.1:${actualPort}`;
  console.log(
    reason === null
      ? `Serving the web build at ${url}`
      : `Electron binary not available (${reason}); serving the web build instead at ${url}`,
  );
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const electron = findElectronBinary();
if (electron.path !== null && !process.argv.includes('--web')) {
  await startElectron(electron.path);
} else {
  await serveWeb(electron.path === null ? electron.reason : null);
}
