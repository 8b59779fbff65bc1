/** A browser asset (manifest, database, contours) that could not be fetched or read. */
export class AssetError extends Error {
  /** Path of the file relative to the page, e.g. `data/manifest.json`. */
  readonly file: string;
  /** True when the file does not exist (as opposed to a network or format problem). */
  readonly missing: boolean;

  constructor(file: string, message: string, options: { missing: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'AssetError';
    this.file = file;
    this.missing = options.missing;
  }
}
