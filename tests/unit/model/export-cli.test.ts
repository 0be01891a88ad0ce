/**
 * `nanograd export` through the built CLI: each format is written and reads back, and every
 * failure (bad model, unwritable target, unknown format) is one line on stderr, a non-zero
 * exit and NO file — not even a partial or temporary one — with an existing target untouched.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { parseModel } from '../../../src-shared/model';
import { runCli, tempDir } from '../cli/cli-helpers';
import { MODEL_FIXTURES } from './make-model';

const dir = tempDir();
afterAll(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});
const good = `${MODEL_FIXTURES}good.json`;

function expectOneLineFailure(
  result: { status: number | null; stderr: string },
  pattern: RegExp,
  status = 1,
) {
  expect(result.status).toBe(status);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

describe('nanograd export', () => {
  it('--format json writes a model that loads back equal', () => {
    const out = path.join(dir, 'copy.json');
    const result = runCli(['export', '--model', good, '--format', 'json', '--out', out]);
    expect(result.stderr).toMatch(/^wrote json export of "tiny" to .*copy\.json \(\d+ bytes\)\n$/);
    expect(result.status).toBe(0);
    const original = parseModel(readFileSync(good, 'utf8'), 'good.json');
    expect(parseModel(readFileSync(out, 'utf8'), 'copy.json')).toEqual(original);
  });

  it('--format onnx writes a model ONNX Runtime runs', async () => {
    const out = path.join(dir, 'tiny.onnx');
    expect(runCli(['export', '--model', good, '--format', 'onnx', '--out', out]).status).toBe(0);
    const session = await ort.InferenceSession.create(readFileSync(out));
    // good.json: x1 standardized with mean 0.5 / std 2, x2 with -1 / 0.5; tanh 2-3-2 softmax.
    const result = await session.run({
      features: new ort.Tensor('float32', Float32Array.from([0.5, -1]), [1, 2]),
    });
    const h = [0.1, 0, -0.1].map(Math.tanh); // standardized input is (0, 0): only the biases remain
    const logits = [h[0] - h[1] + 0.5 * h[2], -0.5 * h[0] + 2 * h[1] + 0.25 * h[2] + 0.2];
    const p1 = 1 / (1 + Math.exp(logits[0] - logits[1]));
    expect((result.probabilities.data as Float32Array)[1]).toBeCloseTo(p1, 6);
  });

  it('--format pytorch writes the script', () => {
    const out = path.join(dir, 'tiny.py');
    expect(runCli(['export', '--model', good, '--format', 'pytorch', '--out', out]).status).toBe(0);
    const script = readFileSync(out, 'utf8');
    expect(script).toMatch(/^#!\/usr\/bin\/env python3/);
    expect(script).toContain('class NanogradNet(nn.Module)');
  });

  it('a broken model gives one line naming the field and writes nothing (an existing target stays intact)', () => {
    const out = path.join(dir, 'keep.onnx');
    writeFileSync(out, 'previous export');
    const result = runCli([
      'export',
      '--model',
      `${MODEL_FIXTURES}weight-count-mismatch.json`,
      '--format',
      'onnx',
      '--out',
      out,
    ]);
    expectOneLineFailure(
      result,
      /^nanograd: .*weight-count-mismatch\.json: field "weights\[1\]\.bias" must have 2 numbers/,
    );
    expect(readFileSync(out, 'utf8')).toBe('previous export');
    const fresh = path.join(dir, 'never.onnx');
    expectOneLineFailure(
      runCli(['export', '--model', `${MODEL_FIXTURES}truncated.json`, '--format', 'onnx', '--out', fresh]),
      /truncated/,
    );
    expect(existsSync(fresh)).toBe(false);
  });

  it('a target folder that cannot be written gives one line and leaves no file or temp file', () => {
    const locked = path.join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    const result = runCli([
      'export',
      '--model',
      good,
      '--format',
      'onnx',
      '--out',
      path.join(locked, 'm.onnx'),
    ]);
    chmodSync(locked, 0o755);
    if (process.getuid?.() === 0) {
      console.log('SKIPPED read-only folder check: running as root, which may write anywhere');
    } else {
      expectOneLineFailure(result, /^nanograd: cannot write .*m\.onnx: (EACCES|permission denied)/);
      expect(readdirSync(locked)).toEqual([]);
    }
    // A parent that is a file fails the same way for every user, root included.
    const notAFolder = path.join(dir, 'plain-file');
    writeFileSync(notAFolder, '');
    expectOneLineFailure(
      runCli(['export', '--model', good, '--format', 'json', '--out', path.join(notAFolder, 'm.json')]),
      /^nanograd: cannot write /,
    );
  });

  it('an unknown format is a usage error (exit 2) listing the choices', () => {
    const out = path.join(dir, 'x.bin');
    const result = runCli(['export', '--model', good, '--format', 'keras', '--out', out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/json, onnx, pytorch/);
    expect(existsSync(out)).toBe(false);
  });
});
