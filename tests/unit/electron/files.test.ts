import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../src-shared/errors';
import {
  MAX_OPEN_BYTES,
  createFileService,
  type DialogLike,
  type FsLike,
} from '../../../src-main/electron/files';
import { writeFailureReason, writeFileAtomic } from '../../../src-main/node/atomic-write';

const realFs: FsLike = { stat: (f) => fs.stat(f), readFile: (f) => fs.readFile(f), writeFileAtomic };

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'nanograd-files-'));
}

function scriptedDialog(openPaths: (string | null)[], savePaths: (string | null)[]) {
  const seen: { open: unknown[]; save: unknown[] } = { open: [], save: [] };
  const dialog: DialogLike = {
    showOpenDialog: async (options) => {
      seen.open.push(options);
      const next = openPaths.shift() ?? null;
      return next ? { canceled: false, filePaths: [next] } : { canceled: true, filePaths: [] };
    },
    showSaveDialog: async (options) => {
      seen.save.push(options);
      const next = savePaths.shift() ?? null;
      return next ? { canceled: false, filePath: next } : { canceled: true };
    },
  };
  return { dialog, seen };
}

async function rejection(promise: Promise<unknown>): Promise<StudioError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StudioError);
  return err as StudioError;
}

describe('file service', () => {
  it('opens a CSV through the dialog with its path, and remembers the folder', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'data.csv');
    writeFileSync(file, '\uFEFFa,b\n1,2\n');
    const { dialog, seen } = scriptedDialog([file, null], []);
    const service = createFileService({ dialog, fs: realFs, defaultDir: '/docs' });
    expect(await service.open('csv')).toEqual({ fileName: 'data.csv', text: 'a,b\n1,2\n', path: file });
    expect(seen.open[0]).toMatchObject({ defaultPath: '/docs', properties: ['openFile'] });
    expect(await service.open('model')).toBeNull();
    expect(seen.open[1]).toMatchObject({ defaultPath: dir, title: 'Open model' });
  });

  it('refuses binary CSVs, non-UTF-8 models, folders and huge files with one line naming the file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'sheet.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1]));
    writeFileSync(path.join(dir, 'latin1.json'), Buffer.from([0x7b, 0xe9, 0x7d]));
    mkdirSync(path.join(dir, 'folder.csv'));
    const service = createFileService({ dialog: scriptedDialog([], []).dialog, fs: realFs, defaultDir: dir });
    expect((await rejection(service.read(path.join(dir, 'sheet.csv'), 'csv'))).kind).toBe('csv');
    expect((await rejection(service.read(path.join(dir, 'latin1.json'), 'model'))).message).toBe(
      'latin1.json is not UTF-8 text',
    );
    expect((await rejection(service.read(path.join(dir, 'folder.csv'), 'csv'))).message).toBe(
      'cannot open folder.csv: it is not a file',
    );
    expect((await rejection(service.read(path.join(dir, 'missing.csv'), 'csv'))).message).toBe(
      'cannot open missing.csv: ENOENT',
    );
    const hugeFs: FsLike = {
      ...realFs,
      stat: async () => ({ size: MAX_OPEN_BYTES + 1, isFile: () => true }),
    };
    const huge = createFileService({ dialog: scriptedDialog([], []).dialog, fs: hugeFs, defaultDir: dir });
    expect((await rejection(huge.read('/x/big.csv', 'csv'))).message).toBe(
      'big.csv is 200 MB; the studio opens files up to 200 MB',
    );
  });

  it('saves text and bytes atomically where the user chose, or nothing when cancelled', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'model.onnx');
    const { dialog, seen } = scriptedDialog([], [target, null]);
    const service = createFileService({ dialog, fs: realFs, defaultDir: dir });
    const saved = await service.save({
      fileName: 'xor.onnx',
      mimeType: 'application/octet-stream',
      data: new Uint8Array([1, 2, 3]),
    });
    expect(saved).toEqual({ fileName: 'model.onnx', location: target });
    expect([...readFileSync(target)]).toEqual([1, 2, 3]);
    expect(seen.save[0]).toMatchObject({
      defaultPath: path.join(dir, 'xor.onnx'),
      filters: [
        { name: 'ONNX model', extensions: ['onnx'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    expect(await service.save({ fileName: 'p.nnproj', mimeType: 'application/json', data: '{}' })).toBeNull();
    expect(readdirSync(dir)).toEqual(['model.onnx']);
  });
});

describe('writeFileAtomic', () => {
  it('writes, replaces, and leaves no temporary files behind', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'state.json');
    await writeFileAtomic(target, '{"v":1}');
    await writeFileAtomic(target, '{"v":2}');
    expect(readFileSync(target, 'utf8')).toBe('{"v":2}');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('fails with one io line and keeps the old target when the final rename cannot happen', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'taken');
    mkdirSync(target);
    writeFileSync(path.join(target, 'inside.txt'), 'keep me');
    const err = await rejection(writeFileAtomic(target, 'new'));
    expect(err.kind).toBe('io');
    expect(err.message).toBe(`cannot write ${target}: it is a folder`);
    expect(readFileSync(path.join(target, 'inside.txt'), 'utf8')).toBe('keep me');
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('fails cleanly when the folder does not exist', async () => {
    const err = await rejection(writeFileAtomic(path.join(tempDir(), 'no', 'such', 'file.json'), 'x'));
    expect(err.message).toMatch(/^cannot write .*file\.json: the folder .*no[/\\]such does not exist$/);
  });

  it('says when an existing folder takes no new files (/proc), keeping the path', async () => {
    if (process.platform !== 'linux') return;
    const err = await rejection(writeFileAtomic('/proc/x.csv', 'x'));
    expect(err.message).toBe('cannot write /proc/x.csv: files cannot be created in the folder /proc');
  });

  it('names the common errno codes in words, and passes unknown codes through', async () => {
    const errno = (code: string) => Object.assign(new Error(`${code}: boom`), { code });
    const dir = tempDir();
    const target = path.join(dir, 'm.json');
    const cases: [string, string][] = [
      ['EACCES', 'permission denied'],
      ['EPERM', 'permission denied'],
      ['EROFS', 'the file system is read-only'],
      ['ENOSPC', 'the disk is full'],
      ['EISDIR', 'it is a folder'],
      ['EEXIST', 'a file of that name already exists'],
      ['ENOTDIR', 'a part of the path is a file, not a folder'],
      ['EWHATEVER', 'EWHATEVER'],
    ];
    for (const [code, words] of cases) expect(await writeFailureReason(errno(code), target, dir)).toBe(words);
    expect(await writeFailureReason(new Error('plain\nsecond line'), target, dir)).toBe('plain');
  });
});
