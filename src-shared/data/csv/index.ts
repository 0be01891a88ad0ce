export { parseCsv, detectDelimiter } from './parse';
export type { CsvDelimiter, ParseOptions } from './parse';
export { decodeCsvBytes } from './decode';
export { NUMERIC_MAJORITY, MISSING_TOKENS, MAX_TOKEN_SPELLINGS, isMissingToken } from './infer';
export { FLOAT32_MAX, parseStrictNumber } from './numbers';
export { csvField, datasetCsv, rowSplits, type SplitName } from './write';
