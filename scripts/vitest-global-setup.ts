/**
 * Builds the CLI bundle before unit tests when it is missing or older than its sources, so tests
 * that spawn `node bin/nanograd.js` work with a plain `npm run test:unit` on a fresh clone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'out/cli/nanograd.js');
const sourceDirs = ['src-main/cli', 'src-main/node', 'src-main/bench', 'src-shared'].map((d) =>
  join(root, d),
);
const configFiles = ['vite.cli.config.ts', 'package.json'].map((f) => join(root, f));
const lockDir = join(root, 'out/.cli-build.lock');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isStale(): boolean {
  if (!existsSync(bundle)) return true;
  const sources = Math.max(...sourceDirs.map(newestMtime), ...configFiles.map(newestMtime));
  return sources > statSync(bundle).mtimeMs;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** mkdir is atomic: only one concurrent test run builds; the others wait for it. */
function withBuildLock(build: () => void): void {
  mkdirSync(join(root, 'out'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      const lockAge = Date.now() - (statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      // A lock older than two minutes belongs to a run that died.
      if (lockAge > 120_000 || Date.now() > deadline) rmSync(lockDir, { recursive: true, force: true });
      else sleep(200);
    }
  }
  try {
    if (isStale()) build();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

export default function setup(): void {
  if (!isStale()) return;
  const viteBin = join(root, 'node_modules/vite/bin/vite.js');
  withBuildLock(() => {
    try {
      execFileSync(
        process.execPath,
        [viteBin, 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'error'],
        {
          cwd: root,
          stdio: 'inherit',
        },
      );
    } catch (err) {
      // Only the CLI tests need the bundle; they fail on their own with the build error above.
      console.warn(
        `vitest global setup: npm run build:cli failed (${(err as Error).message.split('\n')[0]})`,
      );
    }
  });
}
