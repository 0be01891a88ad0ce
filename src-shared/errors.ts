/**
 * Typed, user-facing errors. Every error a user can cause (bad CSV, bad layer spec, corrupt
 * model file, NaN loss, bad IPC payload) is one of these: `message` is ONE line that names
 * what and where, so the CLI can print it as is and the UI can show it in plain words.
 * Hosts print `error.message` only (a stack trace only with --debug).
 */
export interface ErrorLocation {
  file?: string;
  /** 1-based data row as the user sees it in an editor (header = row 1). */
  row?: number;
  /** Column name (or 1-based index when there is no name). */
  column?: string;
  /** Dotted path of a field in a JSON document or payload, e.g. `layers[2].units`. */
  field?: string;
}

export type ErrorKind =
  | 'csv'
  | 'dataset'
  | 'config'
  | 'model'
  | 'training'
  | 'payload'
  | 'export'
  | 'io'
  | 'cancelled'
  | 'internal';

export class StudioError extends Error {
  readonly kind: ErrorKind;
  readonly location: ErrorLocation;
  constructor(kind: ErrorKind, message: string, location: ErrorLocation = {}) {
    super(message);
    this.name = 'StudioError';
    this.kind = kind;
    this.location = location;
  }
  toJSON(): SerializedError {
    return { kind: this.kind, message: this.message, location: this.location };
  }
}

export class CsvError extends StudioError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('csv', message, location);
    this.name = 'CsvError';
  }
}
export class DatasetError extends StudioError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('dataset', message, location);
    this.name = 'DatasetError';
  }
}
export class ConfigError extends StudioError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('config', message, location);
    this.name = 'ConfigError';
  }
}
export class ModelFileError extends StudioError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('model', message, location);
    this.name = 'ModelFileError';
  }
}
export class TrainingError extends StudioError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('training', message, location);
    this.name = 'TrainingError';
  }
}
export class PayloadError extends StudioError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('payload', message, location);
    this.name = 'PayloadError';
  }
}
export class ExportError extends StudioError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('export', message, location);
    this.name = 'ExportError';
  }
}

/** Work that was stopped on purpose (Ctrl-C, a Stop button, a closed pool): not a failure. */
export class CancelledError extends StudioError {
  constructor(message = 'cancelled', location: ErrorLocation = {}) {
    super('cancelled', message, location);
    this.name = 'CancelledError';
  }
}

/** What crosses IPC / worker boundaries (Error objects do not survive structured clone well). */
export interface SerializedError {
  kind: ErrorKind;
  message: string;
  location: ErrorLocation;
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof StudioError) return err.toJSON();
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'internal', message: `Internal error: ${firstLine(message)}`, location: {} };
}

export function firstLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

const ERROR_CLASSES: Partial<
  Record<ErrorKind, new (message: string, location: ErrorLocation) => StudioError>
> = {
  csv: CsvError,
  dataset: DatasetError,
  config: ConfigError,
  model: ModelFileError,
  training: TrainingError,
  payload: PayloadError,
  export: ExportError,
  cancelled: CancelledError,
};

/** The typed error back from its serialized form (after a worker or IPC boundary). */
export function deserializeError(error: SerializedError): StudioError {
  const ErrorClass = ERROR_CLASSES[error.kind];
  return ErrorClass
    ? new ErrorClass(error.message, error.location)
    : new StudioError(error.kind, error.message, error.location);
}
