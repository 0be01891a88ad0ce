/**
 * Project files: the UI state (design, data source, settings, history) plus the trained model,
 * so a user can close the app and come back. Validated like model files: one line naming the
 * broken field, and the embedded model goes through the full model checks.
 */
import { ModelFileError } from '../errors';
import type { ProjectFile } from '../api';
import { parseJsonDocument, validateDocument } from './document';
import { serializeModel, validateModelValue } from './model-file';
// The state is checked by the schema `project:save` checks, so whatever the app saves reads back.
import { savedProjectStateSchema } from '../api-schemas';

export const PROJECT_FORMAT = 'nanograd-studio/project';
export const PROJECT_VERSION = 1;

export function serializeProject(project: ProjectFile): string {
  // The model part reuses the model writer so its weights keep their exact float32 text.
  const modelText = project.model ? serializeModel(project.model).trimEnd().replace(/\n/g, '\n  ') : 'null';
  const head = JSON.stringify(
    { format: PROJECT_FORMAT, version: PROJECT_VERSION, state: project.state },
    null,
    2,
  );
  return `${head.slice(0, head.lastIndexOf('}')).trimEnd()},\n  "model": ${modelText}\n}\n`;
}

export function parseProject(text: string, fileName: string): ProjectFile {
  const err = (message: string, field?: string) => new ModelFileError(message, { file: fileName, field });
  const raw = parseJsonDocument(text, fileName, 'project', err);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw err(`${fileName}: the file must be a JSON object (a Nanograd Studio project)`);
  const record = raw as Record<string, unknown>;
  if (record.format !== PROJECT_FORMAT) {
    const hint =
      record.format === 'nanograd-studio/model'
        ? ' (this is a model file: open it as a model)'
        : ' (not a Nanograd Studio project file)';
    const got = record.format === undefined ? 'is missing' : `is ${JSON.stringify(record.format)}`;
    throw err(`${fileName}: field "format" must be "${PROJECT_FORMAT}" but ${got}${hint}`, 'format');
  }
  if (record.version !== PROJECT_VERSION)
    throw err(
      `${fileName}: field "version" is ${JSON.stringify(record.version) ?? 'missing'}, but this version of Nanograd Studio reads project version ${PROJECT_VERSION} only`,
      'version',
    );
  const state = validateDocument(
    savedProjectStateSchema,
    record.state,
    (field, message) => err(`${fileName}: ${message}`, field),
    'state',
  );
  if (!('model' in record))
    throw err(`${fileName}: field "model" is missing (null when the project has no trained model)`, 'model');
  const model = record.model === null ? null : validateModelValue(record.model, fileName, 'model');
  return { format: PROJECT_FORMAT, version: PROJECT_VERSION, state, model };
}
