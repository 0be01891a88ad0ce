/**
 * Native file access for the desktop app: open/save dialogs, reading with a size limit and
 * CSV decoding (binary or non-UTF-8 files get a CsvError naming the file), atomic writes.
 * Everything Electron-specific is injected so the logic is testable.
 */
import path from 'node:path';
import type { OpenedFile, SavedFile } from '../../src-shared/api';
import type { OpenKind } from '../../src-shared/api-schemas';
import { decodeCsvBytes } from '../../src-shared/data/csv/decode';
import { StudioError } from '../../src-shared/errors';
import type { ExportedFile } from '../../src-shared/model/types';

/** Bigger than any data a small network trains on, small enough to never freeze the app. */
export const MAX_OPEN_BYTES = 200 * 1024 * 1024;

export interface FileFilter {
  name: string;
  extensions: string[];
}

export const OPEN_FILTERS: Record<OpenKind, FileFilter[]> = {
  csv: [
    { name: 'CSV data', extensions: ['csv', 'tsv', 'txt'] },
    { name: 'All files', extensions: ['*'] },
  ],
  model: [
    { name: 'Nanograd model', extensions: ['json'] },
    { name: 'All files', extensions: ['*'] },
  ],
  project: [
    { name: 'Nanograd project', extensions: ['nnproj'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

const SAVE_FILTERS: Record<string, FileFilter> = {
  '.json': { name: 'JSON', extensions: ['json'] },
  '.onnx': { name: 'ONNX model', extensions: ['onnx'] },
  '.py': { name: 'Python script', extensions: ['py'] },
  '.csv': { name: 'CSV', extensions: ['csv'] },
  '.nnproj': { name: 'Nanograd project', extensions: ['nnproj'] },
};

export interface DialogLike {
  showOpenDialog(options: {
    title: string;
    properties: string[];
    filters: FileFilter[];
    defaultPath?: string;
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: {
    title: string;
    defaultPath: string;
    filters: FileFilter[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
}

export interface FsLike {
  stat(file: string): Promise<{ size: number; isFile(): boolean }>;
  readFile(file: string): Promise<Uint8Array>;
  writeFileAtomic(file: string, data: string | Uint8Array): Promise<void>;
}

export interface FileServiceDeps {
  dialog: DialogLike;
  fs: FsLike;
  /** Starting folder for the first dialog (e.g. the user's documents). */
  defaultDir: string;
}

export interface FileService {
  open(kind: OpenKind): Promise<OpenedFile | null>;
  save(file: ExportedFile): Promise<SavedFile | null>;
  /** Reads a file the OS handed us (file association, second instance). */
  read(filePath: string, kind: OpenKind): Promise<OpenedFile>;
}

export function createFileService(deps: FileServiceDeps): FileService {
  // The last folder the user picked, per service instance (one per app run).
  let lastDir = deps.defaultDir;

  const read = async (filePath: string, kind: OpenKind): Promise<OpenedFile> => {
    const fileName = path.basename(filePath);
    let info: { size: number; isFile(): boolean };
    try {
      info = await deps.fs.stat(filePath);
    } catch (err) {
      throw new StudioError('io', `cannot open ${fileName}: ${errorCode(err)}`, { file: fileName });
    }
    if (!info.isFile())
      throw new StudioError('io', `cannot open ${fileName}: it is not a file`, { file: fileName });
    if (info.size > MAX_OPEN_BYTES) {
      throw new StudioError(
        'io',
        `${fileName} is ${Math.round(info.size / 1048576)} MB; the studio opens files up to ${MAX_OPEN_BYTES / 1048576} MB`,
        { file: fileName },
      );
    }
    const bytes = await deps.fs.readFile(filePath).catch((err: unknown) => {
      throw new StudioError('io', `cannot read ${fileName}: ${errorCode(err)}`, { file: fileName });
    });
    const text = kind === 'csv' ? decodeCsvBytes(bytes, fileName) : decodeUtf8(bytes, fileName);
    return { fileName, text, path: filePath };
  };

  return {
    read,
    async open(kind) {
      const result = await deps.dialog.showOpenDialog({
        title: kind === 'csv' ? 'Open CSV data' : kind === 'model' ? 'Open model' : 'Open project',
        properties: ['openFile'],
        filters: OPEN_FILTERS[kind],
        defaultPath: lastDir,
      });
      const picked = result.filePaths[0];
      if (result.canceled || !picked) return null;
      lastDir = path.dirname(picked);
      return read(picked, kind);
    },
    async save(file) {
      const extension = file.fileName.endsWith('.nnproj')
        ? '.nnproj'
        : path.extname(file.fileName).toLowerCase();
      const filter = SAVE_FILTERS[extension];
      const result = await deps.dialog.showSaveDialog({
        title: `Save ${file.fileName}`,
        defaultPath: path.join(lastDir, file.fileName),
        filters: filter
          ? [filter, { name: 'All files', extensions: ['*'] }]
          : [{ name: 'All files', extensions: ['*'] }],
      });
      if (result.canceled || !result.filePath) return null;
      await deps.fs.writeFileAtomic(result.filePath, file.data);
      lastDir = path.dirname(result.filePath);
      return { fileName: path.basename(result.filePath), location: result.filePath };
    },
  };
}

function decodeUtf8(bytes: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new StudioError('io', `${fileName} is not UTF-8 text`, { file: fileName });
  }
}

function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err) return String((err as { code: unknown }).code);
  return err instanceof Error ? err.message.split('\n', 1)[0] : String(err);
}
