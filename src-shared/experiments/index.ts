/** Experiments: sweep plans (grid, random), results, grouping, importance, diffs, import/export. */
export * from './params';
export * from './plan';
export * from './results';
export * from './export';
export * from './apply';
export * from './runner';
export * from './run-task';
