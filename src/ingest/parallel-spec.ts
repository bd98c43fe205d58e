// What it takes to rebuild a reader in another thread (which reader, which file, its options), and to carry its
// errors back with their class and message.
import { InputFileError } from '../model/reject.js';
import { AcledReader, type AcledReaderOptions } from './acled.js';
import { MappedCsvReader } from './mapped-csv.js';
import { MappingError, type Mapping } from './mapping.js';
import type { EventReader } from './reader.js';
import { UcdpReader } from './ucdp.js';

export type ReaderSpec =
  | { format: 'acled'; file: string; options: AcledReaderOptions }
  | { format: 'ucdp'; file: string }
  | { format: 'csv'; file: string; mapping: Mapping };

/** The spec of a reader this module can rebuild, or null (the import then reads in its own thread). */
export function readerSpec(reader: EventReader): ReaderSpec | null {
  if (reader instanceof AcledReader) return { format: 'acled', file: reader.file, options: { ...reader.opts } };
  if (reader instanceof UcdpReader) return { format: 'ucdp', file: reader.file };
  if (reader instanceof MappedCsvReader) return { format: 'csv', file: reader.file, mapping: reader.mapping };
  return null;
}

export function readerFromSpec(spec: ReaderSpec): EventReader {
  switch (spec.format) {
    case 'acled':
      return new AcledReader(spec.file, spec.options);
    case 'ucdp':
      return new UcdpReader(spec.file);
    case 'csv':
      return new MappedCsvReader(spec.file, spec.mapping);
  }
}

/** An error as it crosses threads: structured cloning would keep the message but lose the class and its fields. */
export interface ErrorSpec {
  kind: 'input' | 'mapping' | 'other';
  name: string;
  message: string;
  stack?: string;
  file?: string;
  key?: string;
}

export function errorToSpec(err: unknown): ErrorSpec {
  if (!(err instanceof Error)) return { kind: 'other', name: 'Error', message: String(err) };
  const base = { name: err.name, message: err.message, stack: err.stack };
  if (err instanceof MappingError) return { ...base, kind: 'mapping', file: err.file, key: err.key };
  if (err instanceof InputFileError) return { ...base, kind: 'input', file: err.file };
  return { ...base, kind: 'other' };
}

export function errorFromSpec(spec: ErrorSpec): Error {
  const err =
    spec.kind === 'mapping' ? new MappingError(spec.file!, spec.key!, '') : spec.kind === 'input' ? new InputFileError(spec.file!, '') : new Error();
  err.name = spec.name;
  err.message = spec.message;
  if (spec.stack !== undefined) err.stack = spec.stack;
  return err;
}
