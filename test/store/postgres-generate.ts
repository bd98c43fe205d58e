// Generated events for the PostgreSQL import tests: ACLED-like records, and session batches of them.
import type { ImportCounts, ImportRecord } from '../../src/model/dataset.js';
import type { EventRecord } from '../../src/model/event.js';
import { PackedRowsWriter } from '../../src/store/packed-rows.js';
import { recordToRow } from '../../src/store/rows.js';
import type { ImportSession, ImportStart, Store } from '../../src/store/store.js';

const ACTORS = ['Islamic State Khorasan Province (ISKP)', 'Taliban', 'Military Forces of Afghanistan (2004-2021)', 'Civilians (Afghanistan)', 'Unidentified Armed Group (Afghanistan)'];
const PLACES = [
  { admin1: 'Kabul', location: 'Kabul', lat: 34.5281, lon: 69.1723 },
  { admin1: 'Nangarhar', location: 'Jalalabad', lat: 34.4265, lon: 70.4515 },
  { admin1: 'Kandahar', location: 'Kandahar', lat: 31.6133, lon: 65.7101 },
  { admin1: 'Balkh', location: 'Mazar-e Sharif', lat: 36.709, lon: 67.1109 },
];

/** Event number `i`; a different `version` changes its notes and fatalities (a correction by the source). */
export function generateRecord(i: number, version = 0): EventRecord {
  const day = new Date(Date.UTC(2021, 0, 1) + (i % 1000) * 86_400_000).toISOString().slice(0, 10);
  const place = PLACES[i % PLACES.length]!;
  const fatalities = (i % 17) + version;
  return {
    source_id: `AFG${100000 + i}`,
    date_start: day,
    date_end: day,
    date_precision: 'day',
    disorder_type: 'Political violence',
    event_type: i % 2 ? 'Explosions/Remote violence' : 'Battles',
    sub_event_type: i % 2 ? 'Remote explosive/landmine/IED' : 'Armed clash',
    actor1: ACTORS[i % ACTORS.length]!,
    assoc_actor1: null,
    actor2: ACTORS[(i + 2) % ACTORS.length]!,
    assoc_actor2: i % 5 === 0 ? 'Hazara Ethnic Group (Afghanistan)' : null,
    target: null,
    civilian_targeting: i % 3 === 0 ? true : i % 3 === 1 ? false : null,
    iso3: 'AFG',
    country: 'Afghanistan',
    admin1: place.admin1,
    admin2: place.location,
    admin3: null,
    location: place.location,
    lat: place.lat,
    lon: place.lon,
    geo_precision: 1 + (i % 3),
    fatalities_low: fatalities,
    fatalities_best: fatalities,
    fatalities_high: fatalities,
    civilian_fatalities_low: null,
    civilian_fatalities_high: null,
    units_low: null,
    units_high: null,
    notes:
      `On ${day}, an IED planted by ${ACTORS[i % ACTORS.length]} exploded near a checkpoint in ${place.location} district, ` +
      `killing ${fatalities} people. Reports differ on the number of wounded (revision ${version}).`,
    sources: 'Pajhwok Afghan News; Tolo News',
    tags: null,
    source_timestamp: 1_630_000_000 + i,
    event_count: 1,
    extra: { inter1: 2, inter2: 7, interaction: 27, region: 'Caucasus and Central Asia' },
  };
}

export function importStart(dataset: string, file = 'generated.csv'): ImportStart {
  return { dataset: { name: dataset, format: 'acled' }, file: { file_name: file, file_size: 0, sha256: '0'.repeat(64) }, format: 'acled', layout: 'generated', rejects_file: null };
}

/** Rows for a session, the way the import driver makes them (no alias table: canonical = raw name). */
export function rowsFor(session: ImportSession, records: EventRecord[], now = new Date().toISOString()) {
  const ctx = { datasetId: session.datasetId, importId: session.importId, now, canonical: (name: string | null) => name };
  return records.map((r) => recordToRow(r, ctx));
}

type ApplyCounts = { inserted: number; updated: number; unchanged: number };

/** A session driven the way the import driver drives it: what apply() and markDeleted() answer is summed for commit(). */
export class TalliedImport {
  readonly counts: ImportCounts = { rows_read: 0, inserted: 0, updated: 0, unchanged: 0, deleted: 0, rejected: 0 };
  private readonly now = new Date().toISOString();

  constructor(readonly session: ImportSession) {}

  /** Rows as objects (apply), or packed as a reading thread packs them (applyPacked). */
  async apply(records: EventRecord[], how: 'objects' | 'packed' = 'objects'): Promise<ApplyCounts> {
    let r: ApplyCounts;
    if (how === 'packed') {
      const writer = new PackedRowsWriter((name) => name);
      for (const record of records) writer.add(record);
      r = await this.session.applyPacked!(writer.take());
    } else {
      r = await this.session.apply(rowsFor(this.session, records, this.now));
    }
    this.counts.rows_read += records.length;
    this.counts.inserted += r.inserted;
    this.counts.updated += r.updated;
    this.counts.unchanged += r.unchanged;
    return r;
  }

  async markDeleted(items: { source_id: string; deleted_at: string }[]): Promise<number> {
    const n = await this.session.markDeleted(items);
    this.counts.deleted += n;
    return n;
  }

  commit(): Promise<ImportRecord> {
    return this.session.commit(this.counts);
  }

  rollback(): Promise<void> {
    return this.session.rollback();
  }
}

export async function beginTallied(store: Store, start: ImportStart): Promise<TalliedImport> {
  return new TalliedImport(await store.beginImport(start));
}

export interface GeneratedImport {
  count: number;
  /** Every `changeEvery`-th event gets version `version`; the rest stay at version 0. */
  changeEvery?: number;
  version?: number;
  batchSize?: number;
  how?: 'objects' | 'packed';
  onBatch?: (applied: number) => void;
}

/** Applies generated events in batches; returns the summed per-batch counts. */
export async function applyGenerated(tally: TalliedImport, g: GeneratedImport): Promise<ApplyCounts> {
  const sums = { inserted: 0, updated: 0, unchanged: 0 };
  const batchSize = g.batchSize ?? 5000;
  for (let start = 0; start < g.count; start += batchSize) {
    const records: EventRecord[] = [];
    for (let i = start; i < Math.min(g.count, start + batchSize); i++) {
      records.push(generateRecord(i, g.changeEvery && i % g.changeEvery === 0 ? (g.version ?? 1) : 0));
    }
    const r = await tally.apply(records, g.how);
    sums.inserted += r.inserted;
    sums.updated += r.updated;
    sums.unchanged += r.unchanged;
    g.onBatch?.(Math.min(g.count, start + batchSize));
  }
  return sums;
}
