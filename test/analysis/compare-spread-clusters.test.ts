// Compare, spread and clusters on constructed scenarios whose answers follow from how they are built.
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusters, linkPoints } from '../../src/analysis/clusters.js';
import { compare } from '../../src/analysis/compare.js';
import { haversineKm } from '../../src/analysis/geo.js';
import { spread } from '../../src/analysis/spread.js';
import { register as registerFigure } from '../../src/cli/figure.js';
import type { CliContext } from '../../src/cli/context.js';
import type { EventRecord } from '../../src/model/event.js';
import { ENGINES, event, insertEvents, openTestStore, type TestStore } from './stores.js';

const JALALABAD = { lat: 34.42647, lon: 70.45153 };
/** A point `km` east and `kmNorth` north of Jalalabad. */
const offset = (kmEast: number, kmNorth: number) => ({
  lat: JALALABAD.lat + kmNorth / 111.2,
  lon: JALALABAD.lon + kmEast / (111.2 * Math.cos((JALALABAD.lat * Math.PI) / 180)),
});

const civilian = (id: string, date: string, killed: number): EventRecord =>
  event({ source_id: id, date_start: date, iso3: 'AFG', civilian_targeting: true, fatalities_low: killed, civilian_fatalities_low: killed, event_type: 'Violence against civilians' });

