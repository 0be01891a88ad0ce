/**
 * IPC handlers: one `ipcMain.handle` per request channel of api.ts plus the two host channels
 * for native file dialogs. Every call checks the sender and validates the payload before it
 * reaches the backend thread; every answer is an Envelope, so a bad request becomes a typed
 * error in the renderer and never an exception in main.
 */
import { REQUEST_CHANNELS, type Envelope, type OpenedFile, type SavedFile } from '../../src-shared/api';
import {
  validateExportedFile,
  validateOpenKind,
  validateRequest,
  type OpenKind,
} from '../../src-shared/api-schemas';
import { PayloadError, serializeError } from '../../src-shared/errors';
import type { ExportedFile } from '../../src-shared/model/types';
import type { InvokeEventLike } from './sender';
import { FILE_CHANNELS } from './ipc-channels';

export { FILE_CHANNELS };

/** The slice of Electron's ipcMain used here (tests pass a fake). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcDeps {
  ipcMain: IpcMainLike;
  isTrustedSender(event: InvokeEventLike): boolean;
  backend: {
    request(channel: (typeof REQUEST_CHANNELS)[number], payload: unknown): Promise<Envelope<unknown>>;
  };
  files: {
    open(kind: OpenKind): Promise<OpenedFile | null>;
    save(file: ExportedFile): Promise<SavedFile | null>;
  };
  /** Where refused calls are logged (never shown to the sender beyond one line). */
  warn?(message: string): void;
}

/** Registers every handler; returns a function that removes them again. */
export function registerIpcHandlers(deps: IpcDeps): () => void {
  const channels: string[] = [];
  const guarded = (channel: string, run: (payload: unknown) => Promise<Envelope<unknown>>) => {
    channels.push(channel);
    deps.ipcMain.handle(channel, async (event, payload) => {
      if (!deps.isTrustedSender(event)) {
        deps.warn?.(`refused ${channel} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
        return {
          ok: false,
          error: new PayloadError(
            `${channel}: refused (the request did not come from the Nanograd Studio window)`,
          ).toJSON(),
        };
      }
      try {
        return await run(payload);
      } catch (err) {
        return { ok: false, error: serializeError(err) };
      }
    });
  };

  for (const channel of REQUEST_CHANNELS) {
    guarded(channel, (payload) => deps.backend.request(channel, validateRequest(channel, payload)));
  }
  guarded(FILE_CHANNELS.open, async (kind) => ({
    ok: true,
    value: await deps.files.open(validateOpenKind(FILE_CHANNELS.open, kind)),
  }));
  guarded(FILE_CHANNELS.save, async (file) => ({
    ok: true,
    value: await deps.files.save(validateExportedFile(FILE_CHANNELS.save, file)),
  }));

  return () => {
    for (const channel of channels) deps.ipcMain.removeHandler(channel);
  };
}
