/** Model files, predictions, exports (ONNX, PyTorch script) and project files. */
export * from './types';
export {
  buildModelFile,
  serializeModel,
  parseModel,
  modelNetwork,
  validateModelValue,
  type BuildModelArgs,
} from './model-file';
export {
  predictTable,
  predictionsCsv,
  predictionColumns,
  skippedRowsNote,
  type Predictions,
} from './predict';
export { exportOnnx, ONNX_INPUT, ONNX_IR_VERSION, ONNX_OPSET } from './onnx/export-onnx';
export { exportPytorch } from './pytorch';
export { serializeProject, parseProject, PROJECT_FORMAT, PROJECT_VERSION } from './project';
export { float32Text } from './float-text';
export { exportModelFile, modelBaseName, MODEL_EXPORT_FORMATS, type ModelExportFormat } from './export-file';
