/**
 * PyTorch export checked by running it the way a user would:
 *   /usr/bin/python3 model.py --predict data.csv --out preds.csv
 * with Debian's python3-torch, and comparing its CSV with predictionsCsv(predictTable(...)):
 * same header and input cells, same predicted classes, numbers within 1e-5.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src-shared/data';
import { exportPytorch, predictTable, predictionsCsv, skippedRowsNote } from '../../../src-shared/model';
import { fixturePath, fixtureTable, makeModel, type ModelRecipe } from './make-model';

const PYTHON = '/usr/bin/python3';
// find_spec, not import: importing torch costs seconds, and the test imports it once below.
const probe = existsSync(PYTHON)
  ? spawnSync(
      PYTHON,
      ['-c', 'import importlib.util, sys; sys.exit(importlib.util.find_spec("torch") is None)'],
      { encoding: 'utf8' },
    )
  : null;
const torchMissing = !probe || probe.status !== 0;
if (torchMissing && !process.env.CI)
  console.log(`SKIPPED PyTorch export runs: ${PYTHON} cannot import torch (install python3-torch; CI does)`);

const work = mkdtempSync(path.join(tmpdir(), 'nanograd-torch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The moons table written out as CSV, so both sides read the same file. */
function moonsCsv(): string {
  const table = fixtureTable('moons');
  const lines = [table.columns.map((c) => c.name).join(',')];
  for (let r = 0; r < table.rowCount; r++)
    lines.push(table.columns.map((c) => (c.strings ? c.strings[r] : String(c.numbers![r]))).join(','));
  const file = path.join(work, 'moons.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function runPython(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(PYTHON, args, { cwd: work });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const CASES: (ModelRecipe & { label: string; data: string })[] = [
  {
    label: 'flowers gelu/leaky_relu, extra column, unseen category, dropped row',
    csv: 'flowers.csv',
    hidden: ['gelu', 'leaky_relu'],
    data: 'flowers-predict.csv',
  },
  {
    label: 'flowers tanh/sigmoid, impute policy fills the empty cell',
    csv: 'flowers.csv',
    hidden: ['tanh', 'sigmoid'],
    missing: 'impute',
    data: 'flowers-predict.csv',
  },
  { label: 'moons bce relu', csv: 'moons', hidden: ['relu'], loss: 'bce', data: 'moons' },
  { label: 'moons mse classifier (raw scores)', csv: 'moons', hidden: ['gelu'], loss: 'mse', data: 'moons' },
  {
    label: 'names with quotes, commas, backslashes and non-ASCII in columns, categories and classes',
    csv: 'weird-names.csv',
    hidden: ['relu'],
    data: 'weird-names.csv',
  },
  {
    label: 'missing-value markers ("?", "NA", "n/a") in numeric columns, impute',
    csv: 'csv/tricky/missing-tokens.csv',
    hidden: ['tanh'],
    missing: 'impute',
    data: 'csv/tricky/missing-tokens.csv',
  },
  {
    label: 'missing-value markers, drop: those rows get empty prediction cells',
    csv: 'csv/tricky/missing-tokens.csv',
    hidden: ['relu'],
    data: 'csv/tricky/missing-tokens.csv',
  },
  {
    label: 'houses regression, ; delimiter and decimal commas',
    csv: 'houses.csv',
    hidden: ['relu', 'linear'],
    data: 'houses.csv',
  },
];

interface PreparedCase {
  model: ReturnType<typeof makeModel>;
  dataFile: string;
  script: string;
  out: string;
}

// CI installs python3-torch, so there a missing torch fails these tests instead of skipping them.
describe.skipIf(torchMissing && !process.env.CI)('PyTorch export', () => {
  beforeAll(() => {
    if (torchMissing) throw new Error(`${PYTHON} cannot import torch (apt-get install python3-torch)`);
  });
  // torch takes seconds to import: ONE Python process runs every exported script's own
  // main(['--predict', data, '--out', preds]) (the same entry point as the command line); the
  // command line itself is exercised by the missing-column test below.
  const prepared: PreparedCase[] = [];
  let driver: { status: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    CASES.forEach((recipe, i) => {
      const model = makeModel(recipe);
      const dataFile = recipe.data === 'moons' ? moonsCsv() : fixturePath(recipe.data);
      const script = path.join(work, `model_${i}.py`);
      writeFileSync(script, exportPytorch(model));
      prepared.push({ model, dataFile, script, out: path.join(work, `preds_${i}.csv`) });
    });
    const code = [
      'import importlib.util, json, struct, sys',
      'for script, data, out in json.loads(sys.argv[1]):',
      '    spec = importlib.util.spec_from_file_location("exported", script)',
      '    module = importlib.util.module_from_spec(spec)',
      '    spec.loader.exec_module(module)',
      '    assert module.main(["--predict", data, "--out", out]) == 0, script',
      '    net = module.build_model()',
      '    weight = net.layers[0].weight.flatten().tolist()',
      '    print(struct.pack("<%df" % len(weight), *weight).hex())',
    ].join('\n');
    driver = await runPython([
      '-c',
      code,
      JSON.stringify(prepared.map((p) => [p.script, p.dataFile, p.out])),
    ]);
  });

  it('the driver ran every exported script without errors', () => {
    expect(driver.stderr.replace(/^note: .* could not be predicted .*\n/gm, '')).toBe('');
    expect(driver.status).toBe(0);
  });

  it('notes the rows it could not predict in the same words as nanograd predict', () => {
    const { model, dataFile } = prepared[0]; // flowers-predict.csv: one row without a sepal value
    const table = parseCsv(readFileSync(dataFile, 'utf8'), path.basename(dataFile));
    const note = skippedRowsNote(model, table, predictTable(model, table));
    expect(note).toMatch(/^1 row could not be predicted .*: row 5$/);
    expect(driver.stderr.split('\n')).toContain(`note: ${note}`);
  });

  it.each(CASES.map((recipe, index) => ({ ...recipe, index })))(
    '$label: the script predicts like predictTable',
    ({ label, index }) => {
      const { model, dataFile, out } = prepared[index];
      const table = parseCsv(readFileSync(dataFile, 'utf8'), path.basename(dataFile));
      const predictions = predictTable(model, table);
      const expected = Papa.parse<string[]>(predictionsCsv(model, table, predictions).trim()).data;
      const actual = Papa.parse<string[]>(readFileSync(out, 'utf8').trim()).data;

      expect(actual[0]).toEqual(expected[0]);
      expect(actual.length).toBe(expected.length);
      // Input cells and the predicted class compare as text; probabilities / values as numbers.
      const firstNumber = table.columns.length + (model.task === 'classification' ? 1 : 0);
      let maxDiff = 0;
      for (let r = 1; r < expected.length; r++) {
        expect(actual[r].slice(0, firstNumber)).toEqual(expected[r].slice(0, firstNumber));
        for (let c = firstNumber; c < expected[r].length; c++) {
          const want = Number(expected[r][c]);
          maxDiff = Math.max(maxDiff, Math.abs(Number(actual[r][c]) - want) / Math.max(1, Math.abs(want)));
        }
      }
      console.log(
        `pytorch ${label}: ${expected.length - 1} rows, max |torch - predictTable| (relative above 1) = ${maxDiff.toExponential(2)}`,
      );
      expect(maxDiff).toBeLessThan(1e-5);
    },
  );

  it('build_model() holds the exact float32 weights (bit for bit)', () => {
    const lines = driver.stdout.trim().split('\n');
    prepared.forEach((p, i) => {
      expect(lines[i]).toBe(Buffer.from(Float32Array.from(p.model.weights[0].weight).buffer).toString('hex'));
    });
  });

  it('on the command line, a missing column is one line on stderr and exit code 1', async () => {
    const run = await runPython([prepared[CASES.length - 1].script, '--predict', fixturePath('flowers.csv')]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^error: .*flowers\.csv has no column "area"/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('every exported script passes pyflakes (no undefined or unused names after joining the parts)', async () => {
    const run = await runPython(['-m', 'pyflakes', ...prepared.map((p) => p.script)]);
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
