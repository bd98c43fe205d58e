// groundtruth asset add|list|show: the registry of ships and aircraft the desk follows.
import { ZodError } from 'zod';
import { ASSET_KINDS, displayName, type AssetKind } from '../model/asset.js';
import { addAsset, AssetConflictError, AssetLookupError, listAssets, resolveAsset } from '../store/assets/assets.js';
import { listSightings } from '../store/assets/sightings.js';
import { CliError, type RegisterCommand } from './context.js';
import { n, table } from './format.js';

interface AddFlags {
  kind: string;
  subtype?: string;
  hull?: string;
  icao24?: string;
  mmsi?: string;
  callsign?: string;
  operator?: string;
  notes?: string;
  json?: boolean;
}

function kindOf(value: string | undefined): AssetKind | undefined {
  if (value === undefined) return undefined;
  const k = value.toLowerCase();
  if (!(ASSET_KINDS as readonly string[]).includes(k)) throw new CliError(`--kind is one of ${ASSET_KINDS.join(', ')}, got ${JSON.stringify(value)}`);
  return k as AssetKind;
}

/** Turns the store's own errors into messages for people. */
export function asCliError(err: unknown): unknown {
  if (err instanceof ZodError) {
    const issue = err.issues[0]!;
    return new CliError(`${issue.path.join('.') || 'input'}: ${issue.message}`);
  }
  if (err instanceof AssetConflictError || err instanceof AssetLookupError) return new CliError(err.message);
  return err;
}

export const register: RegisterCommand = (program, ctx) => {
  const asset = program.command('asset').description('ships and aircraft the desk follows: add, list, show');

  asset
    .command('add')
    .description('add a ship or aircraft to the registry')
    .argument('<name>', 'name, e.g. "USS Gravely"')
    .requiredOption('--kind <kind>', 'ship or aircraft')
    .option('--subtype <text>', 'class or model, e.g. destroyer, P-8A')
    .option('--hull <number>', 'hull number (DDG-107) or tail number / registration')
    .option('--icao24 <hex>', 'ICAO 24-bit address of an aircraft (six hex digits)')
    .option('--mmsi <digits>', 'MMSI of a ship (nine digits)')
    .option('--callsign <text>', 'radio callsign')
    .option('--operator <text>', 'e.g. "US Navy"')
    .option('--notes <text>', 'anything else worth keeping')
    .option('--json', 'print the asset as JSON')
    .action(async (name: string, flags: AddFlags) => {
      const store = await ctx.store();
      const created = await addAsset(store.db, {
        name,
        kind: kindOf(flags.kind)!,
        subtype: flags.subtype,
        hull_or_tail: flags.hull,
        icao24: flags.icao24,
        mmsi: flags.mmsi,
        callsign: flags.callsign,
        operator: flags.operator,
        notes: flags.notes,
      }).catch((err: unknown) => {
        throw asCliError(err);
      });
      if (flags.json) return ctx.printJson(created);
      ctx.print(`asset ${created.id}: ${displayName(created)}, ${created.kind}`);
    });

  asset
    .command('list')
    .description('list assets with their sightings')
    .option('--kind <kind>', 'ship or aircraft')
    .option('--operator <text>', 'only this operator')
    .option('--json', 'print JSON')
    .action(async (flags: { kind?: string; operator?: string; json?: boolean }) => {
      const store = await ctx.store();
      const assets = await listAssets(store.db, { kind: kindOf(flags.kind), operator: flags.operator });
      if (flags.json) return ctx.printJson(assets);
      ctx.print(
        table(
          assets.map((a) => ({
            id: a.id,
            name: a.name,
            hull: a.hull_or_tail,
            kind: a.subtype ? `${a.kind}: ${a.subtype}` : a.kind,
            operator: a.operator,
            ids: [a.icao24 && `icao ${a.icao24}`, a.mmsi && `mmsi ${a.mmsi}`, a.callsign && `call ${a.callsign}`].filter(Boolean).join(' '),
            sightings: a.sightings,
            first: a.first_seen?.slice(0, 16).replace('T', ' ') ?? '',
            last: a.last_seen?.slice(0, 16).replace('T', ' ') ?? '',
          })),
        ),
      );
    });

  asset
    .command('show')
    .description('one asset: its identifiers and its latest sightings')
    .argument('<asset>', 'id, name, hull or tail number, ICAO address, MMSI or callsign')
    .option('--last <n>', 'how many recent sightings to show', '10')
    .option('--json', 'print JSON')
    .action(async (ref: string, flags: { last: string; json?: boolean }) => {
      const store = await ctx.store();
      const found = await resolveAsset(store.db, ref).catch((err: unknown) => {
        throw asCliError(err);
      });
      const track = await listSightings(store.db, { assetIds: [found.id] });
      const last = Math.max(0, Number.parseInt(flags.last, 10) || 0);
      const recent = track.slice(-last).reverse();
      const summary = { ...found, sightings: track.length, first_seen: track[0]?.seen_at ?? null, last_seen: track[track.length - 1]?.seen_at ?? null, recent };
      if (flags.json) return ctx.printJson(summary);
      ctx.print(`asset ${found.id}: ${displayName(found)}`);
      const facts: [string, string | null][] = [
        ['kind', found.subtype ? `${found.kind}, ${found.subtype}` : found.kind],
        ['operator', found.operator],
        ['ICAO address', found.icao24],
        ['MMSI', found.mmsi],
        ['callsign', found.callsign],
        ['notes', found.notes],
        ['sightings', `${n(track.length)}${track.length ? `, ${summary.first_seen} to ${summary.last_seen}` : ''}`],
      ];
      for (const [label, value] of facts) if (value) ctx.print(`  ${label}: ${value}`);
      if (recent.length > 0) {
        ctx.print('');
        ctx.print(table(recent.map((s) => ({ id: s.id, seen_at: s.seen_at, lat: s.lat.toFixed(5), lon: s.lon.toFixed(5), kind: s.kind, source: s.source }))));
      }
    });
};
