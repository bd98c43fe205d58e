// groundtruth sighting add|list: an asset seen at a time and place, entered by hand or exported.
import { SIGHTING_KINDS, type SightingKind } from '../model/asset.js';
import { getAssets, resolveAsset } from '../store/assets/assets.js';
import { sightingsCsv, tracksGeoJson } from '../store/assets/export.js';
import { addSighting, DuplicateSightingError, listSightings } from '../store/assets/sightings.js';
import { asCliError } from './asset.js';
import { CliError, type RegisterCommand } from './context.js';
import { table } from './format.js';

/** A numeric option, or a clear error naming it. */
export function numberFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x)) throw new CliError(`${flag} expects a number, got ${JSON.stringify(value)}`);
  return x;
}

function sightingKind(value: string | undefined): SightingKind | undefined {
  if (value === undefined) return undefined;
  if (!(SIGHTING_KINDS as readonly string[]).includes(value)) throw new CliError(`--kind is one of ${SIGHTING_KINDS.join(', ')}, got ${JSON.stringify(value)}`);
  return value as SightingKind;
}

interface AddFlags {
  at: string;
  lat: string;
  lon: string;
  source: string;
  kind: string;
  altitude?: string;
  speed?: string;
  course?: string;
  precision?: string;
  notes?: string;
  json?: boolean;
}

export const register: RegisterCommand = (program, ctx) => {
  const sighting = program.command('sighting').description('an asset seen at a time and place: add by hand, list or export');

  sighting
    .command('add')
    .description('record a sighting of an asset')
    .argument('<asset>', 'id, name, hull or tail number, ICAO address, MMSI or callsign')
    .requiredOption('--at <time>', 'when, in UTC unless an offset is given: 2025-10-24T13:05Z or 2025-10-24')
    .requiredOption('--lat <degrees>', 'latitude')
    .requiredOption('--lon <degrees>', 'longitude')
    .requiredOption('--source <text>', 'who or what saw it: a URL or a citation')
    .option('--kind <kind>', `how it was seen: ${SIGHTING_KINDS.join(', ')}`, 'report')
    .option('--altitude <feet>', 'altitude in feet (aircraft)')
    .option('--speed <knots>', 'speed over ground in knots')
    .option('--course <degrees>', 'course over ground')
    .option('--precision <km>', 'radius in km within which the asset was')
    .option('--notes <text>', 'what the source shows and how it was checked')
    .option('--json', 'print the sighting as JSON')
    .action(async (ref: string, flags: AddFlags) => {
      const store = await ctx.store();
      try {
        const asset = await resolveAsset(store.db, ref);
        const added = await addSighting(store.db, {
          asset_id: asset.id,
          seen_at: flags.at,
          lat: numberFlag('--lat', flags.lat)!,
          lon: numberFlag('--lon', flags.lon)!,
          kind: sightingKind(flags.kind)!,
          source: flags.source,
          altitude_ft: numberFlag('--altitude', flags.altitude),
          speed_kn: numberFlag('--speed', flags.speed),
          course_deg: numberFlag('--course', flags.course),
          precision_km: numberFlag('--precision', flags.precision),
          notes: flags.notes,
        });
        if (flags.json) return ctx.printJson(added);
        ctx.print(`sighting ${added.id}: ${asset.name} at ${added.seen_at}, ${added.lat}, ${added.lon} (${added.kind}: ${added.source})`);
      } catch (err) {
        if (err instanceof DuplicateSightingError) throw new CliError(err.message);
        throw asCliError(err);
      }
    });

  sighting
    .command('list')
    .description('list or export sightings, in time order per asset')
    .argument('[asset]', 'only this asset')
    .option('--since <time>', 'from this day or time')
    .option('--until <time>', 'up to this day (inclusive) or time')
    .option('--kind <kind>', `only sightings of this kind (${SIGHTING_KINDS.join(', ')})`)
    .option('--type <type>', 'only assets of this kind or subtype')
    .option('--format <format>', 'table, csv, json or geojson (one LineString per asset)', 'table')
    .option('--json', 'same as --format json')
    .action(async (ref: string | undefined, flags: { since?: string; until?: string; kind?: string; type?: string; format: string; json?: boolean }) => {
      const store = await ctx.store();
      const format = flags.json ? 'json' : flags.format;
      if (!['table', 'csv', 'json', 'geojson'].includes(format)) throw new CliError(`--format is table, csv, json or geojson, got ${JSON.stringify(format)}`);
      const only = ref
        ? await resolveAsset(store.db, ref).catch((err: unknown) => {
            throw asCliError(err);
          })
        : null;
      const sightings = await listSightings(store.db, { assetIds: only ? [only.id] : undefined, since: flags.since, until: flags.until, kind: sightingKind(flags.kind), assetType: flags.type });
      const assets = await getAssets(store.db, sightings.map((s) => s.asset_id));
      if (format === 'json') return ctx.printJson(sightings);
      if (format === 'geojson') return ctx.printJson(tracksGeoJson(sightings, assets));
      if (format === 'csv') return ctx.print(sightingsCsv(sightings, assets));
      ctx.print(
        table(
          sightings.map((s) => ({
            id: s.id,
            asset: assets.get(s.asset_id)?.name ?? s.asset_id,
            seen_at: s.seen_at,
            lat: s.lat.toFixed(5),
            lon: s.lon.toFixed(5),
            alt_ft: s.altitude_ft,
            kn: s.speed_kn,
            kind: s.kind,
            source: s.source,
          })),
        ),
      );
    });
};
