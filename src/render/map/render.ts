// Points, hex bins or a choropleth → a framed SVG map, from offline Natural Earth data, clipped to the view.
import { toIso3, countryName } from '../../model/country.js';
import { toCsv } from '../csv.js';
import { formatNumber, measureName } from '../format.js';
import { frame, idPrefixFor, prefixIds } from '../frame.js';
import { sourceLines } from '../provenance.js';
import { defaultTheme, resolveSize } from '../theme.js';
import type { SizeName, Theme } from '../theme.js';
import type { Breakdown, DataTable, Graphic, GraphicText, MapPoint } from '../types.js';
import { afghanistanProvinces } from './afghanistan.js';
import { choroplethAltText, hexAltText, pointsAltText } from './alt.js';
import { basemapOver, basemapUnder, countryLabels, seaLabels } from './basemap.js';
import type { BasemapInput, Box } from './basemap.js';
import { choroplethLayer, choroplethTable, regionValues } from './choropleth.js';
import { hexLayer } from './hexbin.js';
import { locatorInset, quietestCorner } from './inset.js';
import type { Corner } from './inset.js';
import { legendBlock } from './legend.js';
import type { LegendRow } from './legend.js';
import { findPlaces, placeLabels } from './places.js';
import { placePoints } from './placement.js';
import type { PlacedPoint } from './placement.js';
import { categoryColors, pointsLayer, radiusScale } from './points.js';
import { fitView, padBounds, unionBounds } from './projection.js';
import { countryRegions } from './country-regions.js';
import { loadBoundaries } from './regions.js';
import type { BoundariesInput, RegionSet } from './regions.js';
import { scaleBar } from './scale-bar.js';
import { seaAreasSource } from './seas.js';
import type { SeaArea } from './seas.js';
import { findCountry, resolutionFor } from './world.js';
import type { Bounds } from './world.js';

export const MAP_KINDS = ['points', 'hexbin', 'choropleth'] as const;
export type MapKind = (typeof MAP_KINDS)[number];

export type MapInput =
  | { kind: 'points'; points: MapPoint[] }
  | { kind: 'hexbin'; points: MapPoint[]; measure?: 'events' | 'fatalities' }
  | { kind: 'choropleth'; breakdown: Breakdown };

export interface MapOptions extends GraphicText {
  size?: SizeName | number;
  theme?: Theme;
  /** The country the map is about (ISO alpha-3 or a name): framed, lighter, its provinces drawn when known. */
  country?: string;
  /** Admin boundaries for a country other than Afghanistan (whose provinces ship with Groundtruth). */
  boundaries?: BoundariesInput;
  /** [[west, south], [east, north]] in degrees; default: the country, the regions or the points. */
  extent?: Bounds;
  /** Height of the map in pixels (default from the extent's shape). */
  height?: number;
  /** Places to label, by name (any spelling; "Name, CC" to pick a country). */
  places?: string[];
  /** The locator globe: true (a free corner), false, or a corner. */
  inset?: boolean | Corner;
  scaleBar?: boolean;
  /** Choropleth per head: population by region name. */
  population?: Record<string, number>;
  /** Per how many people (default 100,000). */
  perCapita?: number;
  /** Hex-bin radius in pixels (default from the size). */
  hexRadius?: number;
  unitName?: string;
}

const NATURAL_EARTH = 'Boundaries: Natural Earth';

function pointsTable(placed: PlacedPoint[]): DataTable {
  return {
    columns: ['id', 'date', 'location', 'admin1', 'iso3', 'lat', 'lon', 'fatalities', 'category', 'placement', 'placed_in'],
    rows: placed.map((p) => [
      typeof p.point.id === 'number' ? p.point.id : String(p.point.id),
      p.point.date, p.point.location, p.point.admin1, p.point.iso3, p.point.lat, p.point.lon,
      p.point.fatalities, p.point.category, p.placement, p.area,
    ]),
  };
}

/** The regions the map can fill or outline, and the country it is about. */
function regionsFor(input: MapInput, options: MapOptions, focus: string | null): RegionSet | null {
  if (options.boundaries) return loadBoundaries(options.boundaries);
  if (input.kind === 'choropleth' && input.breakdown.by === 'country') return countryRegions();
  if (focus === 'AFG') return afghanistanProvinces();
  return null;
}

function focusOf(input: MapInput, options: MapOptions): string | null {
  if (options.country) {
    const iso3 = toIso3(options.country);
    if (!iso3) throw new Error(`unknown country "${options.country}"`);
    return iso3;
  }
  const codes = input.kind === 'choropleth' ? [] : [...new Set(input.points.map((p) => p.iso3).filter((c): c is string => !!c))];
  return codes.length === 1 ? codes[0]! : null;
}

function pointBounds(placed: PlacedPoint[]): Bounds | null {
  const exact = placed.filter((p) => p.placement === 'exact');
  const boxes: Bounds[] = exact.map((p) => [[p.lon!, p.lat!], [p.lon!, p.lat!]]);
  for (const p of placed) if (p.sea) boxes.push(p.sea.bounds);
  for (const p of placed) if (p.placement === 'approximate' && !p.sea) boxes.push([[p.lon!, p.lat!], [p.lon!, p.lat!]]);
  return unionBounds(boxes);
}

