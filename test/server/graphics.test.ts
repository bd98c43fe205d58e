// Charts, maps and published embeds: drawn from the same analysis, in every format, framable only when published.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOATS_CSV, BOATS_MAPPING, importMapped, UCDP_CSV, UCDP_MAPPING } from '../analysis/stores.js';
import { sqliteLocation } from '../helpers/stores.js';
import { bearer, json, startServer, type TestServer } from './helpers.js';

describe('graphics', () => {
  let t: TestServer;
  const as: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    t = await startServer(sqliteLocation);
    const ts = { store: t.store, where: t.where, close: async () => undefined };
    await importMapped(ts, BOATS_CSV, BOATS_MAPPING);
    await importMapped(ts, UCDP_CSV, UCDP_MAPPING);
    for (const name of ['editor', 'viewer']) as[name] = await bearer(t.store, name);
  });
  afterAll(async () => t?.close());

  it('draws a chart in every format, the same at /api/chart.svg and /api/chart?format=svg', async () => {
    const q = encodeURIComponent('country:AFG date:2010..2012');
    const svg = await t.app.inject({ url: `/api/chart.svg?q=${q}&by=month&measure=fatalities`, headers: as.viewer });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(svg.body).toMatch(/^<svg/);
    expect(svg.body).toContain('UCDP');
    const same = await t.app.inject({ url: `/api/chart?q=${q}&by=month&measure=fatalities&format=svg`, headers: as.viewer });
    expect(same.body).toBe(svg.body);
    const png = await t.app.inject({ url: `/api/chart.png?q=${q}&by=year&kind=line`, headers: as.viewer });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const html = await t.app.inject({ url: `/api/chart.html?q=${q}&by=admin1&type=ranked&download=true`, headers: as.viewer });
    expect(html.body).toContain('<!doctype html>');
    expect(String(html.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
    expect(html.headers['content-disposition']).toMatch(/^attachment; filename=".+\.html"$/);
    const spec = await t.app.inject({ url: `/api/chart.vl.json?q=${q}&by=month`, headers: as.viewer });
    expect(json<{ $schema: string }>(spec).$schema).toContain('vega-lite');
    const csv = await t.app.inject({ url: `/api/chart.csv?q=${q}&by=year`, headers: as.viewer });
    expect(csv.body.split('\n')[0]).toMatch(/year|Year/);
    const stacked = await t.app.inject({ url: `/api/chart.svg?q=${q}&by=year,admin1&kind=stacked`, headers: as.viewer });
    expect(stacked.statusCode).toBe(200);
  });

  it('refuses what it cannot draw with 400', async () => {
    for (const [url, field] of [
      ['/api/chart.svg?by=colour', 'by'],
      ['/api/chart.svg?by=month&kind=pie', 'kind'],
      ['/api/chart.svg?by=month&kind=stacked', 'by'],
      ['/api/chart.gif', 'format'],
      ['/api/chart.svg?kind=bar&type=line', 'type'],
      ['/api/map.vl.json?q=country:AFG', 'format'],
    ] as const) {
      const res = await t.app.inject({ url, headers: as.viewer });
      expect(res.statusCode, url).toBe(400);
      expect(json(res).field, url).toBe(field);
    }
    const empty = await t.app.inject({ url: '/api/chart.svg?q=country:FRA&by=month', headers: as.viewer });
    expect(empty.statusCode).toBe(400);
  });

  it('draws maps: points, hex bins and a choropleth of Afghan provinces', async () => {
    for (const url of ['/api/map.svg?q=dataset:us-boat-strikes-2025', '/api/map.svg?q=country:AFG&kind=hexbin&measure=events', '/api/map.svg?q=country:AFG&kind=choropleth&by=admin1']) {
      const res = await t.app.inject({ url, headers: as.viewer });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.body).toMatch(/^<svg/);
      expect(res.body).toContain('Natural Earth');
    }
  });

  it('publishes an embed that any page may frame, and only editors publish', async () => {
    const payload = { graphic: 'chart', q: 'country:AFG date:2010..2012', by: 'year', title: 'Deaths in Afghanistan, 2010–12' };
    expect((await t.app.inject({ method: 'POST', url: '/api/embeds', headers: as.viewer, payload })).statusCode).toBe(403);
    const made = await t.app.inject({ method: 'POST', url: '/api/embeds', headers: as.editor, payload });
    expect(made.statusCode).toBe(201);
    const e = json<{ id: string; url: string; snippet: string; title: string }>(made);
    expect(e.url).toMatch(new RegExp(`/embed/${e.id}$`));
    expect(e.snippet).toContain('<iframe');
    const page = await t.app.inject(`/embed/${e.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Deaths in Afghanistan, 2010–12');
    expect(String(page.headers['content-security-policy'])).toContain('frame-ancestors *');
    expect(page.headers['x-frame-options']).toBeUndefined();
    expect(json<{ id: string }[]>(await t.app.inject({ url: '/api/embeds', headers: as.viewer })).map((x) => x.id)).toContain(e.id);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/embeds/${e.id}`, headers: as.editor })).statusCode).toBe(204);
    expect((await t.app.inject(`/embed/${e.id}`)).statusCode).toBe(404);
  });
});
