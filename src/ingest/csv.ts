// Streams a CSV file as rows with their physical line numbers, in batches, with flat memory.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';
import { InputFileError } from '../model/reject.js';

export interface CsvRow {
  /** 1-based line in the file where this row starts (quoted newlines make rows span lines). */
  line: number;
  /** Field values by header name. */
  values: Record<string, string>;
  /** The raw field list, for rejects. */
  fields: string[];
}

/** Builds the by-name view only when a reader asks for it: readers that go by column index skip the cost. */
class Row implements CsvRow {
  private byName: Record<string, string> | null = null;
  constructor(
    readonly line: number,
    readonly fields: string[],
    private readonly header: string[],
  ) {}

  get values(): Record<string, string> {
    if (this.byName === null) {
      const values: Record<string, string> = {};
      for (let i = 0; i < this.header.length; i++) values[this.header[i]!] = this.fields[i]!;
      this.byName = values;
    }
    return this.byName;
  }
}

export interface CsvBatch {
  header: string[];
  rows: CsvRow[];
  /** Rows whose field count differs from the header: already rejects. */
  malformed: { line: number; fields: string[]; reason: string }[];
  /** The delimiter and line break the parser settled on (from the start of the file). */
  dialect: CsvDialect;
  /** The line after the last one read so far. */
  nextLine: number;
}

export interface CsvDialect {
  delimiter: string;
  newline: string;
}

/**
 * A run of whole rows of a file read on its own, so that parts of a file can be read in parallel: bytes start to
 * end, in the file's dialect, after its header (or, from the start of the file, with the header to find).
 */
export interface CsvRange {
  start: number;
  end: number;
  header: string[] | null;
  dialect: CsvDialect;
  /** The line the range starts on (line numbers of rows and rejects count from it). */
  line: number;
  /**
   * True when the range was cut without parsing what came before it (where the quotes seemed to balance): if it
   * ends inside a quoted field, the cut was wrong and reading throws CsvCutError rather than calling the file
   * truncated.
   */
  guessed: boolean;
}

/** A range's end fell inside a quoted field: it must be read again together with what follows. */
export class CsvCutError extends Error {
  constructor(readonly range: { start: number; end: number }) {
    super(`bytes ${range.start}–${range.end} end inside a quoted field`);
    this.name = 'CsvCutError';
  }
}

export interface CsvOptions {
  /** What the file should be, for error messages ("an ACLED export"). */
  expected: string;
  delimiter?: string;
  /** Read only this part of the file (see CsvRange). */
  range?: CsvRange;
}

/** Fails at once on a file that is empty or binary; returns its size. */
export async function assertTextFile(file: string, expected: string): Promise<number> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new InputFileError(file, `cannot read the file (expected ${expected})`);
  }
  if (size === 0) throw new InputFileError(file, `the file is empty (expected ${expected})`);
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(size, 8192));
    await fh.read(buf, 0, buf.length, 0);
    if (buf.includes(0)) throw new InputFileError(file, `this is a binary file, not text (expected ${expected})`);
    const head = buf.toString('utf8');
    const replacement = (head.match(/\uFFFD/g) ?? []).length;
    if (replacement > 8 && replacement > head.length / 50) throw new InputFileError(file, `this file is not UTF-8 text (expected ${expected})`);
  } finally {
    await fh.close();
  }
  return size;
}

/**
 * The dialect a parse of the whole file settles on: what the parser guesses from the file's first chunk, which is
 * what readCsv's stream hands it first (1 MiB).
 */
export async function sniffDialect(file: string, delimiter = ''): Promise<CsvDialect> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const text = new StringDecoder('utf8').write(buf.subarray(0, bytesRead));
    const meta = Papa.parse<string[]>(text, { preview: 1, delimiter, skipEmptyLines: false }).meta;
    return { delimiter: meta.delimiter, newline: meta.linebreak };
  } finally {
    await fh.close();
  }
}

/** The row re-serialised as CSV, for the rejects file. */
export function rowToCsv(fields: string[]): string {
  return Papa.unparse([fields], { newline: '\n' });
}

/**
 * Yields batches of rows. The header is the first non-empty row (a UTF-8 byte-order mark is dropped).
 * A file that ends inside a quoted field is truncated: that fails the whole import.
 */
export async function* readCsv(file: string, opts: CsvOptions): AsyncGenerator<CsvBatch> {
  const range = opts.range;
  if (!range || range.start === 0) await assertTextFile(file, opts.expected);
  if (range && range.end <= range.start) return;
  const queue: (CsvBatch | Error | null)[] = [];
  let wake: (() => void) | null = null;
  let paused = false;
  let parserRef: Papa.Parser | null = null;
  let header: string[] | null = range?.header ?? null;
  let nextLine = range?.line ?? 1;
  let dialect: CsvDialect | null = range?.dialect ?? null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const stream = range
    ? createReadStream(file, { encoding: 'utf8', start: range.start, end: range.end - 1, highWaterMark: Math.min(Math.max(range.end - range.start, 1), 4 << 20) })
    : createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  Papa.parse<string[]>(stream as unknown as File, {
    header: false,
    skipEmptyLines: false,
    delimiter: range?.dialect.delimiter ?? opts.delimiter ?? '',
    ...(range ? { newline: range.dialect.newline as '\n' } : {}),
    chunk(results, parser) {
      parserRef = parser;
      dialect ??= { delimiter: results.meta.delimiter, newline: results.meta.linebreak };
      const batch: CsvBatch = { header: header ?? [], rows: [], malformed: [], dialect, nextLine };
      const truncated = results.errors.find((e) => e.code === 'MissingQuotes');
      for (const fields of results.data) {
        const line = nextLine;
        let newlines = 0;
        for (const f of fields) for (let i = f.indexOf('\n'); i !== -1; i = f.indexOf('\n', i + 1)) newlines++;
        nextLine += newlines + 1;
        if (fields.length === 1 && fields[0] === '') continue; // blank line
        if (header === null) {
          header = fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
          batch.header = header;
          continue;
        }
        if (fields.length !== header.length) {
          batch.malformed.push({ line, fields, reason: `has ${fields.length} fields where the header has ${header.length}` });
          continue;
        }
        batch.rows.push(new Row(line, fields, header));
      }
      batch.nextLine = nextLine;
      if (truncated && range?.guessed) {
        queue.push(new CsvCutError(range));
        parser.abort();
      } else if (truncated) {
        queue.push(new InputFileError(file, `the file ends inside a quoted field near line ${nextLine - 1}: it is truncated or not ${opts.expected}`));
        parser.abort();
      } else if (header !== null) {
        queue.push(batch);
      }
      if (queue.length > 4 && !paused) {
        paused = true;
        parser.pause();
        // Papa's pause stops parsing but not the file stream, whose chunks would pile up in memory.
        stream.pause();
      }
      notify();
    },
    complete() {
      queue.push(null);
      notify();
    },
    error(err: Error) {
      queue.push(new InputFileError(file, err.message));
      notify();
    },
  });

  for (;;) {
    if (queue.length === 0) {
      if (paused && parserRef) {
        paused = false;
        (parserRef as Papa.Parser).resume();
        stream.resume();
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (queue.length > 0) notify();
      });
      continue;
    }
    const item = queue.shift()!;
    if (item === null) break;
    if (item instanceof Error) {
      stream.destroy();
      throw item;
    }
    yield item;
  }
  if (header === null) throw new InputFileError(file, `the file has no header row (expected ${opts.expected})`);
}
