import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBoatStrikesDemo, readStrikeRows } from '../../src/ingest/boat-strikes-demo.js';
import { verifyAudit } from '../../src/store/desk/audit.js';
import { listIncidents } from '../../src/store/desk/incidents.js';
import { deskFixture, STRIKES_CSV, type DeskFixture } from './helpers.js';

describe('the boat-strikes demo investigation', () => {
  let f: DeskFixture;
  beforeAll(async () => {
    f = await deskFixture();
    await buildBoatStrikesDemo(f.alice, f.store.db, { file: STRIKES_CSV });
  });
  afterAll(() => f.close());

  const figures = async (area?: string) => {
    let q = f.store.db
      .selectFrom('events as e')
      .innerJoin('datasets as d', 'd.id', 'e.dataset_id')
      .select((eb) => [
        eb.fn.countAll().as('incidents'),
        eb.fn.sum<number>('e.event_count').as('strikes'),
        eb.fn.sum<number>('e.units_high').as('vessels'),
        eb.fn.sum<number>('e.fatalities_low').as('killed_low'),
        eb.fn.sum<number>('e.fatalities_high').as('killed_high'),
      ])
      .where('d.name', '=', 'boat-strikes')
      .where('e.date_start', '>=', '2025-09-02')
      .where('e.date_end', '<=', '2025-12-04');
    if (area) q = q.where('e.admin1', '=', area);
    const r = await q.executeTakeFirstOrThrow();
    return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)]));
  };

  it('holds one incident per row, as events of the desk dataset', async () => {
    const rows = await readStrikeRows(STRIKES_CSV);
    const incidents = await listIncidents(f.alice, f.store.db, 'boat-strikes');
    expect(incidents).toHaveLength(rows.length);
    const ds = await f.store.db.selectFrom('datasets').selectAll().where('name', '=', 'boat-strikes').executeTakeFirstOrThrow();
    expect(ds.format).toBe('desk');
  });

  it('reproduces the published figures for 2 Sep – 4 Dec 2025', async () => {
    expect(await figures()).toEqual({ incidents: 19, strikes: 22, vessels: 23, killed_low: 86, killed_high: 87 });
    expect(await figures('Caribbean')).toMatchObject({ strikes: 11, vessels: 11, killed_low: 48 });
    expect(await figures('Eastern Pacific')).toMatchObject({ strikes: 11, vessels: 12, killed_low: 38 });
  });

  it('feeds the rollups the dashboards read, as an import would', async () => {
    const r = await sql<{ events: number; units: number; killed: number }>`select sum(r.events) as events, sum(r.units_high) as units, sum(r.fatalities_low) as killed
      from rollup_days r join datasets d on d.id = r.dataset_id
      where d.name = 'boat-strikes' and r.date_start >= '2025-09-02' and r.date_start <= '2025-12-04'`.execute(f.store.db);
    expect(Object.values(r.rows[0]!).map(Number)).toEqual([22, 23, 86]);
  });

  it('keeps the 27 October row as three strikes on four vessels, with the missing survivor as the high end', async () => {
    const i = (await listIncidents(f.alice, f.store.db, 'boat-strikes')).find((x) => x.ref === 'strike-2025-10-27')!;
    expect(i.strikes).toBe(3);
    expect(i.units.count).toEqual({ low: 4, high: 4 });
    expect(i.units.descriptions).toHaveLength(4);
    expect(i.casualties.killed).toEqual({ low: 14, high: 15 });
    expect(i.casualties.survivors).toEqual({ low: 1, high: 1 });
    expect(i.casualties.missing_presumed_dead).toEqual({ low: 1, high: 1 });
    expect(i.disputes.map((d) => d.topic).sort()).toEqual(['location', 'units']);
    expect(i.status).toBe('disputed');
    expect(i.grade).toBe('confirmed');
    expect(i.extra).toMatchObject({ strike_no: '11-13', cumulative_killed: 57 });
  });

  it('draws disputes, sources, grades and statuses from the file', async () => {
    const incidents = await listIncidents(f.alice, f.store.db, 'boat-strikes');
    const byDate = new Map(incidents.map((i) => [i.date_start, i]));
    const sep15 = byDate.get('2025-09-15')!;
    const location = sep15.disputes.find((d) => d.topic === 'location')!;
    expect(location.claims).toHaveLength(2);
    expect(location.claims.every((c) => c.source_id !== null)).toBe(true);
    expect(byDate.get('2025-11-10')!.disputes.find((d) => d.topic === 'date')!.claims).toHaveLength(3);
    expect(byDate.get('2025-12-04')!.disputes.map((d) => d.topic)).toContain('running total');
    expect(byDate.get('2025-12-04')!.status).toBe('verified');
    const sep02 = byDate.get('2025-09-02')!;
    expect(sep02.sources.map((s) => s.role)).toEqual(expect.arrayContaining(['announcement', 'report', 'corroboration']));
    expect(sep02.sources.find((s) => s.role === 'report')!.url).toBe('https://www.justsecurity.org/124002/timeline-vessel-strikes-related-actions/page/3');
    const excerpts = incidents.filter((i) => (i.extra as { evidence?: string }).evidence === 'excerpt');
    expect(excerpts.length).toBeGreaterThan(0);
    expect(new Set(excerpts.map((i) => i.grade))).toEqual(new Set(['weak']));
    expect(new Set(excerpts.map((i) => i.status))).toEqual(new Set(['unverified']));
    // A URL cited by two rows is one source linked to both incidents.
    const latin = incidents.filter((i) => i.sources.some((s) => s.url === 'https://www.latintimes.com/death-toll-strikes-against-alleged-drug-boats-now-stands-115-593150'));
    expect(latin.map((i) => i.date_start).sort()).toEqual(['2025-12-30', '2025-12-31']);
    expect(new Set(latin.flatMap((i) => i.sources.filter((s) => s.url?.includes('latintimes')).map((s) => s.source_id))).size).toBe(1);
  });

  it('changes nothing when run again', async () => {
    const counts = async () => {
      const out: Record<string, number> = {};
      for (const t of ['events', 'event_revisions', 'incidents', 'sources', 'incident_sources', 'disputes', 'dispute_claims', 'audit_log'] as const) {
        const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(f.store.db);
        out[t] = Number(r.rows[0]!.n);
      }
      return out;
    };
    const before = await counts();
    const second = await buildBoatStrikesDemo(f.alice, f.store.db, { file: STRIKES_CSV });
    expect(second.created).toBe(0);
    expect(second.updated).toBe(0);
    expect(second.disputes).toBe(0);
    expect(await counts()).toEqual(before);
    expect((await verifyAudit(f.alice, f.store.db)).ok).toBe(true);
  });
});
