/**
 * Data: built-in generators, CSV import and the preprocessing pipeline. Everything here is
 * pure TypeScript (browser, Web Worker, Node): bytes/text in, typed arrays out.
 */
export * from './types';
export {
  generateTable,
  builtinDefaults,
  isBuiltinKind,
  MAX_GENERATED_POINTS,
  MIN_GENERATED_POINTS,
} from './generators';
export {
  parseCsv,
  decodeCsvBytes,
  detectDelimiter,
  NUMERIC_MAJORITY,
  MISSING_TOKENS,
  MAX_TOKEN_SPELLINGS,
  isMissingToken,
  FLOAT32_MAX,
  parseStrictNumber,
  csvField,
  datasetCsv,
  rowSplits,
} from './csv';
export type { CsvDelimiter, ParseOptions } from './csv';
export { previewTable, PREVIEW_ROWS } from './preview';
export { prepareDataset } from './prepare';
export { encodeInputs, encodeTable, type EncodedInputs } from './prepare/replay';
export {
  INPUT_FEATURES,
  RAW_FEATURES,
  expandInputs,
  inputFeatureName,
  inputFeatureValue,
  parseInputFeatures,
  type InputFeature,
} from './prepare/input-features';
export {
  applyInputFeatures,
  canonicalFeatures,
  encodedColumnsWidth,
  featuresMatch,
  hasTwoNumericInputs,
  inputFeatureNames,
  withInputFeatures,
} from './prepare/apply-input-features';
export { cellText, defaultTarget, rowNumber, writtenText } from './table';
export { count, noun } from './plural';
export {
  CLASSIC_DATASETS,
  CLASSIC_INFO,
  isClassicName,
  loadClassicTable,
  loadClassicText,
  type ClassicInfo,
  type ClassicName,
} from './classic';
