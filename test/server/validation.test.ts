// Bad input answers 4xx with a message naming the field, never 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteLocation } from '../helpers/stores.js';
import { bearer, json, startServer, type TestServer } from './helpers.js';

describe('validation', () => {
  let t: TestServer;
  let auth: Record<string, string>;
  beforeAll(async () => {
    t = await startServer(sqliteLocation);
    auth = await bearer(t.store, 'admin');
    await t.app.inject({ method: 'POST', url: '/api/investigations', headers: auth, payload: { name: 'checks', title: 'Checks' } });
  });
  afterAll(async () => t?.close());

  const get = (url: string) => t.app.inject({ url, headers: auth });

  it('answers a bad filter with 400 and the filter with a caret under the fault', async () => {
    const res = await get(`/api/figure?q=${encodeURIComponent('country:AFG contry:Syria')}`);
    expect(res.statusCode).toBe(400);
    const body = json<{ error: string; message: string; field: string; start: number; suggestions: string[] }>(res);
    expect(body).toMatchObject({ error: 'filter', field: 'q', start: 12, suggestions: ['country'] });
    expect(body.message).toBe('unknown field "contry":\n  country:AFG contry:Syria\n              ^^^^^^\ndid you mean "country"?');
    for (const url of ['/api/events?q=date:2021-13', '/api/breakdown?by=month&q=actor:', '/api/spread?q=(&period=2021&baseline=2020', '/api/clusters?q=country:Atlantis']) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(400);
      expect(json<{ message: string }>(r).message, url).toContain('^');
    }
  });

  it('names the field of a bad measure, a bad number, an unknown parameter', async () => {
    const measure = await get('/api/figure?measure=deaths');
    expect(measure.statusCode).toBe(400);
    expect(json(measure)).toMatchObject({ field: 'measure', message: 'query parameter "measure": must be one of events, fatalities, civilian_fatalities, units' });
    expect(json(await get('/api/events?limit=lots'))).toMatchObject({ field: 'limit', message: 'query parameter "limit": must be integer' });
    expect(json(await get('/api/events?limit=5000'))).toMatchObject({ field: 'limit' });
    expect(json(await get('/api/events?sort=size'))).toMatchObject({ field: 'sort' });
    expect(json(await get('/api/figure?measure=events&qq=country:AFG'))).toMatchObject({ field: 'qq', message: 'query parameter "qq": is not known here' });
    expect(json(await get('/api/breakdown?q='))).toMatchObject({ field: 'by', message: 'query parameter "by": is required' });
    expect(json(await get('/api/breakdown?by=colour'))).toMatchObject({ field: 'by' });
    expect(json(await get('/api/breakdown?by=month,week'))).toMatchObject({ field: 'by' });
    expect(json(await get('/api/incidents/abc'))).toMatchObject({ field: 'id', message: 'path parameter "id": must be integer' });
    expect(json(await get('/api/compare?a=country:AFG'))).toMatchObject({ field: 'b' });
    expect(json(await get('/api/compare?q=country:AFG&period=2021'))).toMatchObject({ field: 'baseline' });
    expect(json(await get('/api/spread?period=2021'))).toMatchObject({ field: 'baseline' });
    expect(json(await get('/api/buildup?region=../../etc/passwd'))).toMatchObject({ field: 'region' });
    expect((await get('/api/buildup?region=bbox:1,2,3')).statusCode).toBe(400);
  });

  it('checks bodies against the model: types, unknown fields, rules, malformed JSON', async () => {
    const post = (payload: unknown) => t.app.inject({ method: 'POST', url: '/api/investigations/checks/incidents', headers: auth, payload: payload as object });
    expect(json(await post({}))).toMatchObject({ field: 'date_start', message: 'body field "date_start": is required' });
    expect(json(await post({ date_start: '2025-09-02', colour: 'red' }))).toMatchObject({ field: 'colour' });
    expect(json(await post({ date_start: '2025-09-02', lat: '11.2' }))).toMatchObject({ field: 'lat' });
    expect(json(await post({ date_start: '2025-09-02', grade: 'excellent' }))).toMatchObject({ field: 'grade' });
    // What JSON Schema cannot say, the library's own schema does: a range whose low is above its high.
    const range = await post({ date_start: '2025-09-02', casualties: { killed: { low: 5, high: 2 } } });
    expect(range.statusCode).toBe(400);
    expect(json(range).message).toContain('low above high');
    expect((await post({ date_start: '2025-02-30' })).statusCode).toBe(400);
    const broken = await t.app.inject({ method: 'POST', url: '/api/investigations', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"name": "x",' });
    expect(broken.statusCode).toBe(400);
    const form = await t.app.inject({ method: 'POST', url: '/api/investigations', headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=x' });
    expect(form.statusCode).toBe(415);
    const dup = await t.app.inject({ method: 'POST', url: '/api/investigations', headers: auth, payload: { name: 'checks', title: 'Again' } });
    expect(dup.statusCode).toBe(422);
    expect(json(await t.app.inject({ method: 'POST', url: '/api/investigations', headers: auth, payload: { name: 'Not A Slug', title: 'x' } }))).toMatchObject({ field: 'name' });
  });
});

describe('unexpected errors', () => {
  it('answer 500 with no stack or detail, and are logged', async () => {
    const logged: string[] = [];
    const t = await startServer(sqliteLocation, { logger: { level: 'error', stream: { write: (line: string) => logged.push(line) } } });
    try {
      const auth = await bearer(t.store, 'admin');
      // The store goes away under the server: nothing the request did wrong.
      const raw = (t.store as unknown as { raw: { close(): void } }).raw;
      const token = auth.authorization!;
      const res0 = await t.app.inject({ url: '/api/me', headers: { authorization: token } });
      expect(res0.statusCode).toBe(200);
      raw.close();
      const res = await t.app.inject({ url: '/api/health' });
      expect(res.statusCode).toBe(200);
      const broken = await t.app.inject({ url: '/api/datasets', headers: { authorization: token } });
      expect(broken.statusCode).toBe(500);
      expect(json(broken)).toEqual({ error: 'internal', message: 'internal error: the server logged it' });
      expect(broken.body).not.toContain('at ');
      const entry = JSON.parse(logged.find((l) => l.includes('unexpected error'))!) as { err: { stack: string }; reqId: string };
      expect(entry.err.stack).toContain('Error');
    } finally {
      await t.app.close();
      await t.where.cleanup();
    }
  });
});
