import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the CLI the way a user does (through bin/), on the bundle the vitest global setup built. */
function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/nanograd.js', ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('nanograd CLI shell', () => {
  it('prints usage with its commands for --help and exits 0', () => {
    const { status, stdout, stderr } = runCli(['--help']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: nanograd /m);
    expect(stdout).toMatch(/^Commands:$/m);
    for (const command of ['train', 'predict', 'export', 'bench']) {
      expect(stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
  });

  it('rejects an unknown command with exit code 2 and a single line on stderr', () => {
    const { status, stdout, stderr } = runCli(['definitely-not-a-command']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('definitely-not-a-command');
  });
});
