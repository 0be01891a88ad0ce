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
    const reason =
      err instanceof Error && 'code' in err
        ? String((err as NodeJS.ErrnoException).code)
        : err instanceof Error
          ? err.message
          : String(err);
    throw new StudioError('io', `cannot write ${target}: ${reason}`, { file: target });
  }
}
