/**
 * What the preload exposes, built from a minimal ipcRenderer so it can be tested without
 * Electron. The renderer gets exactly StudioApi: one function per request channel over
 * `invoke`, event subscriptions limited to EVENT_CHANNELS that hand over only the payload
 * (never the IpcRendererEvent, which would leak `sender`), and an unsubscribe per listener.
 */
import {
  EVENT_CHANNELS,
  type Envelope,
  type EventChannel,
  type Invoke,
  type OpenedFile,
  type SavedFile,
  type StudioApi,
  type Subscribe,
} from '../../src-shared/api';
import { createApi, unwrapEnvelope } from '../../src-shared/api-client';
import { FILE_CHANNELS } from './ipc-channels';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function buildPreloadApi(ipc: IpcRendererLike): StudioApi {
  const invoke = ((channel: string, payload: unknown) => ipc.invoke(channel, payload)) as Invoke;
  const subscribe: Subscribe = (event, listener) => {
    if (!(EVENT_CHANNELS as readonly string[]).includes(event))
      throw new TypeError(`unknown event "${String(event)}"`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const relay = (_event: unknown, payload: unknown): void => (listener as (p: unknown) => void)(payload);
    ipc.on(event as EventChannel, relay);
    return () => {
      ipc.removeListener(event, relay);
    };
  };
  const files: StudioApi['files'] = {
    open: async (kind) =>
      unwrapEnvelope((await ipc.invoke(FILE_CHANNELS.open, kind)) as Envelope<OpenedFile | null>),
    save: async (file) =>
      unwrapEnvelope((await ipc.invoke(FILE_CHANNELS.save, file)) as Envelope<SavedFile | null>),
  };
  return createApi({ host: 'electron', invoke, subscribe, files });
}
