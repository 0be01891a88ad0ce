/**
 * Builds the renderer-facing `StudioApi` from a host's raw transport. Both hosts (the Electron
 * preload over ipcRenderer.invoke, the web build over a Web Worker) provide only `invoke`,
 * `subscribe` and file access; this one function turns envelopes into values or StudioErrors
 * so the UI code cannot tell the hosts apart.
 */
import type { Envelope, Invoke, RequestChannel, RequestOf, ResponseOf, StudioApi, Subscribe } from './api';
import { StudioError } from './errors';

export interface ApiTransport {
  host: StudioApi['host'];
  invoke: Invoke;
  subscribe: Subscribe;
  files: StudioApi['files'];
}

/** Turns an error envelope back into a StudioError with the same kind, message and location. */
export function unwrapEnvelope<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  const { kind, message, location } = envelope.error;
  throw new StudioError(kind, message, location ?? {});
}

export function createApi(transport: ApiTransport): StudioApi {
  const call = async <C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> =>
    unwrapEnvelope(await transport.invoke(channel, payload));
  const noArgs = {} as Record<string, never>;
  return {
    host: transport.host,
    data: {
      generate: (req) => call('data:generate', req),
      importCsv: (req) => call('data:import-csv', req),
      export: () => call('data:export', noArgs),
      paint: (req) => call('data:paint', req),
    },
    train: {
      start: (config) => call('train:start', config),
      pause: () => call('train:pause', noArgs),
      resume: () => call('train:resume', noArgs),
      step: () => call('train:step', noArgs),
      stop: () => call('train:stop', noArgs),
      reset: () => call('train:reset', noArgs),
      setWeight: (edit) => call('train:set-weight', edit),
      lrFind: (config) => call('train:lr-find', config),
    },
    inspect: {
      neuron: (req) => call('inspect:neuron', req),
    },
    model: {
      export: (format) => call('model:export', { format }),
      load: (file) => call('model:load', file),
    },
    project: {
      save: (state) => call('project:save', state),
      load: (file) => call('project:load', file),
    },
    dataMap: {
      show: (req) => call('datamap:show', req),
      row: (row) => call('datamap:row', { row }),
    },
    sweep: {
      start: (req) => call('sweep:start', req),
      stop: () => call('sweep:stop', noArgs),
    },
    evaluation: {
      report: (req) => call('eval:report', req),
    },
    crossValidation: {
      start: (req) => call('cv:start', req),
      stop: () => call('cv:stop', noArgs),
    },
    engine: {
      threads: (threads) => call('engine:threads', threads === undefined ? {} : { threads }),
    },
    files: {
      open: (kind) => transport.files.open(kind),
      save: (file) => transport.files.save(file),
    },
    on: (event, listener) => transport.subscribe(event, listener),
  };
}
