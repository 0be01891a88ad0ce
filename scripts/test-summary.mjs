// Reads the vitest and Playwright JSON reports and pytest's JUnit XML report and sums them into one
// plain line (used by `npm test` and re-printed by .ci/run as its last line).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const VITEST_JSON = 'test-results/vitest.json';
export const PLAYWRIGHT_JSON = 'test-results/playwright.json';
export const PYTEST_XML = 'test-results/pytest.xml';

function readJson(path) {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** @returns {{ passed: number, failed: number, skipped: number, problems: string[] }} */
export function summarize(
  vitestPath = VITEST_JSON,
  playwrightPath = PLAYWRIGHT_JSON,
  pytestPath = PYTEST_XML,
) {
  const problems = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;

  const vitest = readJson(vitestPath);
  if (vitest === null) {
    failed += 1;
    problems.push(`no vitest report at ${vitestPath} (vitest did not run or crashed)`);
  } else {
    passed += vitest.numPassedTests ?? 0;
    failed += vitest.numFailedTests ?? 0;
    skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
    // A file that fails to load reports no tests at all; count it so it cannot pass silently.
    for (const file of vitest.testResults ?? []) {
      if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')) {
        failed += 1;
        problems.push(`vitest: ${file.name} failed to run: ${String(file.message ?? '').split('\n')[0]}`);
      }
    }
  }

  const playwright = readJson(playwrightPath);
  if (playwright === null) {
    failed += 1;
    problems.push(`no Playwright report at ${playwrightPath} (Playwright did not run or crashed)`);
  } else {
    const stats = playwright.stats ?? {};
    passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    failed += stats.unexpected ?? 0;
    skipped += stats.skipped ?? 0;
    for (const error of playwright.errors ?? []) {
      failed += 1;
      problems.push(`playwright: ${String(error.message ?? '').split('\n')[0]}`);
    }
  }

  const pytest = readPytest(pytestPath);
  if (pytest === null) {
    failed += 1;
    problems.push(`no pytest report at ${pytestPath} (pytest did not run or crashed)`);
  } else {
    passed += pytest.tests - pytest.failures - pytest.errors - pytest.skipped;
    failed += pytest.failures + pytest.errors;
    skipped += pytest.skipped;
  }
  return { passed, failed, skipped, problems };
}

/**
 * Totals of a JUnit XML report (pytest --junitxml): the sums over its <testsuite> elements.
 * An errors count includes collection errors, so a test file that fails to import counts.
 */
export function readPytest(path) {
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  const suites = [...text.matchAll(/<testsuite\b([^>]*)>/g)];
  if (suites.length === 0) return null;
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const [, attributes] of suites) {
    for (const key of Object.keys(total)) {
      const match = new RegExp(`\\b${key}="(\\d+)"`).exec(attributes);
      total[key] += match ? Number(match[1]) : 0;
    }
  }
  return total;
}

export function countLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}

// `node scripts/test-summary.mjs` prints the line and exits non-zero when anything failed or is missing.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const summary = summarize();
  for (const problem of summary.problems) console.error(problem);
  console.log(countLine(summary));
  process.exitCode = summary.failed > 0 || summary.problems.length > 0 ? 1 : 0;
}
