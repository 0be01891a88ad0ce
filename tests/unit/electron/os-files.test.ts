import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import {
  fileFromArgv,
  openWithOsFiles,
  osFileKind,
  PENDING_FILE_TTL_MS,
  PendingOsFile,
} from '../../../src-main/electron/os-files';
import { openAllowedExternal } from '../../../src-main/electron/navigation';
import { HELP_URL } from '../../../src-main/electron/menu';
import type { OpenedFile } from '../../../src-shared/api';

const cwd = path.resolve('/home/user/work');

describe('files handed over by the OS', () => {
  it('knows the associated types (electron-builder.yml): .nnproj projects and .json models', () => {
    expect(osFileKind('/a/b/run.nnproj')).toBe('project');
    expect(osFileKind('C:\\Users\\me\\XOR.NNPROJ')).toBe('project');
    expect(osFileKind('/a/model.json')).toBe('model');
    expect(osFileKind('/a/data.csv')).toBeNull();
    expect(osFileKind('/a/model.onnx')).toBeNull();
  });

  it('picks the file from a packaged command line and resolves it against the working directory', () => {
    expect(fileFromArgv(['/opt/Nanograd Studio/nanograd-studio', 'xor.nnproj'], cwd)).toEqual({
      path: path.join(cwd, 'xor.nnproj'),
      kind: 'project',
    });
    expect(fileFromArgv(['studio.exe', '/abs/models/m.json'], cwd)).toEqual({
      path: path.resolve('/abs/models/m.json'),
      kind: 'model',
    });
  });

  it('ignores the executable, switches, the app path in development and other files', () => {
    expect(fileFromArgv(['/usr/bin/electron'], cwd)).toBeNull();
    expect(fileFromArgv(['electron', '.', '--inspect=9229'], cwd)).toBeNull();
    expect(fileFromArgv(['electron', 'out/main/index.js'], cwd)).toBeNull();
    expect(fileFromArgv(['studio', 'data.csv', '-psn_0_12345'], cwd)).toBeNull();
    // Chromium appends its own switches to a second instance's argv; values inside them are not files.
    expect(
      fileFromArgv(['studio', '--user-data-dir=/tmp/x.json', '--allow-file-access-from-files'], cwd),
    ).toBeNull();
    // argv[0] is never taken, even when it looks like a file.
    expect(fileFromArgv(['project.nnproj'], cwd)).toBeNull();
  });

  it('takes the last file when several are given', () => {
    expect(fileFromArgv(['studio', 'a.nnproj', 'b.json', '--flag'], cwd)?.path).toBe(
      path.join(cwd, 'b.json'),
    );
  });

  it('accepts file:// URLs (Linux desktop entries pass %U) and skips other URLs', () => {
    const file = path.resolve('/home/user/My Models/xor model.json');
    expect(fileFromArgv(['studio', pathToFileURL(file).href], cwd)).toEqual({ path: file, kind: 'model' });
    expect(fileFromArgv(['studio', 'https://example.com/model.json'], cwd)).toBeNull();
    // A remote host is not a local file (Windows would read it as a UNC path, which is fine there).
    if (process.platform !== 'win32')
      expect(fileFromArgv(['studio', 'file://remote-host/share/model.json'], cwd)).toBeNull();
  });
});

describe('PendingOsFile', () => {
  it('hands the dispatched file to the next files:open of its kind, once', () => {
    const pending = new PendingOsFile(() => 0);
    pending.offer({ path: '/p/x.nnproj', kind: 'project' });
    expect(pending.take('project')).toBeNull(); // not dispatched yet: the UI did not ask for it
    expect(pending.dispatch()).toBe('open-project');
    expect(pending.take('model')).toBeNull();
    expect(pending.take('csv')).toBeNull();
    expect(pending.take('project')).toBe('/p/x.nnproj');
    expect(pending.take('project')).toBeNull();
    expect(pending.dispatch()).toBeNull();
  });

  it('sends open-model for models and keeps only the newest file', () => {
    const pending = new PendingOsFile(() => 0);
    pending.offer({ path: '/p/old.nnproj', kind: 'project' });
    pending.offer({ path: '/p/new.json', kind: 'model' });
    expect(pending.dispatch()).toBe('open-model');
    expect(pending.take('project')).toBeNull();
    expect(pending.take('model')).toBe('/p/new.json');
  });

  it('forgets a dispatched file the UI never asked for, so File > Open shows the dialog again', () => {
    let now = 1000;
    const pending = new PendingOsFile(() => now);
    pending.offer({ path: '/p/x.json', kind: 'model' });
    pending.dispatch();
    now += PENDING_FILE_TTL_MS + 1;
    expect(pending.take('model')).toBeNull();
    now += 1;
    expect(pending.dispatch()).toBeNull();
  });
});

describe('openWithOsFiles', () => {
  const opened = (p: string): OpenedFile => ({ fileName: path.basename(p), text: '{}', path: p });

  it('reads the waiting file instead of showing the dialog, then falls back to the dialog', async () => {
    const files = {
      open: vi.fn(async () => opened('/picked/in-dialog.nnproj')),
      read: vi.fn(async (p: string) => opened(p)),
      save: vi.fn(async () => null),
    };
    const pending = new PendingOsFile(() => 0);
    const served = openWithOsFiles(files, pending);
    pending.offer({ path: '/os/x.nnproj', kind: 'project' });
    pending.dispatch();
    await expect(served.open('project')).resolves.toMatchObject({ path: '/os/x.nnproj' });
    expect(files.read).toHaveBeenCalledWith('/os/x.nnproj', 'project');
    expect(files.open).not.toHaveBeenCalled();
    await expect(served.open('project')).resolves.toMatchObject({ path: '/picked/in-dialog.nnproj' });
    expect(files.open).toHaveBeenCalledWith('project');
    expect(served.save).toBe(files.save);
  });

  it('reports a file that cannot be read the way File > Open does (the error reaches the UI)', async () => {
    const files = {
      open: vi.fn(async () => null),
      read: vi.fn(async () => {
        throw new Error('cannot open gone.json: ENOENT');
      }),
    };
    const pending = new PendingOsFile(() => 0);
    pending.offer({ path: '/os/gone.json', kind: 'model' });
    pending.dispatch();
    await expect(openWithOsFiles(files, pending).open('model')).rejects.toThrow('ENOENT');
  });
});

describe('openAllowedExternal (window links and the Help menu)', () => {
  it('opens allow-listed https URLs only', () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const log = vi.fn();
    expect(openAllowedExternal(shell, HELP_URL, log)).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith(HELP_URL);
    for (const url of [
      'http://github.com/',
      'file:///etc/passwd',
      'smb://host/share',
      'https://evil.example/',
    ]) {
      expect(openAllowedExternal(shell, url, log)).toBe(false);
    }
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledTimes(4);
  });
});
