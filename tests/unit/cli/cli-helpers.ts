/** Spawns the built CLI (bin/nanograd.js -> out/cli, built by the vitest global setup). */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../..', import.meta.url));
/** NANOGRAD_CLI points at another build of the launcher (for local runs while the shared build is broken). */
const launcher = process.env.NANOGRAD_CLI ?? join(root, 'bin/nanograd.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd = root): CliResult {
  const result = spawnSync(process.execPath, [launcher, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the CLI, waits until stdout has `lines` lines, sends SIGINT and collects the result. */
export function interruptCli(args: string[], lines: number, cwd = root): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [launcher, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!sent && stdout.split('\n').length > lines) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'nanograd-cli-'));
}

/**
 * A small classification CSV with a numeric and a categorical feature: the class is decided
 * by the sign of x + y, shifted by the colour, so it is learnable but not trivial.
 */
export function writeFlowersCsv(dir: string, rows = 160): string {
  const lines = ['width,height,color,kind'];
  let s = 12345;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const colors = ['red', 'green', 'blue'];
  for (let i = 0; i < rows; i++) {
    const w = next() * 5 + 10;
    const h = next() * 3 + 4;
    const color = colors[i % 3];
    const shift = color === 'red' ? 1 : color === 'blue' ? -1 : 0;
    const kind = (w - 10) / 5 + (h - 4) / 3 + shift * 0.5 > 0 ? 'tall' : 'short';
    lines.push(`${w.toFixed(3)},${h.toFixed(3)},${color},${kind}`);
  }
  const file = join(dir, 'flowers.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** stderr holds exactly one line and no stack frames. */
export function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  if (lines.length !== 1) throw new Error(`expected one stderr line, got ${lines.length}:\n${stderr}`);
  if (/^\s+at /m.test(stderr)) throw new Error(`stack trace on stderr:\n${stderr}`);
  return lines[0];
}
