// GET /api/events/geojson: the map's events for a view, summed into cells unless the view holds few,
// from the point rollup or the events alike, validated, and scoped to what the reader may read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOATS_CSV, BOATS_MAPPING, importMapped, UCDP_CSV, UCDP_MAPPING } from '../analysis/stores.js';
import { ENGINES } from '../helpers/stores.js';
import { MAX_CELLS } from '../../src/server/queries/event-map.js';
import { bearer, json, startServer, type TestServer } from './helpers.js';

interface MapJson {
  type: string;
  mode: 'cells' | 'events';
  total: number;
  cell_degrees: number | null;
  bbox: number[];
  extent: number[] | null;
  source: string;
  scope: string | null;
  features: { type: string; id: number | string; geometry: { type: string; coordinates: [number, number] }; properties: { kind: string; events: number; id: number | string; west?: number; east?: number } }[];
}

describe.each(ENGINES)('events as GeoJSON on $engine', ({ make }) => {
  let t: TestServer;
  const as: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    t = await startServer(make);
    const ts = { store: t.store, where: t.where, close: async () => undefined };
    await importMapped(ts, BOATS_CSV, BOATS_MAPPING);
    await importMapped(ts, UCDP_CSV, UCDP_MAPPING);
    for (const name of ['admin', 'editor', 'analyst', 'viewer']) as[name] = await bearer(t.store, name);
  });
  afterAll(async () => t?.close());

  const map = async (params: string, who = 'viewer') => {
    const res = await t.app.inject({ url: `/api/events/geojson?${params}`, headers: as[who] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    return json<MapJson>(res);
  };
  const eventsIn = (m: MapJson) => m.features.reduce((n, f) => n + f.properties.events, 0);

  it('sends the events one by one when the view holds few, and cells when it holds more', async () => {
    const few = await map('q=country:AFG');
    expect(few.type).toBe('FeatureCollection');
    expect(few.mode).toBe('events');
    expect(few.total).toBeGreaterThan(100);
    expect(eventsIn(few)).toBe(few.total);
    expect(few.features[0]!.properties.kind).toBe('event');
    expect(few.features[0]!.id).toBe(few.features[0]!.properties.id);
    const [west, south, east, north] = few.extent!;
    expect(west).toBeGreaterThan(60);
    expect(east).toBeLessThan(75);
    expect(south).toBeGreaterThan(29);
    expect(north).toBeLessThan(39);

    const cells = await map('q=country:AFG&limit=10');
    expect(cells.mode).toBe('cells');
    expect(cells.total).toBe(few.total);
    expect(eventsIn(cells)).toBe(few.total);
    expect(cells.cell_degrees).toBe(15);
    expect(cells.features.length).toBeLessThan(10);
    for (const f of cells.features) {
      expect(f.properties.kind).toBe('cell');
      expect(f.geometry.coordinates[0]).toBeGreaterThanOrEqual(f.properties.west!);
      expect(f.geometry.coordinates[0]).toBeLessThanOrEqual(f.properties.east!);
    }
    // Zoomed in on a view of the east: smaller cells, fewer events.
    const east6 = await map('q=country:AFG&limit=10&zoom=6&bbox=68,33,72,36');
    expect(east6.cell_degrees).toBeCloseTo(360 / 64 / 12, 9);
    expect(east6.total).toBeGreaterThan(0);
    expect(east6.total).toBeLessThan(few.total);
    expect(east6.bbox[0]).toBeLessThanOrEqual(68);
    expect(east6.bbox[2]).toBeGreaterThanOrEqual(72);
    expect(eventsIn(east6)).toBe(east6.total);
  });

  it('frames a filter in a view of given pixels with one read, and its cells are those of that zoom', async () => {
    const fitted = await map('q=country:AFG&limit=10&fit=800x400');
    expect(fitted.mode).toBe('cells');
    const view = (fitted as unknown as { view: { center: [number, number]; zoom: number } }).view;
    expect(view.zoom).toBeGreaterThan(3);
    expect(view.zoom).toBeLessThanOrEqual(8);
    expect(view.center[0]).toBeGreaterThan(60);
    expect(view.center[0]).toBeLessThan(75);
    // The same cells as a view around the country read at that zoom.
    const direct = await map(`q=country:AFG&limit=10&zoom=${view.zoom}&bbox=55,25,80,45`);
    expect(fitted.cell_degrees).toBe(direct.cell_degrees);
    const cells = (m: MapJson) => Object.fromEntries(m.features.map((f) => [f.id, f.properties.events]));
    expect(cells(fitted)).toEqual(cells(direct));
    expect(eventsIn(fitted)).toBe(direct.total);
    // Few events: one by one, with the view.
    const few = await map('q=country:AFG&fit=800x400');
    expect(few.mode).toBe('events');
    expect(few.total).toBe(direct.total);
    expect((few as unknown as { view: unknown }).view).toEqual(view);
    expect((await t.app.inject({ url: '/api/events/geojson?fit=800', headers: as.viewer })).statusCode).toBe(400);
  });

  it('counts alike from the cell rollup, the point rollup and the events', async () => {
    // Zoom 1: 15° cells, which the tenth-degree cells nest in exactly.
    const rollup = await map('q=country:AFG&limit=0');
    expect(rollup.source).toBe('rollup_cell_months');
    const fatal = await map('q=country:AFG%20fatal:yes&limit=0');
    const none = await map('q=country:AFG%20fatal:no&limit=0');
    expect(fatal.source).toBe('events');
    expect(fatal.total + none.total).toBe(rollup.total);
    const byCell = (m: MapJson) => Object.fromEntries(m.features.map((f) => [f.id, f.properties.events]));
    const summed = byCell(fatal);
    for (const [id, n] of Object.entries(byCell(none))) summed[id] = (summed[id] ?? 0) + n;
    expect(summed).toEqual(byCell(rollup));
  });

  it('reads coarse views from the cell rollup and finer ones from the point rollup, with the same counts', async () => {
    // A bbox: term over the whole world selects the same events, but only the point rollup answers it.
    const points = (params: string) => map(`q=${encodeURIComponent('country:AFG bbox:-180,-90,180,90')}&limit=0&${params}`);
    for (const params of ['zoom=1', 'zoom=4', 'zoom=6&bbox=66,31,72,37', 'zoom=5&bbox=69.3,33.9,71.2,35.2']) {
      const coarse = await map(`q=country:AFG&limit=0&${params}`);
      const fine = await points(params);
      expect(coarse.source, params).toBe('rollup_cell_months');
      expect(fine.source, params).toBe('rollup_points');
      expect(coarse.cell_degrees, params).toBe(fine.cell_degrees);
      // The tenths' centres decide the view a few events near its edges fall in: the whole country's count is exact.
      if (!params.includes('bbox')) expect(coarse.total, params).toBe(fine.total);
      expect(Math.abs(coarse.total - fine.total), params).toBeLessThanOrEqual(fine.total * 0.1);
      expect(eventsIn(coarse), params).toBe(coarse.total);
      const deaths = (m: MapJson) => m.features.reduce((n, f) => n + (f.properties as unknown as { fatalities: number }).fatalities, 0);
      if (!params.includes('bbox')) expect(deaths(coarse), params).toBe(deaths(fine));
      for (const f of coarse.features) {
        const p = f.properties as unknown as { west: number; south: number; east: number; north: number };
        const [lon, lat] = f.geometry.coordinates;
        expect(lon).toBeGreaterThanOrEqual(p.west);
        expect(lon).toBeLessThanOrEqual(p.east);
        expect(lat).toBeGreaterThanOrEqual(p.south);
        expect(lat).toBeLessThanOrEqual(p.north);
      }
    }
    // Finer than zoom 6, or a window of days the month cells cannot answer: the point rollup.
    expect((await map('q=country:AFG&limit=0&zoom=7&bbox=69,34,71,35')).source).toBe('rollup_points');
    expect((await map(`q=${encodeURIComponent('country:AFG date:2010-01-05..2010-03-01')}&limit=0`)).source).toBe('rollup_points');
    // Framed: the extent from the cells is within a tenth of a degree of the points'.
    const framed = await map('q=country:AFG&limit=10&fit=800x400');
    const exact = await points('zoom=1');
    expect(framed.source).toBe('rollup_cell_months');
    framed.extent!.forEach((v, i) => expect(Math.abs(v - exact.extent![i]!)).toBeLessThanOrEqual(0.1 + 1e-9));
  });

  it('keeps a wide view at a deep zoom to a bounded number of cells', async () => {
    const m = await map('zoom=20&limit=0&bbox=-180,-85,180,85');
    expect(m.mode).toBe('cells');
    expect(m.features.length).toBeLessThanOrEqual(MAX_CELLS);
    expect(m.cell_degrees).toBeGreaterThan(360 / 2 ** 20 / 12);
    // Across the antimeridian: two ranges of longitude, nothing there.
    expect((await map('bbox=170,-20,-170,20')).total).toBe(0);
  });

  it('refuses bad input with a 400 naming the parameter', async () => {
    for (const [params, field] of [
      ['bbox=200,0,10,10', 'bbox'],
      ['bbox=0,10,10,5', 'bbox'],
      ['bbox=1,2,3', 'bbox'],
      ['bbox=a,b,c,d', 'bbox'],
      ['zoom=-1', 'zoom'],
      ['zoom=25', 'zoom'],
      ['limit=100000', 'limit'],
      ['q=countri:AFG', 'q'],
      ['colour=red', 'colour'],
    ] as const) {
      const res = await t.app.inject({ url: `/api/events/geojson?${params}`, headers: as.viewer });
      expect(res.statusCode, params).toBe(400);
      expect(json<{ field?: string }>(res).field, params).toBe(field);
    }
    expect((await t.app.inject({ url: '/api/events/geojson' })).statusCode).toBe(401);
  });

  it('shows a private investigation’s incidents to its members only', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/investigations', headers: as.analyst, payload: { name: 'map-op', title: 'Private' } })).statusCode).toBe(201);
    const inc = await t.app.inject({ method: 'POST', url: '/api/investigations/map-op/incidents', headers: as.analyst, payload: { date_start: '2025-10-03', country: 'Venezuela', iso3: 'VEN', lat: 11.2, lon: -66.1, summary: 'strike' } });
    expect(inc.statusCode).toBe(201);
    const id = json<{ id: number }>(inc).id;
    const owner = await map('bbox=-67,10,-65,12&zoom=8', 'analyst');
    expect(owner.features.map((f) => f.id)).toContain(id);
    const stranger = await map('bbox=-67,10,-65,12&zoom=8', 'editor');
    expect(stranger.features.map((f) => f.id)).not.toContain(id);
    expect(stranger.total).toBe(owner.total - 1);
    expect(stranger.scope).toMatch(/left out/);
    expect((await map('bbox=-67,10,-65,12&zoom=8&limit=0', 'editor')).total).toBe(stranger.total);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = json<{ paths: Record<string, { get?: { parameters: { name: string }[] } }> }>(await t.app.inject('/api/openapi.json'));
    expect(doc.paths['/api/events/geojson']?.get?.parameters.map((p) => p.name).sort()).toEqual(['bbox', 'fit', 'limit', 'q', 'zoom']);
  });
});
