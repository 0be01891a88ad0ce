/** The summary line of `npm test` sums vitest, Playwright and pytest (JUnit XML) reports. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script without type declarations
import { countLine, readPytest, summarize } from '../../../scripts/test-summary.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'nanograd-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

describe('test summary', () => {
  const vitest = file(
    'vitest.json',
    JSON.stringify({ numPassedTests: 10, numFailedTests: 1, numPendingTests: 2 }),
  );
  const playwright = file('pw.json', JSON.stringify({ stats: { expected: 5, unexpected: 0, skipped: 1 } }));

  it('adds pytest counts from its JUnit XML (skipped and errored tests are not passed)', () => {
    const pytest = file(
      'pytest.xml',
      '<?xml version="1.0"?><testsuites><testsuite name="pytest" errors="1" failures="2" skipped="3" tests="20" time="1"></testsuite></testsuites>',
    );
    expect(readPytest(pytest)).toEqual({ tests: 20, failures: 2, errors: 1, skipped: 3 });
    const summary = summarize(vitest, playwright, pytest);
    expect(countLine(summary)).toBe('29 passed, 4 failed, 6 skipped');
    expect(summary.problems).toEqual([]);
  });

  it('counts a run that collected no tests (pytest exit 5) as zero, and a missing report as a failure', () => {
    const empty = file(
      'empty.xml',
      '<testsuites><testsuite name="pytest" errors="0" failures="0" skipped="0" tests="0" /></testsuites>',
    );
    expect(countLine(summarize(vitest, playwright, empty))).toBe('15 passed, 1 failed, 3 skipped');
    const missing = summarize(vitest, playwright, path.join(dir, 'none.xml'));
    expect(missing.failed).toBe(2);
    expect(missing.problems[0]).toMatch(/no pytest report/);
  });
});
