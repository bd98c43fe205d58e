// Incidents feed the same rollups an import maintains, so dashboards that read rollups count them too.
import type { Kysely } from 'kysely';
import { refreshRollups } from '../../analysis/rollups.js';
import type { Database } from '../schema.js';

/** Rebuilds the investigation dataset's rollups over the days an incident write touched (old and new dates). */
export async function refreshIncidentRollups(trx: Kysely<Database>, datasetId: number, dates: string[]): Promise<void> {
  const sorted = [...dates].sort();
  await refreshRollups(trx, datasetId, { from: sorted[0]!, to: sorted[sorted.length - 1]! });
}
