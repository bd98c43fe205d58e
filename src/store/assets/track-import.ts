// Writes a track reader's batches (ADS-B, AIS) into the store in one transaction: all of the file or none of it.
import type { Kysely } from 'kysely';
import type { TrackBatch, TrackIdentity } from '../../model/asset.js';
import type { FileFacts } from '../../model/dataset.js';
import type { RowReject } from '../../model/reject.js';
import type { Database } from '../schema.js';
import { upsertTrackedAsset } from './assets.js';
import { insertSightings } from './sightings.js';
import type { NewSightingRow } from './tables.js';

export interface TrackImportOptions {
  format: 'adsb' | 'ais';
  /** The layout the reader found ("opensky-csv", "readsb-trace", "nmea"); known once reading is done. */
  layout: () => string;
  file: FileFacts;
  /** What the sightings are credited to; the key against duplicates, so the same name twice adds nothing. */
  source: string;
  rejectsFile: string | null;
  /** Receives rejects as they come (to write them beside the input). */
  onRejects?: (rejects: RowReject[]) => void;
  onProgress?: (rowsRead: number) => void;
}

export interface TrackImportResult {
  import_id: number;
  /** Distinct assets the file reported on. */
  assets: number;
  assets_created: number;
  /** Sightings stored by this import. */
  sightings: number;
  /** Positioned reports already stored (an earlier import of the same source, or repeats in the file). */
  duplicates: number;
  skipped: number;
  rejected: number;
  rows_read: number;
  rejects_file: string | null;
  /** The layout the reader found. */
  layout: string;
}

export async function importTrackBatches(db: Kysely<Database>, batches: AsyncIterable<TrackBatch>, opts: TrackImportOptions): Promise<TrackImportResult> {
  const startedAt = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const importRow = await trx
      .insertInto('track_imports')
      .values({
        format: opts.format,
        layout: 'reading',
        file_name: opts.file.file_name,
        file_size: opts.file.file_size,
        sha256: opts.file.sha256,
        source: opts.source,
        rows_read: 0,
        assets_created: 0,
        sightings_inserted: 0,
        duplicates: 0,
        skipped: 0,
        rejected: 0,
        rejects_file: null,
        started_at: startedAt,
        finished_at: startedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const importId = Number(importRow.id);
    const assetIds = new Map<string, number>();
    let created = 0;
    const counts = { rows: 0, positioned: 0, inserted: 0, skipped: 0, rejected: 0 };

    const learn = async (identity: TrackIdentity, now: string) => {
      const result = await upsertTrackedAsset(trx, identity, now);
      if (result.created) created++;
      return result.asset.id;
    };

    for await (const batch of batches) {
      const now = new Date().toISOString();
      // Identity facts first, so that a ship named in this batch is created with its name.
      const kind = opts.format === 'adsb' ? 'aircraft' : 'ship';
      for (const identity of batch.identities) assetIds.set(identity.key, await learn(identity, now));
      const rows: NewSightingRow[] = [];
      for (const report of batch.reports) {
        let assetId = assetIds.get(report.key);
        if (assetId === undefined) {
          assetId = await learn(kind === 'aircraft' ? { kind, icao24: report.key } : { kind, mmsi: report.key }, now);
          assetIds.set(report.key, assetId);
        }
        rows.push({
          asset_id: assetId,
          seen_at: report.seen_at,
          lat: report.lat,
          lon: report.lon,
          altitude_ft: report.altitude_ft,
          speed_kn: report.speed_kn,
          course_deg: report.course_deg,
          on_ground: report.on_ground === null ? null : report.on_ground ? 1 : 0,
          precision_km: null,
          kind: opts.format,
          source: opts.source,
          notes: null,
          import_id: importId,
          created_at: now,
        });
      }
      counts.inserted += await insertSightings(trx, rows);
      counts.positioned += rows.length;
      counts.rows += batch.rows;
      counts.skipped += batch.skipped;
      counts.rejected += batch.rejects.length;
      opts.onRejects?.(batch.rejects);
      opts.onProgress?.(counts.rows);
    }

    const duplicates = counts.positioned - counts.inserted;
    const rejectsFile = counts.rejected > 0 ? opts.rejectsFile : null;
    await trx
      .updateTable('track_imports')
      .set({
        layout: opts.layout(),
        rows_read: counts.rows,
        assets_created: created,
        sightings_inserted: counts.inserted,
        duplicates,
        skipped: counts.skipped,
        rejected: counts.rejected,
        rejects_file: rejectsFile,
        finished_at: new Date().toISOString(),
      })
      .where('id', '=', importId)
      .execute();
    return {
      import_id: importId,
      assets: assetIds.size,
      assets_created: created,
      sightings: counts.inserted,
      duplicates,
      skipped: counts.skipped,
      rejected: counts.rejected,
      rows_read: counts.rows,
      rejects_file: rejectsFile,
      layout: opts.layout(),
    };
  });
}
