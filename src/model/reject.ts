// A row that failed validation: kept with its line and reason, never silently dropped.
export interface RowReject {
  /** 1-based physical line in the file where the row starts. */
  line: number;
  field: string;
  reason: string;
  /** The row as it stood in the file. */
  raw: string;
}

/** A file that is not what it claims to be: fails the import at once. */
export class InputFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'InputFileError';
  }
}
