// Regions filled by their value (or their value per head of population), matched by name through the aliases.
import { escapeXml } from '../escape.js';
import { formatNumber } from '../format.js';
import type { Theme } from '../theme.js';
import type { Breakdown, DataTable } from '../types.js';
import { pathOf } from './basemap.js';
import { classOf, colorClasses } from './classes.js';
import type { ColorClass } from './classes.js';
import type { View } from './projection.js';
import type { Region, RegionSet } from './regions.js';

export interface RegionValue {
  region: Region;
  events: number;
  low: number;
  best: number;
  high: number;
  population: number | null;
  /** What the colour shows: best, or best per `perCapita` people. */
  value: number | null;
}

export interface Choropleth {
  values: RegionValue[];
  /** Breakdown keys that match no region. */
  unmatched: { key: string; best: number }[];
  /** Population given, but not for these regions. */
  missingPopulation: string[];
}

/** Sums the breakdown per region (two spellings of one region add up) and divides by population when given. */
export function regionValues(breakdown: Breakdown, regions: RegionSet, population?: Record<string, number>, perCapita = 100_000): Choropleth {
  const totals = new Map<Region, { events: number; low: number; best: number; high: number }>();
  for (const r of regions.regions) totals.set(r, { events: 0, low: 0, best: 0, high: 0 });
  const unmatched: { key: string; best: number }[] = [];
  for (const row of breakdown.rows) {
    const region = regions.find(row.key);
    if (!region) {
      unmatched.push({ key: row.key, best: row.value.best });
      continue;
    }
    const t = totals.get(region)!;
    t.events += row.events;
    t.low += row.value.low;
    t.best += row.value.best;
    t.high += row.value.high;
  }
  const people = new Map<Region, number>();
  for (const [name, n] of Object.entries(population ?? {})) {
    const region = regions.find(name);
    if (region && n > 0) people.set(region, n);
  }
  const missingPopulation: string[] = [];
  const values = regions.regions.map((region): RegionValue => {
    const t = totals.get(region)!;
    const pop = people.get(region) ?? null;
    if (population && pop === null) missingPopulation.push(region.name);
    const value = population ? (pop === null ? null : (t.best / pop) * perCapita) : t.best;
    return { region, ...t, population: pop, value };
  });
  return { values, unmatched, missingPopulation };
}

export interface ChoroplethLayer {
  svg: string;
  classes: ColorClass[];
}

export function choroplethLayer(choropleth: Choropleth, view: View, theme: Theme, unit: string, perCapita: boolean): ChoroplethLayer {
  const classes = colorClasses(choropleth.values.map((v) => v.value ?? 0), theme.colors.sequential, theme.map.focus, !perCapita);
  const fills = choropleth.values.map((v) => {
    const color = v.value === null ? theme.colors.unknown : classOf(v.value, classes).color;
    const shown = v.value === null ? 'no population figure' : `${formatNumber(v.value)} ${unit}`;
    const path = pathOf(view, v.region.feature, `fill="${color}" data-name="${escapeXml(v.region.name)}"`);
    return path.replace('/>', `><title>${escapeXml(`${v.region.name}: ${shown}`)}</title></path>`);
  });
  return { svg: `<g class="choropleth" stroke="${theme.colors.background}" stroke-width="0.6">${fills.join('')}</g>`, classes };
}

export function choroplethTable(choropleth: Choropleth, breakdown: Breakdown, perCapita: number | null): DataTable {
  const m = breakdown.measure;
  const columns = ['region', 'events', `${m}_low`, `${m}_best`, `${m}_high`, ...(perCapita ? ['population', `${m}_per_${perCapita}`] : [])];
  const rows = choropleth.values
    .map((v) => [v.region.name, v.events, v.low, v.best, v.high, ...(perCapita ? [v.population, v.value === null ? null : Math.round(v.value * 100) / 100] : [])])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return { columns, rows };
}
