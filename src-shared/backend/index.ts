export { StudioBackend, modelSummary, type BackendHost, type BackendOptions, type EmitEvent } from './studio-backend';
export { boundaryFrame, dataPlane, gridInputs, type Plane } from './plane';
export { fileBaseName } from './file-names';
