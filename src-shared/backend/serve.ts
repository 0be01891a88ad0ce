/**
 * Serves a StudioBackend over any message port (a Web Worker's global scope, a worker_threads
 * parentPort). The host supplies only how to send, how to listen, a clock and a yield.
 */
import { StudioBackend, type BackendHost, type BackendOptions } from './studio-backend';
import { isBackendRequest, type FromBackend } from './messages';

export interface BackendPort {
  postMessage(message: FromBackend): void;
  onMessage(listener: (data: unknown) => void): void;
}

export function serveBackend(
  port: BackendPort,
  host: Omit<BackendHost, 'emit'>,
  options: BackendOptions = {},
): StudioBackend {
  const backend = new StudioBackend(
    { ...host, emit: (event, payload) => port.postMessage({ type: 'event', event, payload }) },
    options,
  );
  port.onMessage((data) => {
    // Anything that is not a well-formed request is ignored: there is no id to answer to.
    if (!isBackendRequest(data)) return;
    void backend
      .handle(data.channel, data.payload)
      .then((envelope) => port.postMessage({ type: 'response', id: data.id, envelope }));
  });
  return backend;
}
