// Where a figure's numbers came from: the datasets behind the events counted, their licences, and the
// imports (with file hashes) that built them.
import type { AnalysisDb } from './tables.js';

export interface ImportUsed {
  id: number;
  file_name: string;
  sha256: string;
  finished_at: string;
}

export interface DatasetUsed {
  id: number;
  name: string;
  format: string;
  title: string | null;
  licence: string | null;
  attribution: string | null;
  access_date: string | null;
  imports: ImportUsed[];
}

export async function datasetsUsed(db: AnalysisDb, ids: number[]): Promise<DatasetUsed[]> {
  if (ids.length === 0) return [];
  // One read with their imports: every figure asks, and each read is a round trip (to a reading thread, or a connection).
  const rows = await db
    .selectFrom('datasets as d')
    .leftJoin('imports as i', 'i.dataset_id', 'd.id')
    .select(['d.id', 'd.name', 'd.format', 'd.title', 'd.licence', 'd.attribution', 'd.access_date', 'i.id as import_id', 'i.file_name', 'i.sha256', 'i.finished_at'])
    .where('d.id', 'in', ids)
    .orderBy('d.name')
    .orderBy('d.id')
    .orderBy('i.id')
    .execute();
  const used = new Map<number, DatasetUsed>();
  for (const r of rows) {
    const id = Number(r.id);
    let d = used.get(id);
    if (!d) {
      d = { id, name: r.name, format: r.format, title: r.title, licence: r.licence, attribution: r.attribution, access_date: r.access_date, imports: [] };
      used.set(id, d);
    }
    if (r.import_id !== null) d.imports.push({ id: Number(r.import_id), file_name: r.file_name!, sha256: r.sha256!, finished_at: r.finished_at! });
  }
  return [...used.values()];
}

/** One line per dataset for a method note. */
export function creditLines(datasets: DatasetUsed[]): string[] {
  return datasets.map((d) => {
    const parts = [d.title ?? d.name];
    if (d.attribution) parts.push(d.attribution);
    if (d.licence) parts.push(`licence: ${d.licence}`);
    if (d.access_date) parts.push(`accessed ${d.access_date}`);
    const files = d.imports.map((i) => `${i.file_name} (sha256 ${i.sha256.slice(0, 12)}…)`);
    if (files.length) parts.push(`imported from ${files.join(', ')}`);
    return `${d.name}: ${parts.join('; ')}`;
  });
}
