// `npm test`: unit (vitest), the exported PyTorch script (pytest) and e2e (Playwright), each even
// when an earlier one fails, then one plain line `N passed, N failed, N skipped` summed over all
// three. Exit 1 on any failure or crash.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { PLAYWRIGHT_JSON, PYTEST_XML, VITEST_JSON, countLine, summarize } from './test-summary.mjs';

const bin = (name) => `node_modules/.bin/${name}`;

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.error) console.error(`${label} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

mkdirSync('test-results', { recursive: true });
rmSync(VITEST_JSON, { force: true });
rmSync(PLAYWRIGHT_JSON, { force: true });
rmSync(PYTEST_XML, { force: true });

const extra = process.argv.slice(2);
const unitStatus = run('unit', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${VITEST_JSON}`,
  ...extra,
]);
// pytest exits 5 when it collects no tests: not a failure of the suite (the count says 0).
const pythonStatus = run('python', '/usr/bin/python3', [
  '-m',
  'pytest',
  '-q',
  '-p',
  'no:cacheprovider',
  `--junitxml=${PYTEST_XML}`,
  'tests/python',
]);
const pytestStatus = pythonStatus === 5 ? 0 : pythonStatus;
const e2eStatus = run('e2e', bin('playwright'), ['test']);

const summary = summarize();
for (const problem of summary.problems) console.error(problem);
if (unitStatus !== 0 && summary.failed === 0) console.error(`vitest exited with ${unitStatus}`);
if (pytestStatus !== 0 && summary.failed === 0) console.error(`pytest exited with ${pythonStatus}`);
if (e2eStatus !== 0 && summary.failed === 0) console.error(`playwright exited with ${e2eStatus}`);
console.log(countLine(summary));
const ok =
  unitStatus === 0 &&
  pytestStatus === 0 &&
  e2eStatus === 0 &&
  summary.failed === 0 &&
  summary.problems.length === 0;
process.exitCode = ok ? 0 : 1;
