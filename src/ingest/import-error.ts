/**
 * An import that cannot go on (empty file, unknown format, missing required columns). Its message
 * is one line of French meant for the user, naming what was expected and what was found.
 */
export class ImportError extends Error {
  /** File concerned, when known. */
  readonly file: string | undefined;

  constructor(message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ImportError';
    this.file = options.file;
  }
}

/** Whether a value is an {@link ImportError}. */
export function isImportError(value: unknown): value is ImportError {
  return value instanceof ImportError;
}
