// Analyses answer over what the reader may read: incidents of investigations they are not a member of
// are left out of the count (and said so), never refused, never named, never counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/stores.js';
import { bearer, json, startServer, type TestServer } from './helpers.js';

interface FigureJson {
  value: { low: number; high: number };
  events: number;
  datasets: { name: string }[];
  description: string;
  scope: string | null;
}

describe.each(ENGINES)('analysis scoped to the reader on $engine', ({ make }) => {
  let t: TestServer;
  const as: Record<string, Record<string, string>> = {};
  const incident = (who: string, investigation: string, killed: { low: number; high: number }, date: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/investigations/${investigation}/incidents`,
      headers: as[who],
      payload: { date_start: date, country: 'Venezuela', iso3: 'VEN', lat: 11.2, lon: -66.1, casualties: { killed }, summary: 'strike on a boat' },
    });

  beforeAll(async () => {
    t = await startServer(make);
    for (const name of ['admin', 'editor', 'analyst', 'viewer']) as[name] = await bearer(t.store, name);
    // The analyst's private investigation: 17 to 23 killed, in October.
    expect((await t.app.inject({ method: 'POST', url: '/api/investigations', headers: as.analyst, payload: { name: 'hidden-op', title: 'Private' } })).statusCode).toBe(201);
    expect((await incident('analyst', 'hidden-op', { low: 17, high: 23 }, '2025-10-03')).statusCode).toBe(201);
    // The editor's: 2 killed, in November; the viewer reads it as a member.
    expect((await t.app.inject({ method: 'POST', url: '/api/investigations', headers: as.editor, payload: { name: 'shared-op', title: 'Shared' } })).statusCode).toBe(201);
    expect((await incident('editor', 'shared-op', { low: 2, high: 2 }, '2025-11-12')).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'PUT', url: '/api/investigations/shared-op/members/viewer', headers: as.editor, payload: { role: 'viewer' } })).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  const figureAs = async (who: string, q: string) => {
    const res = await t.app.inject({ url: `/api/figure?q=${encodeURIComponent(q)}`, headers: as[who] });
    expect(res.statusCode).toBe(200);
    return { f: json<FigureJson>(res), body: res.body };
  };

  it('counts everything for an admin, and only what each reader may read for the others', async () => {
    const admin = (await figureAs('admin', 'country:VEN')).f;
    expect(admin.value).toMatchObject({ low: 19, high: 25 });
    expect(admin.scope).toBeNull();
    expect(admin.datasets.map((d) => d.name).sort()).toEqual(['hidden-op', 'shared-op']);

    const owner = (await figureAs('analyst', 'country:VEN')).f;
    expect(owner.value).toMatchObject({ low: 17, high: 23 });
    expect(owner.datasets.map((d) => d.name)).toEqual(['hidden-op']);

    for (const who of ['editor', 'viewer']) {
      const { f, body } = await figureAs(who, 'country:VEN');
      expect(f.value).toMatchObject({ low: 2, high: 2 });
      expect(f.events).toBe(1);
      expect(f.datasets.map((d) => d.name)).toEqual(['shared-op']);
      // Said in the provenance, without a name or a number of what was left out.
      expect(f.scope).toMatch(/not a member of are left out/);
      expect(f.description).toContain(f.scope!);
      expect(body).not.toContain('hidden-op');
      expect(body).not.toMatch(/\b(17|19|23|25)\b/);
    }
  });

  it('scopes breakdowns, comparisons, spread and clusters alike', async () => {
    const byDataset = await t.app.inject({ url: '/api/breakdown?q=country:VEN&by=dataset&measure=fatalities', headers: as.editor });
    expect(byDataset.statusCode).toBe(200);
    const b = json<{ rows: { label: string; value: { low: number } }[]; total: { value: { low: number } }; scope: string }>(byDataset);
    expect(b.rows.map((r) => r.label)).toEqual(['shared-op']);
    expect(b.total.value.low).toBe(2);
    expect(b.scope).toMatch(/left out/);
    expect(byDataset.body).not.toContain('hidden-op');
    expect(json<{ rows: unknown[] }>(await t.app.inject({ url: '/api/breakdown?q=country:VEN&by=dataset', headers: as.admin })).rows).toHaveLength(2);

    const cmp = await t.app.inject({ url: '/api/compare?a=country:VEN%20date:2025-10&b=country:VEN%20date:2025-11', headers: as.editor });
    expect(cmp.statusCode).toBe(200);
    const c = json<{ a: FigureJson; b: FigureJson; scope: string }>(cmp);
    expect([c.a.value.low, c.b.value.low]).toEqual([0, 2]);
    expect(c.a.scope).toMatch(/left out/);
    expect(cmp.body).not.toContain('hidden-op');

    const spread = await t.app.inject({ url: '/api/spread?q=country:VEN&period=2025-10..2025-12&baseline=2020..2025-09&level=admin1', headers: as.editor });
    expect(spread.statusCode).toBe(200);
    expect(spread.body).not.toContain('hidden-op');
    const clusters = await t.app.inject({ url: '/api/clusters?q=country:VEN&min=1&days=60', headers: as.editor });
    expect(clusters.statusCode).toBe(200);
    const cl = json<{ clusters: { events: number }[] }>(clusters);
    expect(cl.clusters.reduce((n, x) => n + x.events, 0)).toBe(1);
  });

  it('knows no hidden investigation by name: asked for, it is unknown; misspelt, it is never suggested', async () => {
    // Answered exactly as a name that does not exist is.
    for (const field of ['investigation', 'dataset']) {
      const res = await t.app.inject({ url: `/api/figure?q=${field}:hidden-op`, headers: as.editor });
      expect(res.statusCode).toBe(400);
      expect(json<{ reason: string; suggestions: string[] }>(res)).toMatchObject({ reason: `unknown ${field} "hidden-op"`, suggestions: [] });
    }
    const typo = await t.app.inject({ url: '/api/figure?q=investigation:hidden-o', headers: as.editor });
    expect(typo.statusCode).toBe(400);
    expect(typo.body).not.toContain('hidden-op');
    // Members and admins name it.
    expect((await figureAs('analyst', 'investigation:hidden-op')).f.value.low).toBe(17);
    expect((await figureAs('admin', 'investigation:hidden-op')).f.value.low).toBe(17);
    expect((await t.app.inject({ url: '/api/figure?q=investigation:hidden-o', headers: as.admin })).body).toContain('hidden-op');
  });

  it('follows membership at once: a new member counts what they may now read, a removed one no longer', async () => {
    expect((await figureAs('editor', 'country:VEN')).f.value.low).toBe(2);
    expect((await t.app.inject({ method: 'PUT', url: '/api/investigations/hidden-op/members/editor', headers: as.analyst, payload: { role: 'viewer' } })).statusCode).toBe(200);
    expect((await figureAs('editor', 'country:VEN')).f.value.low).toBe(19);
    expect((await figureAs('viewer', 'country:VEN')).f.value.low).toBe(2);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/investigations/hidden-op/members/editor', headers: as.analyst })).statusCode).toBe(204);
    expect((await figureAs('editor', 'country:VEN')).f.value.low).toBe(2);
  });
});
