import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src-shared/errors';
import {
  UsageError,
  asFlagError,
  integerArg,
  parseActivations,
  parseLayers,
  trainArgs,
} from '../../../src-main/cli/options';
import { ProgressBar, epochJson, formatMetrics, formatNumber } from '../../../src-main/cli/progress';
import type { EpochMetrics } from '../../../src-shared/training';

const metrics = (epoch: number, extra: Partial<EpochMetrics> = {}): EpochMetrics => ({
  epoch,
  loss: 0.5 / epoch,
  valLoss: 0.6 / epoch,
  accuracy: 0.9,
  valAccuracy: 0.85,
  r2: null,
  valR2: null,
  mae: null,
  valMae: null,
  seconds: epoch / 10,
  ...extra,
});

describe('progress output', () => {
  it('redraws one line in place and clears it', () => {
    const writes: string[] = [];
    const bar = new ProgressBar({ write: (t) => (writes.push(t), true), columns: 200 }, 10, 'classification');
    bar.update(metrics(5));
    bar.update(metrics(10));
    bar.clear();
    expect(writes[0]).toBe(
      '\repoch 5/10 [##########----------] loss 0.1000, val loss 0.1200, accuracy 90.0%, val accuracy 85.0%\x1b[K',
    );
    expect(writes[1]).toContain('epoch 10/10 [####################]');
    expect(writes[2]).toBe('\r\x1b[K');
    expect(writes.join('')).not.toContain('\n');
  });

  it('fits the terminal width', () => {
    const writes: string[] = [];
    new ProgressBar({ write: (t) => (writes.push(t), true), columns: 40 }, 10, 'classification').update(
      metrics(1),
    );
    expect(writes[0].replace('\r', '').replace('\x1b[K', '').length).toBeLessThanOrEqual(39);
  });

  it('JSON lines carry the five fields and the epoch lr, plus R²/MAE for regression', () => {
    expect(Object.keys(epochJson(metrics(1), 'classification'))).toEqual([
      'epoch',
      'loss',
      'valLoss',
      'accuracy',
      'valAccuracy',
      'lr',
    ]);
    expect(epochJson({ ...metrics(1), lr: 0.0025 }, 'classification').lr).toBe(0.0025);
    const reg = epochJson(
      metrics(1, { accuracy: null, valAccuracy: null, r2: 0.9, valR2: 0.8, mae: 1.5, valMae: 2 }),
      'regression',
    );
    expect(reg).toMatchObject({ r2: 0.9, valR2: 0.8, mae: 1.5, valMae: 2, accuracy: null });
    expect(formatMetrics(metrics(1, { r2: 0.9, mae: 1.5, valR2: null }), 'regression')).toBe(
      'loss 0.5000, val loss 0.6000, R² 0.9000, MAE 1.5000',
    );
  });

  it('formats tiny and huge numbers in exponent form', () => {
    expect(formatNumber(0.00001234)).toBe('1.23e-5');
    expect(formatNumber(123456)).toBe('1.23e+5');
    expect(formatNumber(0)).toBe('0.0000');
    expect(formatNumber(null)).toBe('-');
  });
});

describe('flag parsing', () => {
  it('parses layer lists and rejects non-integers as usage errors', () => {
    expect(parseLayers('16, 8')).toEqual([16, 8]);
    expect(parseLayers('none')).toEqual([]);
    expect(() => parseLayers('16,x')).toThrow(UsageError);
    expect(() => integerArg('--epochs')('2.5')).toThrow(UsageError);
  });

  it('range-checks flag values with the config validator and names the flag', () => {
    expect(trainArgs.lr('0.5')).toBe(0.5);
    expect(() => trainArgs.lr('-1')).toThrow(UsageError);
    expect(() => trainArgs.lr('-1')).toThrow(
      /^--lr must be a number greater than 0 and at most 1000 \(got -1\)$/,
    );
    expect(() => trainArgs.epochs('0')).toThrow(/^--epochs must be an integer from 1 to 100000 \(got 0\)$/);
    expect(() => trainArgs.dropout('0.95')).toThrow(
      /^--dropout must be a number at least 0 and at most 0\.9/,
    );
    expect(() => parseLayers('8,0')).toThrow(/^--layers \(layer 2\) must be an integer from 1 to 1024/);
    expect(() => parseActivations('swish')).toThrow(/^--activation must be one of linear, relu/);
    expect(parseActivations('relu, tanh')).toEqual(['relu', 'tanh']);
  });

  it('renames config fields to the flags a user typed', () => {
    const lr = asFlagError(
      new ConfigError('optimizer.lr must be a number greater than 0 (got -1)', { field: 'optimizer.lr' }),
    );
    expect((lr as Error).message).toBe('--lr must be a number greater than 0 (got -1)');
    const layer = asFlagError(
      new ConfigError('hiddenLayers[2].units must be an integer from 1 to 1024 (got 0)', {
        field: 'hiddenLayers[2].units',
      }),
    );
    expect((layer as Error).message).toBe('--layers (layer 3) must be an integer from 1 to 1024 (got 0)');
    const momentum = asFlagError(
      new ConfigError('optimizer.momentum must be …', { field: 'optimizer.momentum' }),
    );
    expect((momentum as Error).message).toBe('--momentum must be …');
    const other = new ConfigError('notAFlag must be …', { field: 'notAFlag' });
    expect(asFlagError(other)).toBe(other);
  });
});
