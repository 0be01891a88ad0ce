/// <reference lib="dom" />
/**
 * Browser file access for the web build: a hidden <input type=file> to open, a Blob download
 * to save. The user picks every file; nothing is read or written without a gesture.
 */
import type { OpenedFile, SavedFile, StudioApi } from '@shared/api';
import type { ExportedFile } from '@shared/model/types';
import { decodeCsvBytes } from '@shared/data/csv/decode';

type OpenKind = Parameters<StudioApi['files']['open']>[0];

export const ACCEPT: Record<OpenKind, string> = {
  csv: '.csv,.tsv,.txt,text/csv',
  model: '.json,application/json',
  project: '.nnproj,.json',
};

/** Reads a picked or dropped file; CSV bytes go through the CSV decoder so binary files get a CsvError. */
export async function readPickedFile(file: File, kind: OpenKind): Promise<OpenedFile> {
  if (kind === 'csv')
    return { fileName: file.name, text: decodeCsvBytes(new Uint8Array(await file.arrayBuffer()), file.name) };
  return { fileName: file.name, text: await file.text() };
}

export function createWebFiles(doc: Document): StudioApi['files'] {
  return {
    open: (kind) =>
      new Promise<OpenedFile | null>((resolve, reject) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.accept = ACCEPT[kind];
        input.hidden = true;
        input.setAttribute('aria-hidden', 'true');
        const done = (): void => input.remove();
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          done();
          if (!file) resolve(null);
          else readPickedFile(file, kind).then(resolve, reject);
        });
        input.addEventListener('cancel', () => {
          done();
          resolve(null);
        });
        doc.body.append(input);
        input.click();
      }),
    save: async (file: ExportedFile): Promise<SavedFile> => {
      const blob = new Blob([file.data as BlobPart], { type: file.mimeType });
      const url = URL.createObjectURL(blob);
      const link = doc.createElement('a');
      link.href = url;
      link.download = file.fileName;
      link.hidden = true;
      doc.body.append(link);
      link.click();
      link.remove();
      // Revoking at once can cancel the download in some browsers; a minute is plenty.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return { fileName: file.fileName, location: 'download' };
    },
  };
}
