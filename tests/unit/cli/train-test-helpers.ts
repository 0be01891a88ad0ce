/** Shared by the train / predict / errors CLI tests. */
import { expect } from 'vitest';
import { oneLine, runCli } from './cli-helpers';

export type EpochLine = {
  epoch: number;
  loss: number;
  valLoss: number | null;
  accuracy: number | null;
  valAccuracy: number | null;
};

export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A usage error: exit 2, the one expected line on stderr, nothing on stdout. */
export function expectUsageError(args: string[], message: string): void {
  const { status, stdout, stderr } = runCli(args);
  expect(oneLine(stderr)).toBe(message);
  expect(status).toBe(2);
  expect(stdout).toBe('');
}

export function csvRows(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','));
}
