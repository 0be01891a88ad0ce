import { promises as fs } from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../src-shared/errors';

/**
 * Writes a file atomically: the data goes to a temp file in the same folder (same file
 * system), is flushed, then renamed over the target. A crash or a failed write never leaves a
 * half-written target; an existing target stays intact until the rename.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(
    dir,
    `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`,
  );
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(tmp, 'wx', 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(tmp, target);
  } catch (err) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const reason = await writeFailureReason(err, target, dir);
    throw new StudioError('io', `cannot write ${target}: ${reason}`, { file: target });
  }
}

/** Words for the errno codes a write commonly fails with (like the CLI's "cannot read" reasons). */
const WRITE_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EISDIR: 'it is a folder',
  EEXIST: 'a file of that name already exists',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENAMETOOLONG: 'the file name is too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EBUSY: 'the file is in use',
  EIO: 'an input/output error (is the disk or network drive still there?)',
};

/**
 * The reason in a "cannot write <file>: <reason>" line, in words (`the disk is full`); an
 * unknown errno code as it is. ENOENT on a create means the folder is missing, or (an existing
 * folder such as /proc) that files cannot be created in it.
 */
export async function writeFailureReason(err: unknown, target: string, dir: string): Promise<string> {
  const code = err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : '';
  if (code === 'ENOENT') {
    const folder = path.dirname(target);
    const exists = await fs.stat(dir).then(
      (stat) => stat.isDirectory(),
      () => false,
    );
    return exists ? `files cannot be created in the folder ${folder}` : `the folder ${folder} does not exist`;
  }
  const words = WRITE_REASONS[code];
  if (words) return words;
  if (code) return code;
  return err instanceof Error ? err.message.split('\n')[0] : String(err);
}
