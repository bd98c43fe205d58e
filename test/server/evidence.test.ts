// Evidence through the API: streamed upload into the content-addressed store, download with its hash.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoWithGps } from '../evidence/photo.js';
import { ENGINES } from '../helpers/stores.js';
import { bearer, json, multipart, startServer, type TestServer } from './helpers.js';

describe.each(ENGINES)('evidence on $engine', ({ make }) => {
  let t: TestServer;
  const as: Record<string, Record<string, string>> = {};
  let incident = 0;
  const photo = photoWithGps({ lat: 11.52, lon: -66.07, takenLocal: '2025:10:03 14:05:00', gpsDate: '2025:10:03', gpsTime: [18, 5, 0] });
  const sha = createHash('sha256').update(photo).digest('hex');

  beforeAll(async () => {
    t = await startServer(make);
    for (const name of ['editor', 'viewer', 'analyst']) as[name] = await bearer(t.store, name);
    await t.app.inject({ method: 'POST', url: '/api/investigations', headers: as.editor, payload: { name: 'boats', title: 'Boat strikes' } });
    await t.app.inject({ method: 'PUT', url: '/api/investigations/boats/members/viewer', headers: as.editor, payload: { role: 'viewer' } });
    incident = json<{ id: number }>(await t.app.inject({ method: 'POST', url: '/api/investigations/boats/incidents', headers: as.editor, payload: { date_start: '2025-10-03' } })).id;
  });
  afterAll(async () => t?.close());

  const upload = (who: string, fields: Record<string, string>, name = 'strike.jpg', content: Buffer = photo) => {
    const body = multipart(fields, { name, content });
    return t.app.inject({ method: 'POST', url: '/api/evidence', headers: { ...as[who], ...body.headers }, payload: body.payload });
  };

  it('stores an upload by its hash, with metadata and custody, once', async () => {
    const res = await upload('editor', { incident: String(incident), origin_url: 'https://example.org/post/1' });
    expect(res.statusCode).toBe(201);
    const e = json<{ id: number; hash: string; size: number; mime: string; original_name: string; incidents: number[]; metadata: { lat: number; status: string } }>(res);
    expect(e).toMatchObject({ hash: `SHA-256:${sha}`, size: photo.length, mime: 'image/jpeg', original_name: 'strike.jpg', incidents: [incident] });
    expect(e.metadata.status).toBe('extracted');
    expect(e.metadata.lat).toBeCloseTo(11.52, 3);
    expect(await t.app.gt.blobs().has(sha)).toBe(true);
    const again = await upload('editor', { investigation: 'boats' }, 'copy.jpg');
    expect(again.statusCode).toBe(200);
    expect(json(again)).toMatchObject({ id: e.id, duplicate: true });

    const shown = json<{ custody: { action: string }[]; checks: unknown[] }>(await t.app.inject({ url: `/api/evidence/${e.id}`, headers: as.viewer }));
    expect(shown.custody.map((c) => c.action)).toEqual(['acquired', 'added', 'linked']);
    const check = await t.app.inject({ method: 'POST', url: `/api/evidence/${e.id}/checks`, headers: as.editor, payload: { kind: 'geolocation', method: 'shoreline match', result: 'consistent' } });
    expect(check.statusCode).toBe(201);
  });

  it('sends the bytes with their hash, logged in custody; strangers get 404, readers cannot upload', async () => {
    const [e] = json<{ id: number }[]>(await t.app.inject({ url: '/api/evidence?investigation=boats', headers: as.viewer }));
    const res = await t.app.inject({ url: `/api/evidence/${e!.id}/file`, headers: as.viewer });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(photo)).toBe(true);
    expect(res.headers['x-content-sha256']).toBe(sha);
    expect(res.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(sha, 'hex').toString('base64')}:`);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['content-disposition']).toContain('strike.jpg');
    const custody = json<{ custody: { action: string; actor: string }[] }>(await t.app.inject({ url: `/api/evidence/${e!.id}`, headers: as.viewer })).custody;
    expect(custody.at(-1)).toMatchObject({ action: 'viewed', actor: 'viewer' });

    expect((await t.app.inject({ url: `/api/evidence/${e!.id}/file`, headers: as.analyst })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/evidence/${e!.id}`, headers: as.analyst })).statusCode).toBe(404);
    const reader = await upload('viewer', { investigation: 'boats' }, 'other.jpg', Buffer.from('other bytes'));
    expect(reader.statusCode).toBe(403);
    const stranger = await upload('analyst', { investigation: 'boats' }, 'other.jpg', Buffer.from('other bytes'));
    expect(stranger.statusCode).toBe(404);
    expect(json(await upload('editor', {}, 'x.bin', Buffer.from('x')))).toMatchObject({ field: 'incident' });
    expect(json(await upload('editor', { investigation: 'boats', origin_url: 'not a url' }, 'x.bin', Buffer.from('x')))).toMatchObject({ field: 'origin_url' });
  });
});
