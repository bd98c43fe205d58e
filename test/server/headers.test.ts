// Security headers, the web app's pages, and the OpenAPI document.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteLocation, tempDir } from '../helpers/stores.js';
import { bearer, json, startServer, type TestServer } from './helpers.js';

describe('headers, pages and the API document', () => {
  let t: TestServer;
  let auth: Record<string, string>;
  beforeAll(async () => {
    const web = tempDir('groundtruth-web-');
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Groundtruth</title><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log("desk")');
    writeFileSync(join(web, 'assets', 'index-DqbN_j7y.js'), 'console.log("built")');
    t = await startServer(sqliteLocation, { staticDir: web });
    auth = await bearer(t.store, 'viewer');
  });
  afterAll(async () => t?.close());

  it('sends a strict policy everywhere but published embeds', async () => {
    for (const url of ['/api/health', '/', '/api/figure']) {
      const res = await t.app.inject(url);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).not.toMatch(/https?:/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    expect((await t.app.inject({ url: '/api/me', headers: auth })).headers['cache-control']).toBe('no-store');
    const embed = await t.app.inject('/embed/nothing-here');
    expect(String(embed.headers['content-security-policy'])).toContain('frame-ancestors *');
    expect(embed.headers['x-frame-options']).toBeUndefined();
    expect(embed.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the app, and its index for the pages it routes itself', async () => {
    const index = await t.app.inject('/');
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toContain('text/html');
    expect((await t.app.inject('/assets/app.js')).body).toContain('desk');
    const page = await t.app.inject('/investigations/boats?tab=incidents');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Groundtruth</title>');
    expect((await t.app.inject('/assets/missing.js')).statusCode).toBe(404);
    // Built files named after their content are kept by the browser; the rest is asked again.
    expect((await t.app.inject('/assets/index-DqbN_j7y.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await t.app.inject('/assets/app.js')).headers['cache-control']).not.toContain('immutable');
    expect(index.headers['cache-control']).not.toContain('immutable');
    const api = await t.app.inject({ url: '/api/no-such-thing', headers: auth });
    expect(api.statusCode).toBe(404);
    expect(json(api).error).toBe('not_found');
  });

  it('documents every endpoint in OpenAPI 3.1, with parameters from the validating schemas', async () => {
    const doc = json<{ openapi: string; paths: Record<string, Record<string, { parameters?: { name: string; in: string; required: boolean }[]; responses: Record<string, unknown>; tags: string[] }>> }>(await t.app.inject('/api/openapi.json'));
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths).flatMap(([p, o]) => Object.keys(o).map((m) => `${m.toUpperCase()} ${p}`));
    for (const expected of [
      'GET /api/events', 'GET /api/events/{id}', 'GET /api/events/{id}/history', 'GET /api/datasets', 'GET /api/figure', 'GET /api/breakdown',
      'GET /api/compare', 'GET /api/spread', 'GET /api/clusters', 'GET /api/investigations', 'POST /api/investigations',
      'GET /api/investigations/{name}/incidents', 'PATCH /api/incidents/{id}', 'POST /api/evidence', 'GET /api/evidence/{id}/file',
      'GET /api/audit', 'GET /api/sightings', 'GET /api/buildup', 'POST /api/imports', 'GET /api/imports/{id}', 'POST /api/login', 'GET /api/me',
      'GET /api/chart', 'GET /api/chart.{format}', 'GET /api/map', 'GET /api/map.{format}', 'POST /api/embeds', 'GET /embed/{id}',
    ]) expect(ops).toContain(expected);
    const figure = doc.paths['/api/figure']!.get!;
    expect(figure.parameters!.map((p) => p.name).sort()).toEqual(['explain', 'ids', 'measure', 'q']);
    expect(figure.responses).toHaveProperty('200');
    expect(figure.responses).toHaveProperty('400');
    expect(figure.responses).toHaveProperty('401');
    const patch = doc.paths['/api/incidents/{id}']!.patch!;
    expect(patch.parameters!.find((p) => p.name === 'id')).toMatchObject({ in: 'path', required: true });
    expect(patch.responses).toHaveProperty('409');
    for (const [path, o] of Object.entries(doc.paths)) for (const [m, op] of Object.entries(o)) expect(op.tags.length, `${m} ${path}`).toBeGreaterThan(0);
  });
});
