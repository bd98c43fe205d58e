import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { afghanistanProvinces, findSeaArea, fixAfghanistanLabels, renderMap } from '../../src/render/index.js';
import type { Breakdown } from '../../src/render/index.js';
import { STRIKES_PROVENANCE, UCDP_PROVENANCE, strikePoints, ucdpEvents, ucdpPoints } from './demo.js';
import { count, expectSnapshot, words } from './snapshot.js';

const provincesFile = new URL('../../data/demo/afghanistan_provinces_naturalearth.geojson', import.meta.url);
const aliasesFile = new URL('../../data/boundaries/afghanistan-admin1-aliases.json', import.meta.url);

/** UCDP deaths by province, each event placed in the province that contains it. */
function ucdpByProvince(): Breakdown {
  const provinces = afghanistanProvinces();
  const totals = new Map<string, { events: number; deaths: number }>();
  for (const e of ucdpEvents()) {
    const name = provinces.at(e.lon, e.lat)?.name ?? 'Outside the provinces';
    const t = totals.get(name) ?? { events: 0, deaths: 0 };
    t.events += 1;
    t.deaths += e.deaths;
    totals.set(name, t);
  }
  return { by: 'admin1', measure: 'fatalities', rows: [...totals].map(([key, t]) => ({ key, events: t.events, value: { low: t.deaths, best: t.deaths, high: t.deaths } })) };
}

function group(svg: string, cls: string): string {
  const start = svg.indexOf(`<g class="${cls}"`);
  return start < 0 ? '' : svg.slice(start, svg.indexOf('</g>', start));
}

describe("Afghanistan's provinces", () => {
  it('puts right the two mislabelled features by geometry', () => {
    const raw = JSON.parse(readFileSync(provincesFile, 'utf8')) as FeatureCollection;
    expect(raw.features.filter((f) => f.properties?.name === 'Parwan')).toHaveLength(2);
    const fixed = fixAfghanistanLabels(raw);
    const panjshir = fixed.features.find((f) => f.properties?.name === 'Panjshir');
    const daykundi = fixed.features.find((f) => f.properties?.name === 'Daykundi');
    // Natural Earth's GeoNames and WOE fields name them independently of the wrong `name`.
    expect(panjshir?.properties?.gn_name).toBe('Panjshir');
    expect(daykundi?.properties?.woe_name).toBe('Daykundi');
    expect(fixed.features.filter((f) => f.properties?.name === 'Parwan')).toHaveLength(1);
    expect(fixed.features.filter((f) => f.properties?.name === 'Uruzgan')).toHaveLength(1);
  });

  it('has 34 distinct provinces, each reachable by every spelling of the alias table', () => {
    const provinces = afghanistanProvinces();
    expect(new Set(provinces.regions.map((r) => r.name)).size).toBe(34);
    const aliases = JSON.parse(readFileSync(aliasesFile, 'utf8')) as { names: Record<string, string[]> };
    expect(Object.keys(aliases.names)).toHaveLength(34);
    for (const [canonical, list] of Object.entries(aliases.names)) {
      for (const name of [canonical, ...list]) expect(provinces.find(name)?.name, name).toBe(canonical);
    }
    expect(provinces.find('HILMAND')?.name).toBe('Helmand');
    expect(provinces.find('Nangarhār')?.name).toBe('Nangarhar');
    expect(provinces.find('Sar-e-Pul')?.name).toBe('Sar-e Pol');
    expect(provinces.find('Atlantis')).toBeNull();
    expect(provinces.at(69.17, 34.53)?.name).toBe('Kabul');
  });
});

