// Build-up: how many distinct assets were present in a region, day by day or week by week.
//
// An asset is present on the day of each of its sightings in the region, and on every day between
// two consecutive sightings of it that are both in the region and less than `gapDays` apart. A
// sighting outside the region in between breaks the run: the asset had left.
import type { Kysely } from 'kysely';
import { displayName } from '../model/asset.js';
import { getAssets } from '../store/assets/assets.js';
import { listSightings } from '../store/assets/sightings.js';
import type { Database } from '../store/schema.js';
import type { Region } from './regions.js';

export type BuildupPeriod = 'day' | 'week';

export interface BuildupOptions {
  region: Region;
  by: BuildupPeriod;
  /** Only assets of this kind or subtype ("ship", "destroyer", "P-8A"), case-insensitive. */
  type?: string;
  /** Only assets of this operator ("US Navy"), case-insensitive. */
  operator?: string;
  /** First and last day counted (YYYY-MM-DD); default the first and last day of presence. */
  since?: string;
  until?: string;
  /** Sightings less than this many days apart bridge the days between (default 7). */
  gapDays?: number;
}

export interface BuildupRow {
  /** The day (YYYY-MM-DD) or ISO week (YYYY-Www). */
  period: string;
  /** First and last day of the period. */
  start: string;
  end: string;
  assets: number;
  /** Display names ("USS Gravely (DDG-107)"), sorted. */
  names: string[];
  ids: number[];
}

export interface Buildup {
  region: string;
  region_description: string;
  by: BuildupPeriod;
  gap_days: number;
  rows: BuildupRow[];
}

export const DEFAULT_GAP_DAYS = 7;
const DAY_MS = 86_400_000;

export async function buildup(db: Kysely<Database>, opts: BuildupOptions): Promise<Buildup> {
  const gapDays = opts.gapDays ?? DEFAULT_GAP_DAYS;
  if (!(gapDays >= 0) || !Number.isFinite(gapDays)) throw new RangeError(`the gap is a number of days ≥ 0, got ${gapDays}`);
  for (const [name, d] of [['since', opts.since], ['until', opts.until]] as const) {
    if (d !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new RangeError(`--${name} is a date as YYYY-MM-DD, got ${JSON.stringify(d)}`);
  }
  // Sightings up to a gap before and after the window can carry presence into it.
  const reach = Math.ceil(gapDays);
  const since = opts.since ? shiftDay(opts.since, -reach) : undefined;
  const until = opts.until ? shiftDay(opts.until, reach) : undefined;
  const inBox = await listSightings(db, { since, until, bbox: opts.region.bbox, assetType: opts.type });
  const candidateIds = [...new Set(inBox.filter((s) => opts.region.contains(s.lat, s.lon)).map((s) => s.asset_id))];
  let assets = await getAssets(db, candidateIds);
  if (opts.operator) {
    const wanted = opts.operator.trim().toLowerCase();
    assets = new Map([...assets].filter(([, a]) => (a.operator ?? '').trim().toLowerCase() === wanted));
  }
  // Every sighting of those assets in the window, wherever it was, to see when they left.
  const all = await listSightings(db, { assetIds: [...assets.keys()], since, until });

  const presence = new Map<number, Set<string>>();
  let previous: { asset: number; inside: boolean; at: number } | null = null;
  for (const s of all) {
    const at = Date.parse(s.seen_at);
    const inside = opts.region.contains(s.lat, s.lon);
    if (inside) {
      const days = presence.get(s.asset_id) ?? new Set<string>();
      presence.set(s.asset_id, days);
      const day = s.seen_at.slice(0, 10);
      days.add(day);
      if (previous && previous.asset === s.asset_id && previous.inside && at - previous.at < gapDays * DAY_MS) {
        for (let d = shiftDay(new Date(previous.at).toISOString().slice(0, 10), 1); d < day; d = shiftDay(d, 1)) days.add(d);
      }
    }
    previous = { asset: s.asset_id, inside, at };
  }

  const allDays = [...presence.values()].flatMap((days) => [...days]).sort();
  const first = opts.since ?? allDays[0];
  const last = opts.until ?? allDays[allDays.length - 1];
  const rows: BuildupRow[] = [];
  if (first !== undefined && last !== undefined && first <= last) {
    const periods = new Map<string, BuildupRow>();
    for (let d = opts.by === 'week' ? weekOf(first).start : first; d <= last; d = shiftDay(d, opts.by === 'week' ? 7 : 1)) {
      const p = opts.by === 'week' ? weekOf(d) : { label: d, start: d, end: d };
      const row: BuildupRow = { period: p.label, start: p.start, end: p.end, assets: 0, names: [], ids: [] };
      periods.set(p.label, row);
      rows.push(row);
    }
    for (const [assetId, days] of presence) {
      const hit = new Set<string>();
      for (const d of days) {
        if (d < first || d > last) continue;
        hit.add(opts.by === 'week' ? weekOf(d).label : d);
      }
      for (const label of hit) periods.get(label)?.ids.push(assetId);
    }
    for (const row of rows) {
      row.ids.sort((a, b) => a - b);
      row.assets = row.ids.length;
      row.names = row.ids.map((id) => displayName(assets.get(id)!)).sort((a, b) => a.localeCompare(b));
    }
  }
  return { region: opts.region.name, region_description: opts.region.description, by: opts.by, gap_days: gapDays, rows };
}

export function shiftDay(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The ISO week of a day: its label (2025-W44, the year being the week's Thursday's) and its Monday and Sunday. */
export function weekOf(iso: string): { label: string; start: string; end: string } {
  const dow = (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const start = shiftDay(iso, -dow);
  const thursday = shiftDay(start, 3);
  const year = Number(thursday.slice(0, 4));
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - jan1) / (7 * DAY_MS)) + 1;
  return { label: `${year}-W${String(week).padStart(2, '0')}`, start, end: shiftDay(start, 6) };
}
