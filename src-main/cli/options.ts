/**
 * Flag value parsers. A value that is not even of the right kind (`--lr abc`) is a usage error
 * (commander, exit 2); a value of the right kind but out of range (`--lr -1`) is caught by
 * validateTrainConfig and reported with the flag's name (exit 1).
 */
import { InvalidArgumentError } from 'commander';
import { ConfigError } from '../../src-shared/errors';

export function parseNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('not a number.');
  return n;
}

export function parseInteger(value: string): number {
  const n = parseNumber(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('not a whole number.');
  return n;
}

/** `16,16` -> [16, 16]; `none` or an empty string -> no hidden layers (a linear/logistic model). */
export function parseLayers(value: string): number[] {
  const text = value.trim();
  if (text === '' || text === 'none') return [];
  return text.split(',').map((part) => {
    const n = Number(part.trim());
    if (part.trim() === '' || !Number.isInteger(n))
      throw new InvalidArgumentError(`"${part.trim()}" is not a layer size (use e.g. 16,16).`);
    return n;
  });
}

export function parseList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** validateTrainConfig field paths -> the flag a CLI user typed. */
function flagFor(field: string): string | null {
  const layer = /^hiddenLayers\[(\d+)\]\.(units|activation)$/.exec(field);
  if (layer)
    return layer[2] === 'units'
      ? `--layers (layer ${Number(layer[1]) + 1})`
      : `--activation (layer ${Number(layer[1]) + 1})`;
  const flags: Record<string, string> = {
    hiddenLayers: '--layers',
    loss: '--loss',
    'optimizer.name': '--optimizer',
    'optimizer.lr': '--lr',
    batchSize: '--batch',
    epochs: '--epochs',
    seed: '--seed',
    init: '--init',
  };
  return flags[field] ?? null;
}

/** Rewrites `optimizer.lr must be …` as `--lr must be …` so the message names what the user typed. */
export function asFlagError(err: unknown): unknown {
  if (!(err instanceof ConfigError) || !err.location.field) return err;
  const field = err.location.field;
  const flag = flagFor(field);
  if (!flag || !err.message.startsWith(field)) return err;
  return new ConfigError(`${flag}${err.message.slice(field.length)}`, err.location);
}
