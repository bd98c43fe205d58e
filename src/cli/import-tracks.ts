// import adsb FILE and import ais FILE: track files into assets and sightings, atomically, rejects kept.
import { basename } from 'node:path';
import { runTrackImport, type TrackFormat } from '../ingest/run-track-import.js';
import type { TrackImportResult } from '../store/assets/track-import.js';
import type { CliContext } from './context.js';
import { n } from './format.js';
import { rowProgress } from './progress.js';

export interface TrackImportFlags {
  json?: boolean;
  /** What the sightings are credited to (default: the file's name); importing under the same source twice adds nothing. */
  dataset?: string;
  /** Where rejected lines go (default rejects/<file>-<time>.rejects.csv). */
  rejects?: string;
}

/** Reads a track file into the store and prints the summary (`--json`: the import's counts). */
export async function printTrackImport(ctx: CliContext, file: string, format: TrackFormat, opts: TrackImportFlags): Promise<TrackImportResult> {
  const store = await ctx.store();
  const progress = rowProgress(ctx.interactive && !opts.json, `importing ${basename(file)}`);
  let result: TrackImportResult;
  try {
    result = await runTrackImport(store, file, format, { source: opts.dataset, rejectsPath: opts.rejects, onProgress: (rows) => progress.update(rows) });
  } finally {
    progress.stop();
  }
  if (opts.json) {
    ctx.printJson({ assets: result.assets, sightings: result.sightings, skipped: result.skipped, rejected: result.rejected, new_assets: result.assets_created, duplicates: result.duplicates, import_id: result.import_id, rejects_file: result.rejects_file });
  } else {
    ctx.print(
      `${format} import ${result.import_id} of ${basename(file)} (${result.layout}): ${n(result.rows_read)} lines; ` +
        `${n(result.assets)} assets (${n(result.assets_created)} new), ${n(result.sightings)} new sightings` +
        `${result.duplicates ? ` (${n(result.duplicates)} already stored)` : ''}, ${n(result.skipped)} skipped without a position, ${n(result.rejected)} rejected`,
    );
    if (result.rejects_file) ctx.warn(`rejected lines, with line, field and reason: ${result.rejects_file}`);
  }
  return result;
}

/** `import adsb FILE`: OpenSky / traffic state-vector CSV, or a readsb trace_full JSON. */
export function importAdsb(ctx: CliContext, file: string, opts: TrackImportFlags): Promise<TrackImportResult> {
  return printTrackImport(ctx, file, 'adsb', opts);
}

/** `import ais FILE`: an NMEA log of !AIVDM/!AIVDO sentences with the receiver's time. */
export function importAis(ctx: CliContext, file: string, opts: TrackImportFlags): Promise<TrackImportResult> {
  return printTrackImport(ctx, file, 'ais', opts);
}
