// `npm run package:check`: validates electron-builder.yml offline, without an Electron binary.
// It packs the built app with the real electron-builder CLI,
//   electron-builder --dir --linux --publish never -c.electronDist=<stand-in>
// where the stand-in Electron distribution is a temp dir holding one placeholder `electron`
// executable that carries Electron's fuse wire (so electron-builder can flip the fuses the config
// asks for). Then it checks the unpacked app: app.asar with the bundled main, preload and renderer
// and nothing else, the worker thread (and the chunk it imports) in app.asar.unpacked, the icon in
// resources/, the fuses, and the icon files for macOS and Windows. Nothing is downloaded: with a
// local electronDist, a .png Linux icon and ready-made .icns/.ico files electron-builder needs no
// network (it would fetch Electron, and an icon converter for a .png mac/win icon, otherwise).
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const started = performance.now();

// What main.ts loads at run time (see src-main/electron/main.ts and electron.vite.config.ts).
const MAIN = 'out/main/index.js';
const WORKER = 'out/main/training-worker.js';
const PRELOAD = 'out/preload/index.cjs';
const RENDERER = 'out/renderer/index.html';
const ICON = 'build/icon.png';
const EXECUTABLE = 'nanograd-studio'; // linux.executableName

// Electron's fuse wire: sentinel, wire version 1, 8 fuses ('0' off, '1' on), Electron's defaults.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_NAMES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
];
const ELECTRON_DEFAULT_FUSES = '10110001';
const EXPECTED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

function fail(message) {
  console.error(`package:check: ${message}`);
  process.exit(1);
}
function check(condition, message) {
  if (!condition) fail(message);
}

const missing = [MAIN, WORKER, PRELOAD, RENDERER].filter((file) => !existsSync(path.join(root, file)));
check(missing.length === 0, `${missing.join(', ')} not found: run \`npm run build\` first`);
check(existsSync(path.join(root, 'electron-builder.yml')), 'electron-builder.yml not found');
checkIcons();

let cli;
try {
  cli = require.resolve('electron-builder/cli.js');
} catch {
  fail('electron-builder is not installed: run `npm ci`');
}

const work = mkdtempSync(path.join(os.tmpdir(), 'nanograd-package-check-'));
try {
  const electronDist = path.join(work, 'electron-dist');
  const output = path.join(work, 'release');
  writeStandInElectron(electronDist);

  const args = [
    cli,
    '--dir',
    '--linux',
    '--x64',
    '--publish',
    'never',
    `-c.electronDist=${electronDist}`,
    `-c.directories.output=${output}`,
  ];
  const run = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    // CI: no prompts, no update notifier; a private cache so nothing outside the temp dir is used.
    env: { ...process.env, CI: 'true', ELECTRON_BUILDER_CACHE: path.join(work, 'cache') },
  });
  if (run.status !== 0) {
    const log = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    fail(`electron-builder failed (${run.error?.message ?? `exit ${run.status}`}):\n${log}`);
  }

  const appDir = path.join(output, 'linux-unpacked');
  const resources = path.join(appDir, 'resources');
  check(existsSync(path.join(appDir, EXECUTABLE)), `no ${EXECUTABLE} executable in ${appDir}`);

  const asar = readAsar(path.join(resources, 'app.asar'));
  for (const file of ['package.json', MAIN, WORKER, PRELOAD, RENDERER]) {
    check(asar.has(file), `app.asar lacks ${file}`);
  }
  const extra = [...asar.keys()].filter(
    (file) =>
      !(file === 'package.json' || /^out\/(main|preload|renderer)\//.test(file)) || file.endsWith('.map'),
  );
  check(extra.length === 0, `app.asar holds files the app does not need: ${extra.slice(0, 5).join(', ')}`);
  const manifest = asar.get('package.json');
  const packaged = JSON.parse(asar.bytes.toString('utf8', manifest.offset, manifest.offset + manifest.size));
  check(asar.has(packaged.main), `the packaged package.json's "main" (${packaged.main}) is not in app.asar`);
  for (const field of ['homepage', 'desktopName']) {
    check(
      packaged[field],
      `the packaged package.json lacks "${field}" (extraMetadata in electron-builder.yml)`,
    );
  }
  for (const file of asar.keys()) {
    check(
      sameBytesAsBuild(asar, resources, file),
      `app.asar has a different ${file} than out/ (stale build?)`,
    );
  }

  // The worker and every module it imports must be real files: worker threads cannot read app.asar.
  const unpackedDir = path.join(resources, 'app.asar.unpacked');
  const workerFiles = importClosure(unpackedDir, WORKER);
  for (const file of workerFiles) {
    check(asar.get(file)?.unpacked === true, `${file} is not marked unpacked in app.asar (asarUnpack)`);
  }

  const icon = path.join(resources, 'icon.png');
  check(
    existsSync(icon),
    'resources/icon.png is missing (extraResources); main.ts loads the window icon from there',
  );
  check(
    readFileSync(icon).equals(readFileSync(path.join(root, ICON))),
    `resources/icon.png differs from ${ICON}`,
  );

  const fuses = readFuses(path.join(appDir, EXECUTABLE));
  for (const [name, expected] of Object.entries(EXPECTED_FUSES)) {
    check(
      fuses[name] === expected,
      `fuse ${name} is ${fuses[name]}, electron-builder.yml asks for ${expected}`,
    );
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `package:check: electron-builder --dir --linux packed app.asar (${asar.size} files: package.json, main, preload, renderer), ` +
      `unpacked ${workerFiles.map((file) => path.basename(file)).join(' + ')}, resources/icon.png, ` +
      `${Object.keys(EXPECTED_FUSES).length} fuses set; icon.png/icns/ico valid (${seconds} s)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** A placeholder Linux Electron: a shell script that carries the fuse wire at Electron's defaults. */
function writeStandInElectron(dir) {
  const file = path.join(dir, 'electron');
  const script =
    '#!/bin/sh\necho "stand-in Electron for npm run package:check; it cannot run the app" >&2\nexit 1\n';
  const wire = Buffer.concat([
    Buffer.from(`# ${FUSE_SENTINEL}`, 'latin1'),
    Buffer.from([1, FUSE_NAMES.length]),
    Buffer.from(ELECTRON_DEFAULT_FUSES, 'latin1'),
    Buffer.from('\n', 'latin1'),
  ]);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, Buffer.concat([Buffer.from(script), wire]), { flag: 'wx' });
  chmodSync(file, 0o755);
}

