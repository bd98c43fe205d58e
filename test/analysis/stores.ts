// Analysis test stores: the real store of each engine, loaded with the shipped demo data through the
// shipped mappings, rollups refreshed as an import leaves them.
import { loadMapping, MappedCsvReader } from '../../src/ingest/mapping.js';
import { runImport } from '../../src/ingest/run-import.js';
import { refreshRollups } from '../../src/analysis/rollups.js';
import { openStore } from '../../src/store/open.js';
import { recordToRow } from '../../src/store/rows.js';
import { loadCanonicaliser } from '../../src/store/queries.js';
import type { Store } from '../../src/store/store.js';
import { blankEvent, eventRecordSchema, type EventRecord } from '../../src/model/event.js';
import type { DatasetMeta } from '../../src/model/dataset.js';
import { ENGINES, type TestStoreLocation } from '../helpers/stores.js';

export { ENGINES };

export const BOATS_CSV = 'data/demo/us_boat_strikes_2025.csv';
export const BOATS_MAPPING = 'data/mappings/us-boat-strikes-2025.json';
export const UCDP_CSV = 'data/demo/ucdp_ged_afghanistan_subset_2001_2018.csv';
export const UCDP_MAPPING = 'data/mappings/ucdp-ged-subset.json';

export interface TestStore {
  store: Store;
  where: TestStoreLocation;
  close(): Promise<void>;
}

export async function openTestStore(make: () => Promise<TestStoreLocation>): Promise<TestStore> {
  const where = await make();
  const store = await openStore(where.location);
  return {
    store,
    where,
    async close() {
      await store.close();
      await where.cleanup();
    },
  };
}

/** Imports a CSV through a mapping, then refreshes that dataset's rollups. */
export async function importMapped(t: TestStore, csv: string, mappingFile: string): Promise<number> {
  const mapping = await loadMapping(mappingFile);
  const record = await runImport(t.store, csv, new MappedCsvReader(csv, mapping), {
    dataset: { ...mapping.dataset, name: mapping.dataset.name ?? mapping.name },
    rejectsPath: `${t.where.dir}/${mapping.name}.rejects.csv`,
  });
  const dataset = await t.store.getDataset(record.dataset);
  await refreshRollups(t.store, dataset!.id, 'all');
  return dataset!.id;
}

/** A record with defaults for the fields a constructed scenario does not care about. */
export function event(fields: Partial<EventRecord> & Pick<EventRecord, 'source_id' | 'date_start'>): EventRecord {
  return eventRecordSchema.parse({ ...blankEvent(), date_end: fields.date_start, date_precision: 'day', event_count: 1, ...fields });
}

/** Writes constructed events as one import of a dataset, through the store's own import session. */
export async function insertEvents(t: TestStore, dataset: DatasetMeta, records: EventRecord[], refresh = true): Promise<number> {
  const session = await t.store.beginImport({
    dataset,
    file: { file_name: `${dataset.name}.constructed`, file_size: 0, sha256: '0'.repeat(64) },
    format: dataset.format,
    layout: 'constructed',
    rejects_file: null,
  });
  const canonical = await loadCanonicaliser(t.store.db);
  const ctx = { datasetId: session.datasetId, importId: session.importId, now: new Date().toISOString(), canonical };
  const r = await session.apply(records.map((rec) => recordToRow(rec, ctx)));
  await session.commit({ rows_read: records.length, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, deleted: 0, rejected: 0 });
  if (refresh) await refreshRollups(t.store, session.datasetId, 'all');
  return session.datasetId;
}
