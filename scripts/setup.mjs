// `npm run setup`: everything a fresh clone needs to run the app and every test.
// 1. `npm ci`, without the Electron binary download when its host is unreachable (offline
//    machines, registry-only networks) — otherwise electron's postinstall fails the whole install.
//    Without the binary, `npm start` serves the same UI as a web app.
// 2. The system packages the tests use, on Debian/Ubuntu via apt-get when this user may install
//    (root, or sudo without a password): Chromium for the end-to-end tests, and Python's torch,
//    scikit-learn, onnx, pytest and pyflakes for the tests that run the PyTorch and ONNX exports. Elsewhere it
//    fetches Playwright's own Chromium instead and prints the one command that would install the
//    rest (those tests then report themselves skipped); the app itself needs none of them.
// `--no-system` skips step 2.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:tls';

const TIMEOUT_MS = 8000;

// Vite 8 and ESLint 10 refuse older Node versions, and npm only warns about it; say so up front.
const [major, minor] = process.versions.node.split('.').map(Number);
if (!((major === 20 && minor >= 19) || (major === 22 && minor >= 13) || major >= 24)) {
  console.error(`setup: Node ${process.versions.node} is too old: use Node 20.19+, 22.13+ or 24+`);
  process.exit(1);
}
const args = process.argv.slice(2);
const skipSystem = args.includes('--no-system');
const npmArgs = args.filter((arg) => arg !== '--no-system');

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

function run(command, commandArgs, env = process.env) {
  return spawnSync(command, commandArgs, { stdio: 'inherit', env }).status ?? 1;
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
  ? [process.execPath, [process.env.npm_execpath, 'ci', '--no-audit', '--no-fund', ...npmArgs]]
  : ['npm', ['ci', '--no-audit', '--no-fund', ...npmArgs]];
const npmStatus = run(npm[0], npm[1], env);
if (npmStatus !== 0) process.exit(npmStatus);

if (!skipSystem) process.exitCode = installSystemPackages();

/** The Debian packages the tests need and this machine lacks. */
function missingPackages() {
  const missing = [];
  if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
  const python = '/usr/bin/python3';
  const probe = (module) =>
    existsSync(python) && spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
  if (!probe('torch, sklearn, onnx')) missing.push('python3-torch', 'python3-sklearn', 'python3-onnx');
  // pytest runs the exported PyTorch script's tests; pyflakes lints it (.ci/run).
  if (!probe('pytest')) missing.push('python3-pytest');
  if (!probe('pyflakes')) missing.push('pyflakes3');
  return missing;
}

function installSystemPackages() {
  const missing = missingPackages();
  if (missing.length === 0) return 0;
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  const isRoot = process.getuid?.() === 0;
  const canSudo = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!existsSync('/usr/bin/apt-get') || (!isRoot && !canSudo)) {
    // Without a system Chromium the e2e tests use Playwright's own build (playwright.config.ts).
    if (missing.includes('chromium')) {
      console.log('setup: no /usr/bin/chromium; installing Playwright’s Chromium for the end-to-end tests');
      const playwright = run(process.execPath, [
        'node_modules/@playwright/test/cli.js',
        'install',
        'chromium',
      ]);
      if (playwright !== 0) console.log('setup: Playwright could not download Chromium either');
    }
    console.log(
      `setup: for every test also install ${missing.join(', ')}` +
        ` (PyTorch/ONNX export checks${missing.includes('chromium') ? ', system Chromium' : ''}); on Debian/Ubuntu: sudo ${command}`,
    );
    return 0;
  }
  console.log(`setup: installing ${missing.join(', ')} for the tests (${command})`);
  const asRoot = (list) => (isRoot ? ['env', list] : ['sudo', ['-n', 'env', ...list]]);
  const aptEnv = ['DEBIAN_FRONTEND=noninteractive'];
  const [updateCmd, updateArgs] = asRoot([...aptEnv, 'apt-get', 'update', '-q']);
  const [installCmd, installArgs] = asRoot([
    ...aptEnv,
    'apt-get',
    'install',
    '-y',
    '-q',
    '--no-install-recommends',
    ...missing,
  ]);
  if (run(updateCmd, updateArgs) !== 0 || run(installCmd, installArgs) !== 0) {
    console.error(`setup: apt-get could not install ${missing.join(', ')}`);
    return 1;
  }
  return 0;
}
