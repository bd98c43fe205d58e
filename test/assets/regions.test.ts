// Regions: the shipped Caribbean polygon, boxes, and GeoJSON files given by path.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bboxRegion, loadRegion, shippedRegionPath } from '../../src/analysis/regions.js';
import { tempDir } from '../helpers/stores.js';

const dir = tempDir('groundtruth-regions-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('regions', () => {
  it('ships the Caribbean Sea, bounded as the IHO limits draw it', () => {
    const caribbean = loadRegion('Caribbean');
    expect(shippedRegionPath('caribbean')).not.toBeNull();
    expect(caribbean.description).toMatch(/IHO/);
    const inside = { 'Caribbean south of Hispaniola': [16.5, -71.0], 'off Cartagena': [11.0, -76.0], 'Yucatán Channel, Caribbean side': [21.0, -86.0], 'Mona Passage approach': [17.6, -67.5], 'lee of Grenada': [12.1, -62.0] };
    const outside = { 'Gulf of Mexico': [24.0, -90.0], 'Atlantic north of Puerto Rico': [19.5, -66.0], Barbados: [13.1, -59.6], 'Gulf of Paria': [10.4, -62.0], 'Pacific off Panama': [7.0, -80.0], 'Bahamas': [24.5, -77.5] };
    for (const [name, [lat, lon]] of Object.entries(inside)) expect(caribbean.contains(lat!, lon!), name).toBe(true);
    for (const [name, [lat, lon]] of Object.entries(outside)) expect(caribbean.contains(lat!, lon!), name).toBe(false);
    const [west, south, east, north] = caribbean.bbox;
    expect(west).toBeLessThan(-87);
    expect(east).toBeGreaterThan(-61);
    expect(south).toBeLessThan(9);
    expect(north).toBeGreaterThan(22);
  });

  it('reads boxes, also across 180°, and refuses bad ones', () => {
    const box = bboxRegion('bbox:-70,10,-65,13');
    expect([box.contains(11, -67), box.contains(14, -67), box.contains(11, -64)]).toEqual([true, false, false]);
    const pacific = loadRegion('bbox:170,-20,-170,0');
    expect([pacific.contains(-10, 175), pacific.contains(-10, -175), pacific.contains(-10, 0)]).toEqual([true, true, false]);
    expect(() => loadRegion('bbox:1,2,3')).toThrow(/WEST,SOUTH,EAST,NORTH/);
    expect(() => loadRegion('bbox:0,10,5,5')).toThrow(/south/);
    expect(() => loadRegion('atlantis')).toThrow(/unknown region/);
  });

  it('reads a GeoJSON file by path, with holes and several polygons', () => {
    const file = join(dir, 'two-boxes.geojson');
    const square = (x: number, y: number, size: number) => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
    writeFileSync(
      file,
      JSON.stringify({
        type: 'Feature',
        properties: { name: 'two boxes', source: 'test' },
        geometry: { type: 'MultiPolygon', coordinates: [[square(0, 0, 10), square(4, 4, 2)], [square(20, 0, 5)]] },
      }),
    );
    const region = loadRegion(file);
    expect(region.description).toBe('two boxes; test');
    expect([region.contains(1, 1), region.contains(5, 5), region.contains(2, 22), region.contains(2, 15)]).toEqual([true, false, true, false]);
    const notGeo = join(dir, 'points.geojson');
    writeFileSync(notGeo, JSON.stringify({ type: 'Point', coordinates: [0, 0] }));
    expect(() => loadRegion(notGeo)).toThrow(/no Polygon/);
  });
});
