/**
 * Shared steps of reading a JSON document (model or project file): recognise empty, binary,
 * truncated and malformed files with a line and column, then validate against a zod schema
 * and report the first problem as one line naming the field.
 */
import type { z } from 'zod';
import type { StudioError } from '../errors';
import { locateJsonProblem } from './json-locate';
import { describeIssue } from './schema';

type MakeError = (message: string, field?: string) => StudioError;

function binaryKind(text: string): string | null {
  const head = text.slice(0, 512);
  if (/^[\uFFFD\u0089]PNG/.test(head)) return 'a PNG image';
  if (head.startsWith('\uFFFD\uFFFD\uFFFD') || head.startsWith('\u00FF\u00D8'))
    return 'binary data (a JPEG image?)';
  if (head.startsWith('PK\u0003\u0004')) return 'a ZIP archive';
  if (head.startsWith('%PDF')) return 'a PDF document';
  if (head.startsWith('\u0008') && head.includes('nanograd-studio'))
    return 'an ONNX model (ONNX files are exports; open the JSON model instead)';
  // Control characters other than tab/CR/LF never occur in a JSON text file.
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return 'binary data';
  }
  return null;
}

export function parseJsonDocument(
  text: string,
  fileName: string,
  what: 'model' | 'project',
  makeError: MakeError,
): unknown {
  const expected = `a Nanograd Studio ${what} in JSON`;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') throw makeError(`${fileName}: the file is empty (expected ${expected})`);
  const binary = binaryKind(body);
  if (binary) throw makeError(`${fileName}: the file is ${binary}, not ${expected}`);
  try {
    return JSON.parse(body) as unknown;
  } catch (err) {
    const problem = locateJsonProblem(body);
    if (problem?.truncated)
      throw makeError(
        `${fileName}: the file is truncated (the JSON ends at line ${problem.line}, column ${problem.column} before the document is complete)`,
      );
    if (problem)
      throw makeError(
        `${fileName}: not valid JSON at line ${problem.line}, column ${problem.column}: ${problem.reason}`,
      );
    throw makeError(
      `${fileName}: not valid JSON: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    );
  }
}

/** Parses `raw` with `schema`; the first issue becomes an error naming `prefix` + its path. */
export function validateDocument<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  makeError: (field: string, message: string) => StudioError,
  prefix = '',
): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const problem = describeIssue(issue, raw);
  const field = prefix === '' ? problem.field : problem.field === '' ? prefix : `${prefix}.${problem.field}`;
  const message =
    prefix === '' ? problem.message : problem.message.replace(`field "${problem.field}"`, `field "${field}"`);
  throw makeError(field, message);
}