export function renderMap(input: MapInput, options: MapOptions = {}): Graphic {
  if (!MAP_KINDS.includes(input.kind)) throw new Error(`unknown map kind "${(input as { kind: string }).kind}" (one of ${MAP_KINDS.join(', ')})`);
  const theme = options.theme ?? defaultTheme();
  const size = resolveSize(theme, options.size);
  const width = size.width - 2 * size.padding;
  const focus = focusOf(input, options);
  const regions = regionsFor(input, options, focus);
  if (input.kind === 'choropleth' && !regions) {
    throw new Error(`no ${input.breakdown.by} boundaries for ${focus ?? 'this map'}: pass boundaries (a GeoJSON with a name property)`);
  }
  const placed = input.kind === 'choropleth' ? [] : placePoints(input.points, regions);
  const byCountry = input.kind === 'choropleth' && input.breakdown.by === 'country';

  const focusCountry = focus ? findCountry(focus) : null;
  const bounds = options.extent
    ?? (focusCountry && !byCountry ? focusCountry.bounds : null)
    ?? (regions && !byCountry ? unionBounds(regions.regions.map((r) => r.bounds)) : null)
    ?? (byCountry && input.kind === 'choropleth' ? unionBounds(input.breakdown.rows.map((r) => regions!.find(r.key)?.bounds).filter((b): b is Bounds => !!b)) : null)
    ?? pointBounds(placed)
    ?? ([[-180, -60], [180, 80]] as Bounds);
  const view = fitView(padBounds(bounds, 0.04), width, options.height);
  const [[w, s], [e, n]] = view.bounds;
  const resolution = resolutionFor(Math.max(e - w, n - s));
  const seas: SeaArea[] = [...new Set(placed.map((p) => p.sea).filter((a): a is SeaArea => a !== null))];
  const base: BasemapInput = { view, theme, resolution, focus, seas };
  const unit = input.kind === 'choropleth' ? measureName(input.breakdown.measure, options.unitName) : input.kind === 'hexbin' ? (input.measure ?? 'events') : 'fatalities';
  const place = focus ? countryName(focus) : null;

  const layers: string[] = [basemapUnder(base)];
  const legend: LegendRow[] = [];
  const notes = [...(options.notes ?? [])];
  const marks: [number, number][] = [];
  let altText: string;
  let table: DataTable;
  let drawnRegions = regions && !byCountry ? regions.regions : [];

  if (input.kind === 'choropleth') {
    const perCapita = options.population ? (options.perCapita ?? 100_000) : null;
    const values = regionValues(input.breakdown, regions!, options.population, perCapita ?? undefined);
    const what = perCapita ? `${unit} per ${formatNumber(perCapita)} people` : unit;
    const layer = choroplethLayer(values, view, theme, what, perCapita !== null);
    layers.push(layer.svg);
    drawnRegions = []; // the fills carry the region borders
    legend.push({ title: `${what.charAt(0).toUpperCase()}${what.slice(1)}:`, items: layer.classes.map((c) => ({ kind: 'swatch' as const, color: c.color, label: c.label })) });
    if (values.missingPopulation.length) legend.push({ items: [{ kind: 'swatch', color: theme.colors.unknown, label: 'No population figure' }] });
    if (values.unmatched.length) notes.push(`Not on the map (no boundary of that name): ${values.unmatched.map((u) => `${u.key} (${formatNumber(u.best)})`).join(', ')}.`);
    if (perCapita) notes.push(`Colours show ${unit} per ${formatNumber(perCapita)} people, from the population figures supplied.`);
    for (const v of values.values) if (v.value) marks.push(view.projection(v.region.centroid) as [number, number]);
    const regionWord = byCountry ? 'country' : input.breakdown.by === 'admin1' && focus === 'AFG' ? 'province' : 'region';
    altText = choroplethAltText(values, byCountry ? null : place, what, regionWord);
    table = choroplethTable(values, input.breakdown, perCapita);
  } else if (input.kind === 'hexbin') {
    const measure = input.measure ?? 'events';
    const radius = options.hexRadius ?? size.hexRadius;
    const layer = hexLayer(placed, view, theme, radius, measure);
    layers.push(layer.svg);
    legend.push({ title: `${measure === 'events' ? 'Events' : 'Fatalities'} per cell:`, items: layer.classes.slice(1).map((c) => ({ kind: 'swatch' as const, color: c.color, label: c.label })) });
    const left = placed.length - layer.bins.reduce((s, b) => s + b.events, 0);
    if (left > 0) notes.push(`${formatNumber(left)} of ${formatNumber(placed.length)} events have no exact coordinates in view and are not binned.`);
    marks.push(...layer.bins.map((b) => [b.x, b.y] as [number, number]));
    const top = [...layer.bins].sort((a, b) => (measure === 'events' ? b.events - a.events : b.fatalities - a.fatalities))[0];
    const topAt = top ? view.projection.invert!([top.x, top.y]) : null;
    const nearest = topAt && regions ? (regions.at(topAt[0], topAt[1])?.name ?? null) : null;
    altText = hexAltText(layer.bins, placed.filter((p) => p.placement === 'exact').length, place, measure, nearest);
    table = pointsTable(placed);
  } else {
    const colors = categoryColors(placed.filter((p) => p.placement !== 'unplaced'), theme);
    const layer = pointsLayer(placed, view, theme, size, colors);
    layers.push(layer.svg);
    if (colors.length > 1) legend.push({ items: colors.map((c) => ({ kind: 'swatch' as const, color: c.color, label: c.name })) });
    const maxF = Math.max(0, ...placed.map((p) => p.point.fatalities));
    const r = radiusScale(maxF, size);
    const keys = [...new Set([Math.round(maxF / 10), Math.round(maxF / 2), maxF].filter((v) => v > 0))];
    if (keys.length) legend.push({ title: 'Fatalities:', items: keys.map((k) => ({ kind: 'circle' as const, radius: r(k), label: formatNumber(k) })) });
    const approx = placed.filter((p) => p.placement === 'approximate');
    if (approx.length) {
      legend.push({ items: [{ kind: 'hollow', color: theme.colors.muted, radius: size.label / 2, label: 'Position approximate: placed in the area the report names' }] });
      notes.push(`${formatNumber(approx.length)} of ${formatNumber(placed.length)} events have no coordinates: they are drawn hollow, gathered round the named area (${[...new Set(approx.map((p) => p.area))].join(', ')}), not where they happened.`);
    }
    for (const p of placed) if (p.placement === 'exact') {
      const xy = view.projection([p.lon!, p.lat!]);
      if (xy) marks.push(xy as [number, number]);
    }
    for (const a of seas) marks.push(view.projection(a.anchor) as [number, number]);
    layers.push(seaLabels(view, seas, theme, size.small, layer.spread));
    altText = pointsAltText(placed, colors, place, regions && !byCountry ? regions : null, unit);
    table = pointsTable(placed);
  }
  const unplaced = placed.filter((p) => p.placement === 'unplaced');
  if (unplaced.length) notes.push(`${formatNumber(unplaced.length)} of ${formatNumber(placed.length)} events are not on the map: they have neither coordinates nor a location that names a known area.`);

  layers.push(basemapOver(base, drawnRegions));
  const extraCredits = [NATURAL_EARTH];
  if (seas.length) extraCredits.push(seaAreasSource());
  const labels: string[] = [];
  if (options.places?.length) {
    const { found, missing } = findPlaces(options.places, view, focus);
    labels.push(placeLabels(found, view, theme, size.small));
    for (const p of found) marks.push(view.projection([p.lon, p.lat]) as [number, number]);
    if (found.length) extraCredits.push('Places: GeoNames');
    if (missing.length) notes.push(`Not found in view: ${missing.join(', ')}.`);
  }
  const insetRadius = size.inset;
  const insetSide = 2 * insetRadius + 16;
  const corner: Corner | null = options.inset === false ? null : typeof options.inset === 'string' ? options.inset : quietestCorner(view, marks, insetSide);
  const avoid: Box[] = corner
    ? [{ x: corner.endsWith('left') ? 0 : view.width - insetSide, y: corner.startsWith('top') ? 0 : view.height - insetSide, w: insetSide, h: insetSide }]
    : [];
  layers.push(countryLabels(base, size.small, avoid), ...labels);
  if (options.scaleBar !== false) layers.push(scaleBar(view, theme, size.small, corner === 'bottom-left' ? 'right' : 'left').svg);
  if (corner) layers.push(locatorInset(view, theme, insetRadius, corner));

  const title = options.title ?? (input.kind === 'choropleth' ? `${unit.charAt(0).toUpperCase()}${unit.slice(1)}${place && !byCountry ? ` in ${place}` : ''}` : `Events${place ? ` in ${place}` : ''}`);
  const idPrefix = idPrefixFor(title, altText, input.kind, String(size.width));
  const body =
    `<clipPath id="map-clip"><rect width="${view.width}" height="${view.height}"/></clipPath>` +
    `<g clip-path="url(#map-clip)">${layers.join('')}</g>` +
    `<rect width="${view.width}" height="${view.height}" fill="none" stroke="${theme.colors.grid}" stroke-width="1"/>`;
  const framed = frame({
    theme,
    size,
    title,
    subtitle: options.subtitle,
    legend: legendBlock(legend, width, size, theme),
    body: { content: prefixIds(body, idPrefix), width: view.width, height: view.height },
    notes,
    source: sourceLines(options.provenance, extraCredits),
    byline: options.byline,
    altText,
    idPrefix,
  });
  return {
    kind: 'map',
    svg: framed.svg,
    width: framed.width,
    height: framed.height,
    title,
    description: [options.subtitle, ...notes].filter(Boolean).join(' '),
    altText,
    table,
    csv: toCsv(table),
  };
}