describe.each(ENGINES)('compare, spread and clusters on a $engine store', ({ make }) => {
  let t: TestStore;
  const baseline2020 = [civilian('b1', '2020-02-10', 9), civilian('b2', '2020-05-03', 12), civilian('b3', '2020-09-30', 7), civilian('b-out', '2020-10-01', 50)];
  const october2021 = [civilian('o1', '2021-10-02', 20), civilian('o2', '2021-10-15', 13)];
  const spreadEvents = [
    event({ source_id: 's-a1', date_start: '2021-03-01', iso3: 'AFG', admin2: 'Achin', ...offset(0, -40) }),
    event({ source_id: 's-b1', date_start: '2021-06-01', iso3: 'AFG', admin2: 'Behsud', ...offset(14, 2) }),
    event({ source_id: 's-a2', date_start: '2021-09-03', iso3: 'AFG', admin2: 'Achin', ...offset(0, -40) }),
    event({ source_id: 's-c1', date_start: '2021-10-02', iso3: 'AFG', admin2: 'Chaparhar', ...offset(-10, -80) }),
    event({ source_id: 's-c2', date_start: '2021-09-01', iso3: 'AFG', admin2: 'Chaparhar', ...offset(-10, -80) }),
    event({ source_id: 's-d1', date_start: '2021-11-20', iso3: 'AFG', admin2: 'Dih Bala', ...offset(-60, -120) }),
    // Dated only to August 2021: it may fall before the period, so Kama is not new.
    event({ source_id: 's-e0', date_start: '2021-08-01', date_end: '2021-08-31', date_precision: 'month', iso3: 'AFG', admin2: 'Kama', ...offset(30, 30) }),
    event({ source_id: 's-e1', date_start: '2021-10-10', iso3: 'AFG', admin2: 'Kama', ...offset(30, 30) }),
  ];
  // Five attacks over four days within 10 km of Jalalabad; one in Kabul the same week; two near Jalalabad a month on.
  const scenario = [
    ['j1', '2022-10-08', offset(1, 1)], ['j2', '2022-10-09', offset(-6, 2)], ['j3', '2022-10-09', offset(4, -5)],
    ['j4', '2022-10-10', offset(8, 3)], ['j5', '2022-10-11', offset(-2, -7)],
    ['kabul', '2022-10-09', { lat: 34.528, lon: 69.172 }], ['late1', '2022-11-15', offset(0, 1)], ['late2', '2022-11-16', offset(1, 0)],
  ] as const;

  beforeAll(async () => {
    t = await openTestStore(make);
    await insertEvents(t, { name: 'civilians', format: 'acled' }, [...baseline2020, ...october2021]);
    await insertEvents(t, { name: 'spread', format: 'acled' }, spreadEvents);
    await insertEvents(t, { name: 'jalalabad', format: 'acled' }, scenario.map(([id, date, p]) =>
      event({ source_id: id, date_start: date, iso3: 'AFG', event_type: 'Explosions/Remote violence', fatalities_low: 2, ...p })));
  });
  afterAll(async () => t?.close());

  it('compares a period with a baseline in a sentence', async () => {
    const c = await compare(t.store, 'dataset:civilians civilian:yes', null, { measure: 'civilian_fatalities', period: '2021-10', baseline: '2020-01..2020-09' });
    const a = october2021.reduce((n, e) => n + e.civilian_fatalities_low!, 0);
    const b = baseline2020.filter((e) => e.date_start <= '2020-09-30').reduce((n, e) => n + e.civilian_fatalities_low!, 0);
    expect([c.a.value.low, c.b.value.low]).toEqual([a, b]);
    expect(c.change.absolute).toBe(a - b);
    expect(c.change.percent).toBeCloseTo((100 * (a - b)) / b, 1);
    expect(c.sentence).toBe(`Civilian deaths in October 2021 alone (${a}) exceeded those of the first nine months of 2020 (${b}).`);
  });

  it('compares two filters', async () => {
    const c = await compare(t.store, 'dataset:civilians date:2020', 'dataset:civilians date:2021', { measure: 'fatalities' });
    expect(c.a.value.low).toBe(9 + 12 + 7 + 50);
    expect(c.b.value.low).toBe(33);
    expect(c.sentence).toBe('Deaths in 2020 (78) exceeded those of 2021 (33).');
  });

  it('lists places new in the period, never calling a place new that may have been active before', async () => {
    const s = await spread(t.store, 'dataset:spread', { period: '2021-08-15..2021-12-31', baseline: '2021-01..2021-08-14', level: 'admin2' });
    expect(s.places).toEqual([
      { name: 'Chaparhar', level: 'admin2', country: 'Afghanistan', events: 2, first_date: '2021-09-01' },
      { name: 'Dih Bala', level: 'admin2', country: 'Afghanistan', events: 1, first_date: '2021-11-20' },
    ]);
    const cells = await spread(t.store, 'dataset:spread', { period: '2021-08-15..2021-12-31', baseline: '2021-01..2021-08-14', level: 'cell:25km' });
    expect(cells.places.map((p) => [p.events, p.first_date])).toEqual([[2, '2021-09-01'], [1, '2021-11-20']]);
    expect(cells.places[0]!.name).toMatch(/^25 km cell near /);
  });

  it('finds the Jalalabad cluster and names it', async () => {
    const c = await clusters(t.store, 'dataset:jalalabad', { km: 25, days: 3, min: 3 });
    expect(c.clusters).toHaveLength(1);
    const [x] = c.clusters;
    expect([x!.events, x!.start, x!.end, x!.fatalities.low]).toEqual([5, '2022-10-08', '2022-10-11', 10]);
    expect(x!.place?.name).toBe('Jalalabad');
    expect(x!.sentence).toBe('Five attacks in four days within 10 km of Jalalabad, 8–11 October 2022, 10 people killed');
    const loose = await clusters(t.store, 'dataset:jalalabad', { km: 25, days: 40, min: 2 });
    expect(loose.clusters.map((k) => k.events)).toEqual([7]);
    // Read from the point rollup by default; with ids from the events: the same clusters either way.
    const withIds = await clusters(t.store, 'dataset:jalalabad', { km: 25, days: 3, min: 3, ids: true });
    expect(x!.event_ids).toBeNull();
    expect(withIds.clusters.map(({ event_ids: _ids, ...k }) => k)).toEqual(c.clusters.map(({ event_ids: _ids, ...k }) => k));
    expect(withIds.clusters[0]!.event_ids).toHaveLength(5);
  });

  it('links the same groups through the grid as by comparing every pair', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    // Spread out, and dense around a few places (as real event data is), at several distances and day spans.
    const spreadOut = Array.from({ length: 500 }, () => ({ lat: 33 + random() * 3, lon: 68 + random() * 4, day: Math.floor(random() * 120) }));
    const towns = [[34.4, 70.4], [34.5, 69.2], [-33.9, 18.4], [64.1, -21.9]] as const;
    const dense = Array.from({ length: 500 }, (_, i) => {
      const [lat, lon] = towns[i % towns.length]!;
      return { lat: lat + (random() - 0.5) * 0.6, lon: lon + (random() - 0.5) * 0.9, day: Math.floor(random() * 30) };
    });
    for (const [points, km, days] of [[spreadOut, 20, 4], [dense, 5, 0], [dense, 12, 2], [spreadOut, 60, 10]] as const) {
      const parent = points.map((_, i) => i);
      const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
      for (let i = 0; i < points.length; i++)
        for (let j = i + 1; j < points.length; j++)
          if (Math.abs(points[i]!.day - points[j]!.day) <= days && haversineKm(points[i]!.lat, points[i]!.lon, points[j]!.lat, points[j]!.lon) <= km) parent[find(i)] = find(j);
      const brute = new Map<number, number[]>();
      points.forEach((_, i) => brute.set(find(i), [...(brute.get(find(i)) ?? []), i]));
      const norm = (gs: number[][]) => gs.map((g) => [...g].sort((a, b) => a - b).join(',')).sort();
      const grid = linkPoints(points, km, days);
      expect(grid.some((g) => g.length > 2)).toBe(true);
      expect(grid.length).toBeGreaterThan(1);
      expect(norm(grid)).toEqual(norm([...brute.values()]));
    }
  });

  it('prints a figure as JSON from the command line', async () => {
    const out: unknown[] = [];
    const ctx: CliContext = { store: async () => t.store, print: () => undefined, printJson: (v) => out.push(v), warn: () => undefined, interactive: false, fail: () => undefined };
    const program = new Command().exitOverride();
    registerFigure(program, ctx);
    await program.parseAsync(['node', 'groundtruth', 'figure', 'dataset:jalalabad date:2022-10', '--measure', 'events', '--json']);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ measure: 'events', events: 6, sentence: 'There were at least six attacks in October 2022.' });
  });
});
