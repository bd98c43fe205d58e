// Cutting a CSV file into ranges of whole rows by counting quotes, and catching the cuts a stray quote puts wrong.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvCutError, readCsv, sniffDialect, type CsvRange } from '../../src/ingest/csv.js';
import { RangeCutter } from '../../src/ingest/parallel-split.js';
import { generateAcled } from '../fixtures/acled-generate.js';
import { tempDir } from '../helpers/stores.js';

let dir: string;
let file: string;
beforeAll(async () => {
  dir = tempDir();
  file = join(dir, 'acled.csv');
  await generateAcled(file, { rows: 3000, seed: 21, layout: 'current', crlf: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every row of the file read in ranges of about `length` bytes; throws what reading a range throws. */
async function readInRanges(path: string, length: number): Promise<{ lines: number[]; fields: string[][]; ranges: number }> {
  const dialect = await sniffDialect(path);
  const fh = await open(path, 'r');
  const size = (await fh.stat()).size;
  const cutter = new RangeCutter(fh, size, dialect.newline, length);
  const out = { lines: [] as number[], fields: [] as string[][], ranges: 0 };
  let header: string[] | null = null;
  let line = 1;
  try {
    for (let start = 0; start < size; ) {
      const end = await cutter.end(start);
      const range: CsvRange = { start, end, header, dialect, line, guessed: true };
      let next = line;
      for await (const batch of readCsv(path, { expected: 'a test file', range })) {
        header = batch.header;
        next = batch.nextLine;
        for (const row of batch.rows) {
          out.lines.push(row.line);
          out.fields.push(row.fields);
        }
      }
      line = next;
      start = end;
      out.ranges++;
    }
  } finally {
    await fh.close();
  }
  return out;
}

async function readWhole(path: string) {
  const out = { lines: [] as number[], fields: [] as string[][] };
  for await (const batch of readCsv(path, { expected: 'a test file' })) {
    for (const row of batch.rows) {
      out.lines.push(row.line);
      out.fields.push(row.fields);
    }
  }
  return out;
}

describe('RangeCutter', () => {
  it('cuts at row boundaries: the ranges read on their own give the rows and lines of the whole file', async () => {
    const whole = await readWhole(file);
    const cut = await readInRanges(file, 64 * 1024);
    expect(cut.ranges).toBeGreaterThan(10);
    expect(cut.fields).toEqual(whole.fields);
    expect(cut.lines).toEqual(whole.lines);
  });

  it('is found out when a stray quote makes it cut inside a quoted field', async () => {
    const text = readFileSync(file, 'utf8');
    const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    rows[20]![21] = 'Hill 5" gun';
    const stray = join(dir, 'stray.csv');
    // Written as a careless export would: the quote left bare inside an unquoted value. Line feeds only, as notes
    // hold line feeds too, where CRLF rows are never cut.
    writeFileSync(stray, Papa.unparse(rows, { newline: '\n' }).replace('"Hill 5"" gun"', 'Hill 5" gun') + '\n');
    expect(readFileSync(stray, 'utf8')).toContain(',Hill 5" gun,');
    expect((await readWhole(stray)).fields).toHaveLength(3000);
    await expect(readInRanges(stray, 64 * 1024)).rejects.toBeInstanceOf(CsvCutError);
  });
});
