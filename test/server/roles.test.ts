// Roles and membership decide every read and write; a stranger to a private investigation learns nothing of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/stores.js';
import { bearer, json, startServer, type TestServer } from './helpers.js';

describe.each(ENGINES)('roles and membership on $engine', ({ make }) => {
  let t: TestServer;
  const as: Record<string, Record<string, string>> = {};
  let incidentId = 0;
  beforeAll(async () => {
    t = await startServer(make);
    for (const name of ['admin', 'editor', 'analyst', 'viewer']) as[name] = await bearer(t.store, name);
    // The analyst opens a private investigation with one incident.
    const inv = await t.app.inject({ method: 'POST', url: '/api/investigations', headers: as.analyst, payload: { name: 'secret-op', title: 'A private investigation' } });
    expect(inv.statusCode).toBe(201);
    const inc = await t.app.inject({
      method: 'POST',
      url: '/api/investigations/secret-op/incidents',
      headers: as.analyst,
      payload: { date_start: '2025-10-03', country: 'Venezuela', iso3: 'VEN', lat: 11.2, lon: -66.1, casualties: { killed: { low: 4, high: 6 } }, summary: 'strike on a boat' },
    });
    expect(inc.statusCode).toBe(201);
    incidentId = json<{ id: number }>(inc).id;
  });
  afterAll(async () => t?.close());

  it('lets no viewer write, whatever it is', async () => {
    const inv = await t.app.inject({ method: 'POST', url: '/api/investigations', headers: as.viewer, payload: { name: 'viewer-op', title: 'No' } });
    expect(inv.statusCode).toBe(403);
    expect(json(inv).error).toBe('forbidden');
    expect((await t.app.inject({ method: 'POST', url: '/api/sightings', headers: as.viewer, payload: { asset_id: 1, seen_at: '2025-10-01', lat: 1, lon: 1, kind: 'report', source: 'x' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/imports', headers: as.viewer })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/imports', headers: as.analyst })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/audit/verify', headers: as.editor })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/audit/verify', headers: as.admin })).statusCode).toBe(200);
  });

  it('answers 404 to a non-member for everything in a private investigation, reads and writes alike', async () => {
    const probes = [
      { method: 'GET', url: '/api/investigations/secret-op' },
      { method: 'GET', url: '/api/investigations/secret-op/incidents' },
      { method: 'GET', url: '/api/investigations/secret-op/sources' },
      { method: 'GET', url: `/api/incidents/${incidentId}` },
      { method: 'POST', url: '/api/investigations/secret-op/incidents', payload: { date_start: '2025-10-04' } },
      { method: 'PATCH', url: `/api/incidents/${incidentId}`, payload: { version: 1, summary: 'x' } },
      { method: 'PUT', url: '/api/investigations/secret-op/members/editor', payload: { role: 'owner' } },
    ] as const;
    for (const p of probes) {
      const res = await t.app.inject({ ...p, headers: as.editor });
      expect(res.statusCode, `${p.method} ${p.url}`).toBe(404);
    }
    // Same answer as for an investigation that does not exist.
    const missing = await t.app.inject({ url: '/api/investigations/no-such-op/incidents', headers: as.editor });
    expect(missing.statusCode).toBe(404);
    expect(json(missing).message).toMatch(/^investigation no-such-op not found$/);
    expect(json(await t.app.inject({ url: '/api/investigations/secret-op/incidents', headers: as.editor })).message).toBe('investigation secret-op not found');
    expect(json(await t.app.inject({ url: '/api/investigations', headers: as.editor }))).toEqual([]);
    const admin = await t.app.inject({ url: `/api/incidents/${incidentId}`, headers: as.admin });
    expect(admin.statusCode).toBe(200);
  });

  it('lets a viewing member read but not write, and an editing member edit with the version it read', async () => {
    expect((await t.app.inject({ method: 'PUT', url: '/api/investigations/secret-op/members/viewer', headers: as.analyst, payload: { role: 'editor' } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/incidents/${incidentId}`, headers: as.viewer })).statusCode).toBe(200);
    // A viewer stays a reader even as an editing member.
    const denied = await t.app.inject({ method: 'PATCH', url: `/api/incidents/${incidentId}`, headers: as.viewer, payload: { version: 1, summary: 'x' } });
    expect(denied.statusCode).toBe(403);

    expect((await t.app.inject({ method: 'PUT', url: '/api/investigations/secret-op/members/editor', headers: as.analyst, payload: { role: 'editor' } })).statusCode).toBe(200);
    const first = await t.app.inject({ method: 'PATCH', url: `/api/incidents/${incidentId}`, headers: as.editor, payload: { version: 1, summary: 'strike on a go-fast boat' } });
    expect(first.statusCode).toBe(200);
    expect(json(first)).toMatchObject({ version: 2, summary: 'strike on a go-fast boat' });
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/incidents/${incidentId}`, headers: as.analyst, payload: { version: 1, summary: 'an older view' } });
    expect(stale.statusCode).toBe(409);
    expect(json(stale)).toMatchObject({ error: 'conflict', expected: 1, actual: 2 });
    const badMove = await t.app.inject({ method: 'POST', url: `/api/incidents/${incidentId}/status`, headers: as.editor, payload: { status: 'verified', version: 2 } });
    expect(badMove.statusCode).toBe(422);
    const audit = json<{ entity: string; actor: string }[]>(await t.app.inject({ url: '/api/audit?investigation=secret-op', headers: as.editor }));
    expect(audit.some((e) => e.entity === 'incident' && e.actor === 'editor')).toBe(true);
    // Members removed again: the editor is a stranger once more.
    expect((await t.app.inject({ method: 'DELETE', url: '/api/investigations/secret-op/members/editor', headers: as.analyst })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/investigations/secret-op/members/viewer', headers: as.analyst })).statusCode).toBe(204);
    expect(json<unknown[]>(await t.app.inject({ url: '/api/audit?investigation=secret-op', headers: as.editor }))).toEqual([]);
  });

  it('keeps a private investigation’s incidents out of events, datasets and figures for non-members', async () => {
    const mine = json<{ total: number }>(await t.app.inject({ url: '/api/events?q=country:VEN', headers: as.analyst }));
    expect(mine.total).toBe(1);
    const theirs = json<{ total: number }>(await t.app.inject({ url: '/api/events?q=country:VEN', headers: as.editor }));
    expect(theirs.total).toBe(0);
    expect((await t.app.inject({ url: `/api/events/${incidentId}`, headers: as.editor })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/events/${incidentId}/history`, headers: as.editor })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/events/${incidentId}/history`, headers: as.analyst })).statusCode).toBe(200);
    const datasets = json<{ name: string }[]>(await t.app.inject({ url: '/api/datasets', headers: as.editor }));
    expect(datasets.map((d) => d.name)).not.toContain('secret-op');

    expect(json<{ value: { low: number } }>(await t.app.inject({ url: '/api/figure?q=country:VEN', headers: as.analyst })).value.low).toBe(4);
    // A non-member's figure leaves the incident out (test/server/scope.test.ts has the rest).
    const scoped = await t.app.inject({ url: '/api/figure?q=country:VEN', headers: as.editor });
    expect(scoped.statusCode).toBe(200);
    expect(json<{ value: { low: number } }>(scoped).value.low).toBe(0);
    expect(scoped.body).not.toContain('secret-op');
    expect(json<{ total: { events: number } }>(await t.app.inject({ url: '/api/breakdown?q=country:VEN&by=month', headers: as.editor })).total.events).toBe(0);
    // A misspelt name is never completed with a hidden investigation's.
    const typo = await t.app.inject({ url: '/api/figure?q=investigation:secret-o', headers: as.editor });
    expect(typo.statusCode).toBe(400);
    expect(typo.body).not.toContain('secret-op');
    const typoAdmin = await t.app.inject({ url: '/api/figure?q=investigation:secret-o', headers: as.admin });
    expect(typoAdmin.body).toContain('secret-op');
  });
});
