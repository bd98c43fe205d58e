// Alt text for maps, written from what they show.
import { formatNumber } from '../format.js';
import type { Choropleth } from './choropleth.js';
import type { HexBin } from './hexbin.js';
import type { PlacedPoint } from './placement.js';
import type { CategoryColor } from './points.js';
import type { RegionSet } from './regions.js';

function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function where(place: string | null): string {
  return place ? ` in ${place}` : '';
}

/** "in Kandahar (45 events)": the region that holds the most exactly placed points. */
function busiestRegion(points: PlacedPoint[], regions: RegionSet | null): string | null {
  if (!regions) return null;
  const counts = new Map<string, number>();
  for (const p of points) {
    if (p.placement !== 'exact') continue;
    const r = regions.at(p.lon!, p.lat!);
    if (r) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
  }
  const top = [...counts].sort((a, b) => b[1] - a[1])[0];
  return top ? `most of them in ${top[0]} (${formatNumber(top[1])})` : null;
}

function dateSpan(points: PlacedPoint[]): string {
  const dates = points.map((p) => p.point.date).filter(Boolean).sort();
  return dates.length ? `, ${dates[0]} to ${dates[dates.length - 1]}` : '';
}

export function pointsAltText(points: PlacedPoint[], colors: CategoryColor[], place: string | null, regions: RegionSet | null, unit: string): string {
  const shown = points.filter((p) => p.placement !== 'unplaced');
  const total = shown.reduce((s, p) => s + p.point.fatalities, 0);
  const approx = shown.filter((p) => p.placement === 'approximate');
  const byArea = new Map<string, number>();
  for (const p of approx) byArea.set(p.area!, (byArea.get(p.area!) ?? 0) + 1);
  const parts = [`Map: ${formatNumber(shown.length)} events${where(place)}${dateSpan(shown)}, sized by ${unit} (${formatNumber(total)} in total)`];
  if (colors.length > 1) parts[0] += ` and coloured by category: ${list(colors.map((c) => `${c.name} (${formatNumber(c.count)})`))}`;
  const busiest = busiestRegion(shown, regions);
  if (busiest) parts.push(busiest);
  if (approx.length) parts.push(`${formatNumber(approx.length)} placed approximately, by the area their location names: ${list([...byArea].map(([a, n]) => `${a} ${formatNumber(n)}`))}`);
  const largest = [...shown].sort((a, b) => b.point.fatalities - a.point.fatalities)[0];
  if (largest && largest.point.fatalities > 0) parts.push(`the largest, on ${largest.point.date}${largest.area ? ` in ${largest.area}` : ''}, left ${formatNumber(largest.point.fatalities)} ${unit}`);
  return `${parts.join('; ')}.`;
}

export function hexAltText(bins: HexBin[], events: number, place: string | null, measure: 'events' | 'fatalities', nearest: string | null): string {
  const value = (b: HexBin) => (measure === 'events' ? b.events : b.fatalities);
  const top = [...bins].sort((a, b) => value(b) - value(a))[0];
  const densest = top ? `; the densest cell holds ${formatNumber(value(top))} ${measure}${nearest ? `, in ${nearest}` : ''}` : '';
  return `Hex-bin map: ${formatNumber(events)} events${where(place)} binned into ${formatNumber(bins.length)} hexagonal cells coloured by ${measure}${densest}.`;
}

export function choroplethAltText(c: Choropleth, place: string | null, what: string, regionWord: string): string {
  const ranked = c.values.filter((v) => v.value !== null).sort((a, b) => b.value! - a.value!);
  const top = ranked.slice(0, 3).map((v) => `${v.region.name} (${formatNumber(Math.round(v.value! * 10) / 10)})`);
  const none = c.values.filter((v) => v.value === 0).length;
  const tail = none ? `; ${formatNumber(none)} ${regionWord}s with none` : '';
  return `Choropleth map: ${what} by ${regionWord}${where(place)}, highest ${list(top)}${tail}.`;
}
