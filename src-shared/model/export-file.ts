/**
 * One entry point for "give me this model as a file" (the app's export buttons, the CLI):
 * the bytes plus a sensible file name and MIME type. Any failure of an exporter becomes one
 * ExportError line; a host writes the file only after this returned, so a failed export never
 * leaves a partial file.
 */
import { ExportError, StudioError } from '../errors';
import { exportOnnx } from './onnx/export-onnx';
import { exportPytorch } from './pytorch';
import { serializeModel } from './model-file';
import type { ExportedFile, ExportFormat, ModelFile } from './types';

export type ModelExportFormat = Exclude<ExportFormat, 'predictions'>;
export const MODEL_EXPORT_FORMATS: readonly ModelExportFormat[] = ['json', 'onnx', 'pytorch'];

/** File-system friendly base name: `My model (v2)` -> `My_model_v2`. */
export function modelBaseName(model: ModelFile): string {
  const base = model.name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  return base === '' ? 'model' : base;
}

export function exportModelFile(model: ModelFile, format: ModelExportFormat): ExportedFile {
  const base = modelBaseName(model);
  try {
    switch (format) {
      case 'json':
        return { fileName: `${base}.json`, mimeType: 'application/json', data: serializeModel(model) };
      case 'onnx':
        return { fileName: `${base}.onnx`, mimeType: 'application/octet-stream', data: exportOnnx(model) };
      case 'pytorch':
        // A Python module name cannot contain '-'.
        return {
          fileName: `${base.replace(/-/g, '_')}.py`,
          mimeType: 'text/x-python',
          data: exportPytorch(model),
        };
    }
  } catch (err) {
    if (err instanceof StudioError) throw err;
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new ExportError(`cannot export model "${model.name}" as ${format}: ${reason}`);
  }
  throw new ExportError(
    `unknown export format "${String(format)}" (use ${MODEL_EXPORT_FORMATS.join(', ')})`,
    { field: 'format' },
  );
}
