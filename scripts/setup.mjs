// `npm run setup`: `npm ci`, but without the Electron binary download when its host is unreachable
// (offline machines, registry-only networks) — otherwise electron's postinstall fails the whole
// install. Without the binary, `npm start` serves the same UI as a web app.
import { spawnSync } from 'node:child_process';
import { connect } from 'node:tls';

const TIMEOUT_MS = 8000;

/** Resolves true when a TLS connection to host:443 succeeds within the timeout. */
function reachable(host) {
  return new Promise((resolve) => {
    const socket = connect({ host, port: 443, servername: host, timeout: TIMEOUT_MS }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
  });
}

const env = { ...process.env };
if (!env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  const mirror = env.ELECTRON_MIRROR ?? env.npm_config_electron_mirror;
  const host = mirror ? new URL(mirror).hostname : 'github.com';
  if (!(await reachable(host))) {
    console.log(
      `${host} is unreachable: installing without the Electron binary (npm start will serve the web build)`,
    );
    env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';
  }
}

const npm = process.env.npm_execpath
  ? [process.execPath, [process.env.npm_execpath, 'ci', ...process.argv.slice(2)]]
  : ['npm', ['ci', ...process.argv.slice(2)]];
const result = spawnSync(npm[0], npm[1], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
