/**
 * Builds the CLI bundle and the engine library before unit tests when they are missing or older
 * than their sources, so tests that spawn `node bin/nanograd.js` or import 'nanograd-studio' work
 * with a plain `npm run test:unit` on a fresh clone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const lockDir = join(root, 'out/.test-build.lock');

interface BuildTarget {
  name: string;
  output: string;
  inputs: string[];
  commands: string[][];
}

const node = (script: string, ...args: string[]): string[] => [join(root, script), ...args];
const TARGETS: BuildTarget[] = [
  {
    name: 'build:cli',
    output: 'out/cli/nanograd.js',
    inputs: [
      'src-main/cli',
      'src-main/node',
      'src-main/bench',
      'src-shared',
      'vite.cli.config.ts',
      'package.json',
    ],
    commands: [
      node('node_modules/vite/bin/vite.js', 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'error'),
    ],
  },
  {
    name: 'build:lib',
    output: 'dist/lib/index.d.ts',
    inputs: ['src-shared', 'vite.lib.config.ts', 'tsconfig.lib.json', 'tsconfig.base.json'],
    commands: [
      node('node_modules/vite/bin/vite.js', 'build', '--config', 'vite.lib.config.ts', '--logLevel', 'error'),
      node('node_modules/typescript/bin/tsc', '-p', 'tsconfig.lib.json'),
    ],
  },
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isStale(target: BuildTarget): boolean {
  const output = join(root, target.output);
  if (!existsSync(output)) return true;
  const sources = Math.max(...target.inputs.map((input) => newestMtime(join(root, input))));
  return sources > statSync(output).mtimeMs;
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
    build();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function buildTarget(target: BuildTarget): void {
  try {
    for (const args of target.commands) execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  } catch (err) {
    // Only the tests that use this output need it; they fail on their own after the error above.
    console.warn(
      `vitest global setup: npm run ${target.name} failed (${(err as Error).message.split('\n')[0]})`,
    );
  }
}

export default function setup(): void {
  if (!TARGETS.some(isStale)) return;
  withBuildLock(() => {
    for (const target of TARGETS) if (isStale(target)) buildTarget(target);
  });
}