function readFuses(executable) {
  const bytes = readFileSync(executable);
  const at = bytes.indexOf(FUSE_SENTINEL, 0, 'latin1');
  check(at >= 0, `${path.basename(executable)} has no fuse wire`);
  const wire = bytes.subarray(
    at + FUSE_SENTINEL.length + 2,
    at + FUSE_SENTINEL.length + 2 + FUSE_NAMES.length,
  );
  return Object.fromEntries(FUSE_NAMES.map((name, i) => [name, wire[i] === 0x31]));
}

/**
 * The files of an asar archive: 'path/in/archive' -> { size, offset, unpacked }. The header is a
 * Chromium pickle: uint32 4, uint32 header size, then uint32 payload size, uint32 JSON length, JSON.
 */
function readAsar(file) {
  check(existsSync(file), `${file} is missing`);
  const bytes = readFileSync(file);
  const headerSize = bytes.readUInt32LE(4);
  const jsonLength = bytes.readUInt32LE(12);
  const header = JSON.parse(bytes.subarray(16, 16 + jsonLength).toString('utf8'));
  const files = new Map();
  const visit = (node, prefix) => {
    for (const [name, entry] of Object.entries(node.files ?? {})) {
      const full = prefix ? `${prefix}/${name}` : name;
      if (entry.files) visit(entry, full);
      else
        files.set(full, {
          size: entry.size,
          offset: entry.offset === undefined ? undefined : 8 + headerSize + Number(entry.offset),
          unpacked: entry.unpacked === true,
        });
    }
  };
  visit(header, '');
  files.bytes = bytes;
  return files;
}

function sameBytesAsBuild(asar, resources, file) {
  const entry = asar.get(file);
  const packed = entry.unpacked
    ? readFileSync(path.join(resources, 'app.asar.unpacked', file))
    : asar.bytes.subarray(entry.offset, entry.offset + entry.size);
  // electron-builder rewrites package.json (drops dev fields), so only its "main" is compared above.
  if (file === 'package.json') return true;
  return packed.equals(readFileSync(path.join(root, file)));
}

/** The worker entry and the relative ES imports it pulls in, transitively, all read from disk. */
function importClosure(dir, entry) {
  const seen = [];
  const visit = (file) => {
    if (seen.includes(file)) return;
    const onDisk = path.join(dir, file);
    check(
      existsSync(onDisk),
      `${file} is not in app.asar.unpacked, but the worker thread loads it from there`,
    );
    seen.push(file);
    const code = readFileSync(onDisk, 'utf8');
    // Not after '{': bundled libraries' JSDoc types such as {import('../matrix').default} are no imports.
    for (const [, spec] of code.matchAll(/(?<![{\w.])(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      visit(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)));
    }
  };
  visit(entry);
  return seen;
}

/** build/icon.png (Linux, window), icon.icns (macOS) and icon.ico (Windows) as make-icon.mjs writes them. */
function checkIcons() {
  const read = (name) => {
    const file = path.join(root, 'build', name);
    check(existsSync(file), `build/${name} is missing: run \`node scripts/make-icon.mjs\``);
    return readFileSync(file);
  };
  const png = read('icon.png');
  const pngSize = (b) => (b.readUInt32BE(0) === 0x89504e47 ? b.readUInt32BE(16) : 0);
  check(
    pngSize(png) >= 512 && png.readUInt32BE(20) === pngSize(png),
    'build/icon.png must be a square PNG of 512 px or more',
  );
  check(statSync(path.join(root, ICON)).size < 50_000, 'build/icon.png must stay under 50 KB');

  const icns = read('icon.icns');
  check(
    icns.toString('latin1', 0, 4) === 'icns' && icns.readUInt32BE(4) === icns.length,
    'build/icon.icns is not an icns file',
  );
  const icnsTypes = new Map();
  for (let at = 8; at + 8 <= icns.length; at += icns.readUInt32BE(at + 4)) {
    icnsTypes.set(icns.toString('latin1', at, at + 4), pngSize(icns.subarray(at + 8)));
    if (icns.readUInt32BE(at + 4) < 8) break;
  }
  check(
    icnsTypes.get('ic09') === 512 && icnsTypes.get('ic10') === 1024,
    'build/icon.icns needs 512 px (ic09) and 1024 px (ic10) PNGs',
  );

  const ico = read('icon.ico');
  check(ico.readUInt16LE(0) === 0 && ico.readUInt16LE(2) === 1, 'build/icon.ico is not an ico file');
  const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
  check(sizes.includes(256) && sizes.includes(16), 'build/icon.ico needs 16 px and 256 px images');
}
