import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS } from '../../../src-shared/api';
import type { RequestChannel } from '../../../src-shared/api';
import {
  formatFieldPath,
  validateExportedFile,
  validateOpenKind,
  validateRequest,
} from '../../../src-shared/api-schemas';
import { PayloadError } from '../../../src-shared/errors';
import { validPayloads, validTrainConfig } from './fixtures';

function payloadError(fn: () => unknown): PayloadError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PayloadError);
    return err as PayloadError;
  }
  throw new Error('expected a PayloadError');
}

describe('validateRequest', () => {
  it('accepts a valid payload on every channel and returns it unchanged', () => {
    for (const channel of REQUEST_CHANNELS) {
      const payload = validPayloads[channel];
      expect(validateRequest(channel, payload)).toEqual(payload);
    }
  });

  it('rejects a non-object payload on every channel with the channel named', () => {
    for (const channel of REQUEST_CHANNELS) {
      const err = payloadError(() => validateRequest(channel, 42));
      expect(err.message.startsWith(`${channel}: payload must be`)).toBe(true);
      expect(err.message).not.toContain('\n');
    }
  });

  it('rejects an unknown extra field on every channel', () => {
    for (const channel of REQUEST_CHANNELS) {
      const payload = { ...(validPayloads[channel] as object), sneaky: 1 };
      expect(payloadError(() => validateRequest(channel, payload)).message).toBe(
        `${channel}: field "sneaky" is not allowed`,
      );
    }
  });

  it('names the nested field and the rule for a bad learning rate', () => {
    const err = payloadError(() =>
      validateRequest('train:start', { ...validTrainConfig, optimizer: { name: 'adam', lr: -0.1 } }),
    );
    expect(err.message).toBe(
      'train:start: field "optimizer.lr" must be a number greater than 0 and at most 1000',
    );
    expect(err.location.field).toBe('optimizer.lr');
  });

  it('names array indices in the field path', () => {
    const config = {
      ...validTrainConfig,
      hiddenLayers: [
        { units: 4, activation: 'relu' },
        { units: 0, activation: 'relu' },
      ],
    };
    expect(payloadError(() => validateRequest('train:start', config)).message).toBe(
      'train:start: field "hiddenLayers[1].units" must be an integer from 1 to 1024',
    );
  });

  it('reports missing fields as required', () => {
    const { epochs: _dropped, ...config } = validTrainConfig;
    expect(payloadError(() => validateRequest('train:start', config)).message).toBe(
      'train:start: field "epochs" is required',
    );
  });

  it('rejects NaN and Infinity where numbers are expected', () => {
    expect(
      payloadError(() => validateRequest('train:start', { ...validTrainConfig, regRate: Number.NaN }))
        .message,
    ).toContain('field "regRate"');
    expect(
      payloadError(() =>
        validateRequest('data:generate', { ...validPayloads['data:generate'], noise: Infinity }),
      ).message,
    ).toContain('field "noise"');
  });

  it('lists the allowed values of an enum', () => {
    expect(payloadError(() => validateRequest('model:export', { format: 'xls' })).message).toBe(
      'model:export: field "format" must be one of "json", "onnx", "pytorch", "predictions"',
    );
  });

  it('explains a bad project data source', () => {
    const state = { ...validPayloads['project:save'], data: { source: 'ftp' } };
    expect(payloadError(() => validateRequest('project:save', state)).message).toBe(
      'project:save: field "data.source" must be one of "builtin", "csv"',
    );
  });

  it('accepts a missing payload on the no-argument channels but not on the others', () => {
    expect(validateRequest('train:pause', undefined)).toEqual({});
    expect(payloadError(() => validateRequest('data:generate', undefined)).message).toBe(
      'data:generate: payload is required',
    );
  });

  it('rejects unknown channels, including non-strings', () => {
    expect(payloadError(() => validateRequest('train:explode', {})).message).toBe(
      'unknown channel "train:explode"',
    );
    expect(payloadError(() => validateRequest(7 as unknown as RequestChannel, {})).message).toBe(
      'unknown channel "7"',
    );
  });

  it('keeps metric NaN values in project history (a diverged run is still history)', () => {
    const metrics = {
      epoch: 3,
      loss: Number.NaN,
      valLoss: null,
      accuracy: null,
      valAccuracy: null,
      r2: null,
      valR2: null,
      mae: null,
      valMae: null,
      seconds: 1,
    };
    const state = { ...validPayloads['project:save'], history: [metrics] };
    expect(Number.isNaN((validateRequest('project:save', state) as typeof state).history[0].loss)).toBe(true);
  });
});

describe('host-only payloads', () => {
  it('accepts text and bytes and rejects file names with folders', () => {
    expect(
      validateExportedFile('files:save', {
        fileName: 'a.onnx',
        mimeType: 'application/octet-stream',
        data: new Uint8Array([1]),
      }).fileName,
    ).toBe('a.onnx');
    expect(
      payloadError(() =>
        validateExportedFile('files:save', { fileName: '../a.json', mimeType: 'x', data: '' }),
      ).message,
    ).toBe('files:save: field "fileName" must be a plain file name without folders');
  });

  it('accepts only known open kinds', () => {
    expect(validateOpenKind('files:open', 'csv')).toBe('csv');
    expect(payloadError(() => validateOpenKind('files:open', 'exe')).message).toBe(
      'files:open: payload must be one of "csv", "model", "project"',
    );
  });
});

describe('formatFieldPath', () => {
  it('joins keys with dots and indices with brackets', () => {
    expect(formatFieldPath(['hiddenLayers', 2, 'units'])).toBe('hiddenLayers[2].units');
    expect(formatFieldPath([])).toBe('');
  });
});
