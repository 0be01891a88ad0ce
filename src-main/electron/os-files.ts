/**
 * Files the operating system hands the app: a double-clicked project or model (file
 * associations in electron-builder.yml) arrives on the command line (Windows, Linux, and the
 * argv of a second instance) or as macOS `open-file`. Main remembers the file and sends the
 * menu command the UI already handles ('open-project' / 'open-model'); the UI then calls
 * files:open as for File > Open, and that call returns the remembered file instead of showing
 * a dialog. So an OS-opened file goes through exactly the same load path, errors and
 * discard-the-run prompt as one picked in the dialog, with no new IPC channel.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppCommand, OpenedFile } from '../../src-shared/api';
import type { OpenKind } from '../../src-shared/api-schemas';

export type OsFileKind = 'project' | 'model';

export interface OsFile {
  path: string;
  kind: OsFileKind;
}

/** The app's own file types, as associated in electron-builder.yml. */
export function osFileKind(file: string): OsFileKind | null {
  const lower = file.toLowerCase();
  if (lower.endsWith('.nnproj')) return 'project';
  if (lower.endsWith('.json')) return 'model';
  return null;
}

/**
 * The project or model file named on a command line, or null. argv[0] is the executable;
 * switches (`--flag`, and macOS's `-psn_…`) and anything that is not one of our file types
 * (the app path in development, Chromium arguments) are skipped; the last file wins.
 * Relative paths resolve against `cwd`; `file://` URLs (Linux desktop entries pass %U) are
 * converted to paths.
 */
export function fileFromArgv(argv: readonly string[], cwd: string): OsFile | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i];
    if (!arg || arg.startsWith('-')) continue;
    let file = arg;
    if (/^file:\/\//i.test(arg)) {
      try {
        file = fileURLToPath(arg);
      } catch {
        continue;
      }
    } else if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) {
      continue;
    }
    const kind = osFileKind(file);
    if (kind) return { path: path.resolve(cwd, file), kind };
  }
  return null;
}

/** How long the UI has to ask for a dispatched file before File > Open shows the dialog again. */
export const PENDING_FILE_TTL_MS = 15_000;

/**
 * Holds at most one OS-opened file between "main sent the command" and "the UI asked for the
 * file". A newer file replaces an older one; a file the UI never asked for expires, so a later
 * File > Open always shows the dialog.
 */
export class PendingOsFile {
  private pending: { file: OsFile; sentAt: number | null } | null = null;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = PENDING_FILE_TTL_MS,
  ) {}

  offer(file: OsFile): void {
    this.pending = { file, sentAt: null };
  }

  /** The command that makes the UI open the waiting file (stamped as sent now), or null. */
  dispatch(): AppCommand | null {
    if (!this.pending) return null;
    this.pending.sentAt = this.now();
    return this.pending.file.kind === 'project' ? 'open-project' : 'open-model';
  }

  /** For files:open: the dispatched file of this kind (then forgotten), or null to show the dialog. */
  take(kind: OpenKind): string | null {
    const pending = this.pending;
    if (!pending || pending.sentAt === null) return null;
    if (this.now() - pending.sentAt > this.ttlMs) {
      this.pending = null;
      return null;
    }
    if (pending.file.kind !== kind) return null;
    this.pending = null;
    return pending.file.path;
  }
}

export interface OpeningFiles {
  open(kind: OpenKind): Promise<OpenedFile | null>;
  read(filePath: string, kind: OpenKind): Promise<OpenedFile>;
}

/** files:open as the IPC layer sees it: the waiting OS file when there is one, else the dialog. */
export function openWithOsFiles<F extends OpeningFiles>(
  files: F,
  pending: PendingOsFile,
): Omit<F, 'open'> & Pick<OpeningFiles, 'open'> {
  return {
    ...files,
    open: (kind: OpenKind) => {
      const waiting = pending.take(kind);
      return waiting ? files.read(waiting, kind) : files.open(kind);
    },
  };
}
