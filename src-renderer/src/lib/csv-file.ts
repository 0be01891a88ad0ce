import { decodeCsvBytes } from '@shared/data/csv/decode';
import { errorMessage } from './errors';

/** Above this the browser tab would struggle to hold the text twice (UI + worker). */
export const MAX_CSV_BYTES = 50 * 1024 * 1024;

/** `reason` is the whole one-line message and names the file. */
export type CsvFileRead = { ok: true; text: string } | { ok: false; reason: string };

/** Minimal view of a File so tests can pass plain objects. */
export interface ReadableFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * Reads a dropped/picked file as text through the same decoder as the CLI: binary and
 * non-UTF-8 files are refused with the line where the problem is instead of being sent to the
 * parser as garbage, and Excel's UTF-16 "Unicode text" (with its byte-order mark) is read.
 */
export async function readCsvFile(file: ReadableFile): Promise<CsvFileRead> {
  if (file.size > MAX_CSV_BYTES) {
    return {
      ok: false,
      reason: `${file.name} is ${(file.size / 1048576).toFixed(0)} MB; the studio reads CSV files up to 50 MB`,
    };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return { ok: true, text: decodeCsvBytes(bytes, file.name) };
  } catch (error) {
    return { ok: false, reason: errorMessage(error) };
  }
}
