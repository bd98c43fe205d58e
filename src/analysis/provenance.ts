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
  // Both at once (two connections on PostgreSQL).
  const [datasets, imports] = await Promise.all([
    db.selectFrom('datasets').select(['id', 'name', 'format', 'title', 'licence', 'attribution', 'access_date']).where('id', 'in', ids).orderBy('name').execute(),
    db.selectFrom('imports').select(['id', 'dataset_id', 'file_name', 'sha256', 'finished_at']).where('dataset_id', 'in', ids).orderBy('id').execute(),
  ]);
  return datasets.map((d) => ({
    ...d,
    id: Number(d.id),
    imports: imports
      .filter((i) => Number(i.dataset_id) === Number(d.id))
      .map((i) => ({ id: Number(i.id), file_name: i.file_name, sha256: i.sha256, finished_at: i.finished_at })),
  }));
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