describe('maps', () => {
  it('fills a path for each of the 34 provinces in a choropleth of UCDP deaths', () => {
    const breakdown = ucdpByProvince();
    const map = renderMap({ kind: 'choropleth', breakdown }, { country: 'AFG', title: 'Deaths in UCDP events by province, 2001–2018', provenance: UCDP_PROVENANCE });
    expectSnapshot('map-choropleth-afghanistan.svg', map.svg);
    const fills = group(map.svg, 'choropleth');
    expect(count(fills, /<path /)).toBe(34);
    for (const name of ['Panjshir', 'Daykundi', 'Helmand', 'Herat', 'Paktia', 'Sar-e Pol', 'Nangarhar']) expect(fills).toContain(`data-name="${name}"`);
    expect(Buffer.byteLength(map.svg)).toBeLessThan(300 * 1024);
    const top = [...breakdown.rows].sort((a, b) => b.value.best - a.value.best)[0]!;
    expect(map.altText).toContain(`highest ${top.key}`);
    expect(words(map.svg)).toContain('Boundaries: Natural Earth');
    expect(map.table.rows).toHaveLength(34);
  });

  it('divides by population when given one', () => {
    const breakdown = ucdpByProvince();
    const population = Object.fromEntries(afghanistanProvinces().regions.map((r) => [r.name, 1_000_000]));
    const map = renderMap({ kind: 'choropleth', breakdown }, { country: 'AFG', population });
    const helmand = map.table.rows.find((r) => r[0] === 'Helmand')!;
    expect(map.table.columns).toContain('fatalities_per_100000');
    expect(helmand[6]).toBeCloseTo((Number(helmand[3]) / 1_000_000) * 100_000, 5);
    expect(words(map.svg)).toContain('per 100,000 people');
  });

  it('draws one circle per UCDP event, sized and coloured, with place labels', () => {
    const points = ucdpPoints();
    const map = renderMap({ kind: 'points', points }, { country: 'AFG', title: 'UCDP events in Afghanistan, 2001–2018', places: ['Kabul', 'Kandahar', 'Herat', 'Mazar-e Sharif', 'Jalalabad'], provenance: UCDP_PROVENANCE });
    expectSnapshot('map-points-ucdp.svg', map.svg);
    expect(count(group(map.svg, 'points'), /<circle /)).toBe(points.length);
    // Accent-insensitive: GeoNames spells it Mazār-e Sharīf.
    expect(map.svg).toContain('>Mazar-e Sharif</text>');
    expect(words(map.svg)).toContain('Places: GeoNames');
    expect(group(map.svg, 'locator')).not.toBe('');
    expect(map.svg).toMatch(/class="scale-bar"[^]*?\d+ km</);
    expect(Buffer.byteLength(map.svg)).toBeLessThan(300 * 1024);
    const largest = Math.max(...points.map((p) => p.fatalities));
    expect(map.altText).toContain(`left ${largest.toLocaleString('en-GB')} fatalities`);
  });

  it('bins the UCDP events into hexagons that add up to every event', () => {
    const points = ucdpPoints();
    const map = renderMap({ kind: 'hexbin', points }, { country: 'AFG', title: 'Density of UCDP events' });
    expectSnapshot('map-hexbin-ucdp.svg', map.svg);
    const binned = [...group(map.svg, 'hexbins').matchAll(/<title>(\d+) events/g)].reduce((s, m) => s + Number(m[1]), 0);
    expect(binned).toBe(points.length);
  });

  it('places boat strikes by the sea their location text names, drawn hollow and said in the legend', () => {
    const points = strikePoints();
    const map = renderMap({ kind: 'points', points }, { title: 'US strikes on boats, September–December 2025', provenance: STRIKES_PROVENANCE, places: ['Caracas', 'Panama City, PA'] });
    expectSnapshot('map-maritime-strikes.svg', map.svg);
    const circles = group(map.svg, 'points');
    expect(count(circles, /<circle [^>]*stroke-dasharray/)).toBe(points.length);
    expect(words(map.svg)).toContain('Position approximate');
    expect(map.svg).toContain('>Caribbean Sea</text>');
    expect(map.svg).toContain('>Eastern Pacific</text>');
    expect(words(map.svg)).toContain('Sea areas: approximate');
    const placedIn = map.table.columns.indexOf('placed_in');
    const areas = map.table.rows.map((r) => r[placedIn]);
    expect(areas.filter((a) => a === 'Eastern Pacific')).toHaveLength(points.filter((p) => p.category === 'Eastern Pacific').length);
    expect(map.csv).toContain('approximate');
  });

  it('finds the most specific sea area a location names', () => {
    expect(findSeaArea('international waters, Eastern Pacific')?.name).toBe('Eastern Pacific');
    expect(findSeaArea("international waters 'just off the Coast of Venezuela' (Caribbean)")?.name).toBe('Southern Caribbean');
    expect(findSeaArea('Caribbean Sea; precise location not released')?.name).toBe('Caribbean Sea');
    expect(findSeaArea('Kabul city')).toBeNull();
  });

  it('takes boundaries a user supplies, matched by their name property', () => {
    const geojson = JSON.parse(readFileSync(provincesFile, 'utf8')) as FeatureCollection;
    const breakdown: Breakdown = { by: 'admin1', measure: 'events', rows: [{ key: 'Hirat', events: 5, value: { low: 5, best: 5, high: 5 } }, { key: 'Nowhere', events: 1, value: { low: 1, best: 1, high: 1 } }] };
    const map = renderMap({ kind: 'choropleth', breakdown }, { boundaries: { geojson, nameProperty: 'name' }, inset: false });
    expect(map.svg).toContain('data-name="Hirat"');
    expect(words(map.svg)).toContain('Not on the map (no boundary of that name): Nowhere (1)');
  });

  it('escapes names that come from data', () => {
    const points = ucdpPoints().slice(0, 3).map((p, i) => ({ ...p, category: i ? '<script>alert(1)</script>' : 'A & B', location: '<img src=x>' }));
    const map = renderMap({ kind: 'points', points }, { country: 'AFG', title: '<b>Title</b>' });
    expect(map.svg).not.toContain('<script>');
    expect(map.svg).not.toContain('<img');
    expect(map.svg).not.toContain('<b>');
    expect(map.svg).toContain('&lt;script&gt;');
  });
});
