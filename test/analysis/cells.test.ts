// Tenth-degree grid cells: a cell's number back to its bounds (the coarse map folds cells by their centres).
import { describe, expect, it } from 'vitest';
import { cellBounds } from '../../src/analysis/cells.js';
import { foldTenths } from '../../src/server/queries/event-map-cells.js';

/** The cell of a point, as cellSql computes it in SQL. */
const cellOf = (lat: number, lon: number) => Math.floor(lat * 10) * 4000 + Math.floor(lon * 10);

describe('tenth-degree cells', () => {
  it('gives back the bounds of the cell a point falls in, at the edges of the world too', () => {
    const points: [number, number][] = [[0, 0], [-0.05, -0.05], [34.52, 69.18], [-33.9, -70.6], [89.99, 179.99], [-90, -180], [12.3456, -0.0001], [-0.0001, 179.95]];
    for (let i = 0; i < 200; i++) points.push([Math.round((Math.random() * 180 - 90) * 1e4) / 1e4, Math.round((Math.random() * 360 - 180) * 1e4) / 1e4]);
    for (const [lat, lon] of points) {
      const b = cellBounds(cellOf(lat, lon));
      expect(lat, `${lat},${lon}`).toBeGreaterThanOrEqual(b.south - 1e-9);
      expect(lat, `${lat},${lon}`).toBeLessThan(b.north + 1e-9);
      expect(lon, `${lat},${lon}`).toBeGreaterThanOrEqual(b.west - 1e-9);
      expect(lon, `${lat},${lon}`).toBeLessThan(b.east + 1e-9);
      expect(b.north - b.south).toBeCloseTo(0.1, 9);
      expect(b.east - b.west).toBeCloseTo(0.1, 9);
    }
  });

  it('folds tenths into a coarser grid by their centres, summing counts and deaths', () => {
    const tenths = [
      { cell: cellOf(34.51, 69.11), events: 3, deaths: 1 },
      { cell: cellOf(34.55, 69.19), events: 1, deaths: 4 },
      { cell: cellOf(-10.01, 20.02), events: 2, deaths: 0 },
    ];
    const rows = foldTenths(tenths, 15);
    expect(rows).toHaveLength(2);
    const kabul = rows.find((r) => r.gy === Math.floor((34.5 + 90) / 15))!;
    expect([kabul.n, kabul.deaths]).toEqual([4, 5]);
    // The place is the centres weighted by events; the bounds are the tenths'.
    expect(kabul.lat_sum / kabul.n).toBeCloseTo(34.55, 9);
    expect(kabul.lon_sum / kabul.n).toBeCloseTo((3 * 69.15 + 69.15) / 4, 9);
    expect([kabul.south, kabul.west, kabul.north, kabul.east].map((v) => Math.round(v * 10) / 10)).toEqual([34.5, 69.1, 34.6, 69.2]);
  });
});
