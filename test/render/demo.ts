// The demo datasets turned into the shapes the analysis layer hands to render (aggregated here, with papaparse).
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Breakdown, BreakdownRow, MapPoint, Provenance } from '../../src/render/index.js';

function readCsv(name: string): Record<string, string>[] {
  const text = readFileSync(new URL(`../../data/demo/${name}`, import.meta.url), 'utf8');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

export const UCDP_PROVENANCE: Provenance = {
  datasets: [{ name: 'ucdp', title: 'UCDP Georeferenced Event Dataset 19.1', attribution: 'Uppsala Conflict Data Program (CC BY 4.0)', access_date: null }],
  filter_english: 'events in Afghanistan with more than 10 deaths, 2001–2018',
};

export const STRIKES_PROVENANCE: Provenance = {
  datasets: [{ name: 'boat-strikes', title: 'US strikes on alleged drug boats, 2025', attribution: 'compiled from news reports and official announcements', access_date: null }],
  filter_english: 'strikes from 2 September to 4 December 2025',
};

export interface UcdpEvent {
  id: string;
  year: string;
  date: string;
  sideA: string;
  sideB: string;
  deaths: number;
  lat: number;
  lon: number;
}

export function ucdpEvents(): UcdpEvent[] {
  return readCsv('ucdp_ged_afghanistan_subset_2001_2018.csv').map((r) => ({
    id: r.id!,
    year: r.year!,
    date: r.date_start!,
    sideA: r.side_a!,
    sideB: r.side_b!,
    deaths: Number(r.deaths_a) + Number(r.deaths_b),
    lat: Number(r.latitude),
    lon: Number(r.longitude),
  }));
}

function sumRows(groups: Map<string, { events: number; low: number; best: number; high: number; series?: string; key: string }>): BreakdownRow[] {
  return [...groups.values()].map((g) => ({
    key: g.key,
    events: g.events,
    value: { low: g.low, best: g.best, high: g.high },
    ...(g.series !== undefined ? { series: g.series } : {}),
  }));
}

function add(groups: Map<string, { events: number; low: number; best: number; high: number; series?: string; key: string }>, key: string, low: number, best: number, high: number, series?: string): void {
  const id = series === undefined ? key : `${key}\u0000${series}`;
  const g = groups.get(id) ?? { key, events: 0, low: 0, best: 0, high: 0, ...(series !== undefined ? { series } : {}) };
  g.events += 1;
  g.low += low;
  g.best += best;
  g.high += high;
  groups.set(id, g);
}

/** UCDP deaths (both sides) by year. */
export function ucdpByYear(): Breakdown {
  const groups = new Map();
  for (const e of ucdpEvents()) add(groups, e.year, e.deaths, e.deaths, e.deaths);
  return { by: 'year', measure: 'fatalities', rows: sumRows(groups).sort((a, b) => a.key.localeCompare(b.key)) };
}

/** UCDP deaths by year and opponent of the government (the three largest, the rest as "Other"). */
export function ucdpByYearAndOpponent(): Breakdown {
  const events = ucdpEvents();
  const opponent = (e: UcdpEvent) => (e.sideA === 'Government of Afghanistan' ? e.sideB : e.sideA);
  const totals = new Map<string, number>();
  for (const e of events) totals.set(opponent(e), (totals.get(opponent(e)) ?? 0) + e.deaths);
  const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([n]) => n);
  const groups = new Map();
  for (const e of events) add(groups, e.year, e.deaths, e.deaths, e.deaths, top.includes(opponent(e)) ? opponent(e) : 'Other');
  return { by: 'year', measure: 'fatalities', rows: sumRows(groups) };
}

export function ucdpPoints(): MapPoint[] {
  return ucdpEvents().map((e) => ({
    id: e.id,
    lat: e.lat,
    lon: e.lon,
    location: null,
    admin1: null,
    iso3: 'AFG',
    date: e.date,
    fatalities: e.deaths,
    category: e.sideA === 'IS' || e.sideB === 'IS' ? 'Involving IS' : e.sideA === 'Government of Afghanistan' ? 'Government vs Taleban and others' : 'Other',
  }));
}

export interface Strike {
  strikeNo: string;
  date: string;
  area: string;
  strikes: number;
  vessels: number;
  killed: number;
  missing: number;
  location: string;
}

/** Boat strikes up to 4 December 2025 (the complete rows: 19 rows, 22 strikes). */
export function strikes(): Strike[] {
  return readCsv('us_boat_strikes_2025.csv')
    .filter((r) => r.date! <= '2025-12-04')
    .map((r) => ({
      strikeNo: r.strike_no!,
      date: r.date!,
      area: r.area!,
      strikes: Number(r.strikes),
      vessels: Number(r.vessels),
      killed: Number(r.killed),
      missing: Number(r.missing_presumed_dead),
      location: r.location_text || r.area!,
    }));
}

/** Killed by area: low and best count those killed in the strikes, high adds survivors presumed dead. */
export function strikesByArea(): Breakdown {
  const groups = new Map<string, { key: string; events: number; low: number; best: number; high: number }>();
  for (const s of strikes()) {
    const g = groups.get(s.area) ?? { key: s.area, events: 0, low: 0, best: 0, high: 0 };
    g.events += s.strikes;
    g.low += s.killed;
    g.best += s.killed;
    g.high += s.killed + s.missing;
    groups.set(s.area, g);
  }
  return { by: 'location', measure: 'fatalities', rows: sumRows(groups) };
}

/** Strikes (units: vessels hit) by ISO week start date, optionally split by area. */
export function strikesByWeek(measure: 'events' | 'fatalities', split = false): Breakdown {
  const groups = new Map();
  for (const s of strikes()) {
    const d = new Date(`${s.date}T00:00:00Z`);
    const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    const low = measure === 'events' ? s.strikes : s.killed;
    const high = measure === 'events' ? s.strikes : s.killed + s.missing;
    add(groups, monday, low, low, high, split ? s.area : undefined);
  }
  return { by: 'week', measure, rows: sumRows(groups).sort((a, b) => a.key.localeCompare(b.key)) };
}

export function strikePoints(): MapPoint[] {
  return strikes().map((s) => ({
    id: s.strikeNo || s.date,
    lat: null,
    lon: null,
    location: s.location,
    admin1: null,
    iso3: null,
    date: s.date,
    fatalities: s.killed,
    category: s.area,
    label: s.strikeNo ? `Strike ${s.strikeNo}` : undefined,
  }));
}
