// Runs one track import (ADS-B or AIS): a reader's batches into assets and sightings, atomically, rejects kept.
import type { TrackBatch } from '../model/asset.js';
import { importTrackBatches, type TrackImportResult } from '../store/assets/track-import.js';
import type { Store } from '../store/store.js';
import { AdsbReader } from './adsb.js';
import { AisReader } from './ais.js';
import { fileFacts } from './file-facts.js';
import { defaultRejectsPath, RejectsFile } from './rejects-file.js';

export interface TrackReader {
  readonly format: string;
  layout(): string;
  batches(): AsyncIterable<TrackBatch>;
}

export interface TrackImportOptions {
  /** What the sightings are credited to (default: the file's name); importing under the same source twice adds nothing. */
  source?: string;
  /** Where rejected lines go (default rejects/<file>-<time>.rejects.csv). */
  rejectsPath?: string;
  onProgress?: (rows: number) => void;
}

export type TrackFormat = 'adsb' | 'ais';

export function trackReader(format: TrackFormat, file: string): TrackReader {
  return format === 'adsb' ? new AdsbReader(file) : new AisReader(file);
}

export async function runTrackImport(store: Store, file: string, format: TrackFormat, opts: TrackImportOptions = {}): Promise<TrackImportResult> {
  const reader = trackReader(format, file);
  const facts = await fileFacts(file);
  const rejects = new RejectsFile(opts.rejectsPath ?? defaultRejectsPath(facts.file_name));
  try {
    const result = await importTrackBatches(store.db, reader.batches(), {
      format,
      layout: () => reader.layout(),
      file: facts,
      source: opts.source ?? facts.file_name,
      rejectsFile: rejects.path,
      onRejects: (r) => rejects.write(r),
      onProgress: opts.onProgress,
    });
    await rejects.close();
    return result;
  } catch (err) {
    await rejects.discard();
    throw err;
  }
}
