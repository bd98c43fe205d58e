// Imports a plain time series from a CSV through a series mapping: atomically, with rejects kept and replaced values kept.
import { InputFileError, type RowReject } from '../model/reject.js';
import { seriesNameSchema, valueKey, type SeriesImportRecord, type SeriesValue } from '../model/series.js';
import { writeSeriesImport } from '../store/series/write.js';
import type { Store } from '../store/store.js';
import { readCsv, rowToCsv } from './csv.js';
import { fileFacts } from './file-facts.js';
import { defaultRejectsPath, RejectsFile } from './rejects-file.js';
import { compileSeriesRows, type SeriesRowResult } from './series-rows.js';
import type { CsvRow } from './csv.js';
import type { SeriesMapping } from './series-mapping.js';

export { loadSeriesMapping, parseSeriesMapping, type SeriesMapping } from './series-mapping.js';

export interface ImportSeriesOptions {
  /** The series to import into (default: the mapping's series name). */
  name?: string;
  /** Where rejected rows go (default rejects/<file>-<time>.rejects.csv). */
  rejectsPath?: string;
  /** 'replace' (default): the file is the whole series; 'merge': it updates only the values it has. */
  mode?: 'replace' | 'merge';
  onProgress?: (rowsRead: number) => void;
}

export async function importSeries(store: Pick<Store, 'db'>, file: string, mapping: SeriesMapping, opts: ImportSeriesOptions = {}): Promise<SeriesImportRecord> {
  const name = opts.name ?? mapping.series.name;
  const named = seriesNameSchema.safeParse(name);
  if (!named.success) throw new Error(`series name ${JSON.stringify(name)}: ${named.error.issues[0]!.message}`);
  const startedAt = new Date().toISOString();
  const factsPromise = fileFacts(file);
  // Values by key, so a second row for the same period and dimensions is a reject that names the first.
  const values = new Map<string, { value: SeriesValue; line: number }>();
  const rejected: RowReject[] = [];
  let rowsRead = 0;
  let readRow: ((row: CsvRow) => SeriesRowResult) | null = null;
  const csv = { expected: `a CSV file for the series mapping ${mapping.name}`, ...(mapping.delimiter ? { delimiter: mapping.delimiter } : {}) };
  for await (const batch of readCsv(file, csv)) {
    readRow ??= compileSeriesRows(mapping, batch.header, file);
    rowsRead += batch.rows.length + batch.malformed.length;
    for (const m of batch.malformed) rejected.push({ line: m.line, field: '(row)', reason: m.reason, raw: rowToCsv(m.fields) });
    for (const row of batch.rows) {
      const result = readRow(row);
      if ('reject' in result) {
        rejected.push(result.reject);
        continue;
      }
      const key = valueKey(result.value.period_start, result.value.dims);
      const earlier = values.get(key);
      if (earlier) {
        rejected.push({ line: row.line, field: mapping.period.column, reason: `duplicate: line ${earlier.line} has the same period${mapping.series.dimensions.length ? ` and ${mapping.series.dimensions.join(', ')}` : ''}`, raw: rowToCsv(row.fields) });
        continue;
      }
      values.set(key, { value: result.value, line: row.line });
    }
    opts.onProgress?.(rowsRead);
  }
  const facts = await factsPromise;
  const rejects = new RejectsFile(opts.rejectsPath ?? defaultRejectsPath(facts.file_name));
  rejected.sort((a, b) => a.line - b.line);
  rejects.write(rejected);
  if (values.size === 0) {
    // Replacing a series with nothing would only remove what is loaded: refuse, and keep the rejects to show why.
    const kept = await rejects.close();
    throw new InputFileError(file, `no row could be read as a value of the series${kept ? `; every row is in ${kept} with its reason` : ''}: nothing was imported`);
  }
  try {
    return await writeSeriesImport(store.db, {
      meta: { ...mapping.series, name },
      file: facts,
      layout: `series:${mapping.name}`,
      values: [...values.values()].map((v) => v.value),
      rows_read: rowsRead,
      rejected: rejects.count,
      rejects_file: rejects.count ? rejects.path : null,
      started_at: startedAt,
      mode: opts.mode ?? 'replace',
      beforeCommit: async () => {
        await rejects.close();
      },
    });
  } catch (err) {
    await rejects.discard();
    throw err;
  }
}
