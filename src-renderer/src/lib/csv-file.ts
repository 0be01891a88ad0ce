/** Above this the browser tab would struggle to hold the text twice (UI + worker). */
export const MAX_CSV_BYTES = 50 * 1024 * 1024;

export type CsvFileRead = { ok: true; text: string } | { ok: false; reason: string };

/** Minimal view of a File so tests can pass plain objects. */
export interface ReadableFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * Reads a dropped/picked file as UTF-8 text. Binary and non-UTF-8 files are refused here with a
 * plain reason instead of being sent to the parser as garbage.
 */
export async function readCsvFile(file: ReadableFile): Promise<CsvFileRead> {
  if (file.size > MAX_CSV_BYTES) {
    return {
      ok: false,
      reason: `the file is ${(file.size / 1048576).toFixed(0)} MB; the studio reads CSV files up to 50 MB`,
    };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { ok: false, reason: 'this is a binary file, not CSV text' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'the file is not UTF-8 text; save it as CSV UTF-8 and import it again' };
  }
}
