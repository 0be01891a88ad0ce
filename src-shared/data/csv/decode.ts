/**
 * Bytes -> text for a file the user dropped or named. A CSV must be text: a NUL byte means a
 * binary file (a spreadsheet, an image), invalid UTF-8 means a legacy encoding; both get a
 * one-line CsvError saying where, instead of a page of mojibake later.
 */
import { CsvError } from '../../errors';

export function decodeCsvBytes(bytes: Uint8Array, fileName: string): string {
  // Excel's "Unicode text" is UTF-16 with a byte-order mark; it is text, so read it as such.
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return decodeStrict(bytes, 'utf-16le', fileName);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return decodeStrict(bytes, 'utf-16be', fileName);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new CsvError(
      `${fileName} is not a text file (byte ${nul} is a NUL byte, line ${lineOf(bytes, nul)}); save the data as CSV text`,
      { file: fileName, row: lineOf(bytes, nul) },
    );
  }
  try {
    // ignoreBOM false: a UTF-8 byte-order mark (Excel's "CSV UTF-8") is dropped by the decoder.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // The decoder only says "invalid"; find where, so the user can look at that line.
    const bad = Math.max(0, firstInvalidUtf8(bytes));
    const hex = bytes[bad].toString(16).toUpperCase().padStart(2, '0');
    throw new CsvError(
      `${fileName} line ${lineOf(bytes, bad)} is not valid UTF-8 text (byte 0x${hex} at offset ${bad}); save the file as "CSV UTF-8"`,
      { file: fileName, row: lineOf(bytes, bad) },
    );
  }
}

function decodeStrict(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', fileName: string): string {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new CsvError(
      `${fileName} starts like ${encoding.toUpperCase()} text but is not valid ${encoding}`,
      {
        file: fileName,
      },
    );
  }
  if (text.includes('\u0000')) {
    throw new CsvError(`${fileName} is not a text file (it contains NUL characters)`, { file: fileName });
  }
  return text;
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF),
 * or -1. TextDecoder's fatal mode only says "invalid"; users need to know where.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c === undefined || c < min || c > max) return i;
    }
    i += need + 1;
  }
  return -1;
}
