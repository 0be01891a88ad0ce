import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oneLine, runCli, tempDir } from './cli-helpers';

const base = ['train', '--data', 'xor-noisy', '--epochs', '2'];

describe('nanograd train optimizer flags', () => {
  it('writes --betas, --eps and --weight-decay into the model config', () => {
    const out = join(tempDir(), 'm.json');
    const result = runCli([
      ...base,
      '--betas',
      '0.8,0.99',
      '--eps',
      '1e-6',
      '--weight-decay',
      '0.01',
      '--out',
      out,
    ]);
    expect(result.status).toBe(0);
    const model = JSON.parse(readFileSync(out, 'utf8'));
    expect(model.training.config.optimizer).toEqual({
      name: 'adam',
      lr: 0.01,
      beta1: 0.8,
      beta2: 0.99,
      eps: 1e-6,
      weightDecay: 0.01,
    });
  });

  it('trains sgd with Nesterov momentum, and the momentum changes the run', () => {
    const run = (extra: string[]) => runCli([...base, '--optimizer', 'sgd', '--json', ...extra]);
    const nesterov = run(['--momentum', '0.9', '--nesterov']);
    expect(nesterov.status).toBe(0);
    const plain = run([]);
    const last = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!).loss as number;
    expect(last(nesterov.stdout)).not.toBe(last(plain.stdout));
  });

  it.each([
    [
      ['--optimizer', 'sgd', '--nesterov'],
      'nanograd: --nesterov requires a momentum greater than 0 (Nesterov momentum needs momentum) (got true)',
    ],
    [['--momentum', '1'], 'nanograd: --momentum must be a number at least 0 and less than 1 (got 1)'],
    [['--betas', '0.9,1.5'], 'nanograd: --betas must be a number at least 0 and less than 1 (got 1.5)'],
    [
      ['--betas', '0.9'],
      'nanograd: --betas must be two numbers separated by a comma, e.g. 0.9,0.999 (got 0.9)',
    ],
    [
      ['--optimizer', 'sgd', '--betas', '0.8,0.9'],
      'nanograd: --betas applies only to adam and adamw, not sgd (got 0.8)',
    ],
    [['--eps', '0'], 'nanograd: --eps must be a number greater than 0 and at most 1 (got 0)'],
    [
      ['--weight-decay', '-1'],
      'nanograd: --weight-decay must be a number at least 0 and at most 10 (got -1)',
    ],
  ])('%j is a usage error', (flags, message) => {
    const result = runCli([...base, ...flags]);
    expect(oneLine(result.stderr)).toBe(message);
    expect(result.status).toBe(2);
  });
});
