export { StudioBackend, type BackendHost, type BackendOptions, type EmitEvent } from './studio-backend';
export { modelSummary } from './model-files';
export { serveBackend, type BackendPort } from './serve';
export {
  isBackendRequest,
  isFromBackend,
  type BackendEvent,
  type BackendRequest,
  type BackendResponse,
  type FromBackend,
} from './messages';
export { boundaryFrame, dataPlane, gridInputs, type Plane } from './plane';
export { fileBaseName } from './file-names';
