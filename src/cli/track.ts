// groundtruth track ASSET [--closest-to PLACE]: an asset's sightings in time order, and its closest approach.
import { closestApproach, PlaceError, resolvePlace } from '../analysis/track.js';
import { getAssets, resolveAsset } from '../store/assets/assets.js';
import { sightingsCsv, tracksGeoJson } from '../store/assets/export.js';
import { trackOf } from '../store/assets/sightings.js';
import { asCliError } from './asset.js';
import { CliError, type RegisterCommand } from './context.js';
import { n, table } from './format.js';
import { numberFlag } from './sighting.js';

interface TrackFlags {
  closestTo?: string;
  maxGap: string;
  since?: string;
  until?: string;
  format: string;
  json?: boolean;
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('track')
    .description("an asset's track (its sightings in time order), or with --closest-to its closest approach to a place")
    .argument('<asset>', 'id, name, hull or tail number, ICAO address, MMSI or callsign')
    .option('--closest-to <place>', 'a place name ("San Diego", "San Diego, US") or lat,lon')
    .option('--max-gap <minutes>', 'join consecutive sightings at most this far apart when looking between them', '30')
    .option('--since <time>', 'from this day or time')
    .option('--until <time>', 'up to this day (inclusive) or time')
    .option('--format <format>', 'table, csv, json or geojson (the track as a LineString)', 'table')
    .option('--json', 'print JSON')
    .action(async (ref: string, flags: TrackFlags) => {
      const store = await ctx.store();
      const asset = await resolveAsset(store.db, ref).catch((err: unknown) => {
        throw asCliError(err);
      });
      const track = await trackOf(store.db, asset.id, flags.since, flags.until);
      if (flags.closestTo !== undefined) {
        if (track.length === 0) throw new CliError(`${asset.name} has no sightings${flags.since || flags.until ? ' in that window' : ''}`);
        let place;
        try {
          place = resolvePlace(flags.closestTo, track);
        } catch (err) {
          if (err instanceof PlaceError) throw new CliError(err.message);
          throw err;
        }
        const result = closestApproach(track, place, { maxGapMinutes: numberFlag('--max-gap', flags.maxGap) })!;
        if (flags.json) return ctx.printJson({ asset: { id: asset.id, name: asset.name }, ...result });
        const km = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} km`;
        ctx.print(`${asset.name}: closest to ${place.label} (${place.lat.toFixed(4)}, ${place.lon.toFixed(4)}) over ${n(result.sightings)} sightings`);
        if (place.alternatives > 0) ctx.print(`  (${n(place.alternatives)} other places share the name: took the one nearest the track; add ", CC" with a country code to choose)`);
        const c = result.closest;
        ctx.print(`  closest: ${km(c.distance_km)} at ${c.at} (${c.lat.toFixed(5)}, ${c.lon.toFixed(5)})${c.interpolated ? `, between sightings ${c.sighting_ids.join(' and ')}` : `, sighting ${c.sighting_ids[0]}`}`);
        const s = result.nearest_sighting;
        ctx.print(`  nearest sighting: ${km(s.distance_km)} at ${s.at} (sighting ${s.sighting_ids[0]})`);
        return;
      }
      const format = flags.json ? 'json' : flags.format;
      const assets = await getAssets(store.db, [asset.id]);
      if (format === 'json') return ctx.printJson({ asset, sightings: track });
      if (format === 'geojson') return ctx.printJson(tracksGeoJson(track, assets));
      if (format === 'csv') return ctx.print(sightingsCsv(track, assets));
      if (format !== 'table') throw new CliError(`--format is table, csv, json or geojson, got ${JSON.stringify(format)}`);
      ctx.print(`${asset.name}: ${n(track.length)} sightings`);
      ctx.print(table(track.map((s) => ({ id: s.id, seen_at: s.seen_at, lat: s.lat.toFixed(5), lon: s.lon.toFixed(5), alt_ft: s.altitude_ft, kn: s.speed_kn, course: s.course_deg, source: s.source }))));
    });
};
