import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEvidence } from '../../src/evidence/add.js';
import { exportEvidence, openEvidence } from '../../src/evidence/export-file.js';
import { blobStoreFor } from '../../src/evidence/location.js';
import { verifyEvidence } from '../../src/evidence/verify.js';
import type { BlobStore } from '../../src/evidence/blob-store.js';
import { AccessError, EvidenceTooLargeError } from '../../src/model/desk.js';
import { listAudit } from '../../src/store/desk/audit.js';
import { addCheck } from '../../src/store/desk/checks.js';
import { custodyLog } from '../../src/store/desk/custody.js';
import { getIncident, createIncident } from '../../src/store/desk/incidents.js';
import { createInvestigation, setMember } from '../../src/store/desk/investigations.js';
import { deskFixture, type DeskFixture } from '../desk/helpers.js';
import { photoWithGps } from './photo.js';

/** Both ffmpeg (to make a clip) and ffprobe (to read it) are needed for the real-video test. */
const hasFfmpeg = ['ffmpeg', 'ffprobe'].every((bin) => spawnSync(bin, ['-version']).status === 0);

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('evidence', () => {
  let f: DeskFixture;
  let blobs: BlobStore;
  let incidentId: number;
  const file = (name: string, bytes: Buffer | string) => {
    const p = join(f.dir, name);
    writeFileSync(p, bytes);
    return p;
  };
  beforeAll(async () => {
    f = await deskFixture();
    blobs = blobStoreFor(f.store);
    await createInvestigation(f.alice, f.store.db, { name: 'caribbean', title: 'Caribbean strikes' });
    incidentId = (await createIncident(f.alice, f.store.db, 'caribbean', { date_start: '2025-09-02' })).id;
  });
  afterAll(() => f.close());

  it('stores a photo by its SHA-256 beside the database and reads its EXIF position and time', async () => {
    const bytes = photoWithGps({ lat: 10.958333, lon: -63.85, takenLocal: '2025:09:02 14:05:09', gpsDate: '2025:09:02', gpsTime: [18, 5, 9] });
    const path = file('strike-still.jpg', bytes);
    const e = await addEvidence(f.alice, f.store.db, blobs, path, {
      incidentId,
      originUrl: 'https://truthsocial.com/@realDonaldTrump/posts/1',
      capturedAt: '2025-09-02T18:30:00Z',
      acquiredBy: 'carol',
    });
    const hex = sha(bytes);
    expect(e).toMatchObject({ hash: `SHA-256:${hex}`, size: bytes.length, mime: 'image/jpeg', ext: 'jpg', original_name: 'strike-still.jpg', acquired_by: 'carol', added_by: 'alice', duplicate: false, incidents: [incidentId] });
    expect(e.metadata.status).toBe('extracted');
    expect(e.metadata.lat).toBeCloseTo(10.958333, 5);
    expect(e.metadata.lon).toBeCloseTo(-63.85, 5);
    expect(e.metadata.taken_at).toBe('2025-09-02T14:05:09');
    expect(e.metadata.fields).toMatchObject({ Make: 'Groundtruth test camera', GPSDateTimeUTC: '2025-09-02T18:05:09Z' });

    const stored = join(`${f.store.location}.blobs`, 'sha256', hex.slice(0, 2), hex.slice(2, 4), hex);
    expect(readFileSync(stored).equals(bytes)).toBe(true);
    expect(readdirSync(join(`${f.store.location}.blobs`, 'tmp'))).toEqual([]);

    const custody = await custodyLog(f.alice, f.store.db, e.id);
    expect(custody.map((c) => [c.action, c.actor])).toEqual([
      ['acquired', 'carol'],
      ['added', 'alice'],
      ['linked', 'alice'],
    ]);
    expect(custody[0]!.details).toMatchObject({ origin_url: 'https://truthsocial.com/@realDonaldTrump/posts/1' });
    expect((await getIncident(f.alice, f.store.db, incidentId)).evidence).toEqual([{ id: e.id, hash: `SHA-256:${hex}` }]);
    expect((await listAudit(f.alice, f.store.db, { entity: 'evidence', entityId: e.id })).map((a) => a.action).sort()).toEqual(['create', 'link']);
  });

  it('stores equal bytes once and answers a second add with the same record', async () => {
    const bytes = photoWithGps({ lat: 11, lon: -64, takenLocal: '2025:09:15 08:00:00', gpsDate: '2025:09:15', gpsTime: [12, 0, 0], seed: 2 });
    const first = await addEvidence(f.alice, f.store.db, blobs, file('a.jpg', bytes), { investigation: 'caribbean' });
    const again = await addEvidence(f.alice, f.store.db, blobs, file('copy-of-a.jpg', bytes), { incidentId });
    expect(again).toMatchObject({ id: first.id, duplicate: true, original_name: 'a.jpg', incidents: [incidentId] });
  });

  it('hashes and keeps files of unknown type, and records a metadata failure without failing', async () => {
    const text = await addEvidence(f.alice, f.store.db, blobs, file('notes.txt', 'Hegseth: four vessels\n'), { incidentId });
    expect(text).toMatchObject({ mime: 'text/plain', ext: null, metadata: { status: 'none' } });
    expect(await blobs.has(text.hash.slice(8))).toBe(true);
    const noise = await addEvidence(f.alice, f.store.db, blobs, file('noise.bin', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x42, 0x99, 0x01])), { incidentId });
    expect(noise).toMatchObject({ mime: null, ext: null, metadata: { status: 'none', note: 'type not recognised' } });
    expect(await blobs.has(noise.hash.slice(8))).toBe(true);

    const photo = photoWithGps({ lat: 1, lon: 1, takenLocal: '2025:01:01 00:00:00', gpsDate: '2025:01:01', gpsTime: [0, 0, 0], seed: 3 });
    const exifAt = photo.indexOf(Buffer.from('Exif\0\0'));
    photo.writeUInt32BE(0x7fffffff, exifAt + 10); // first IFD offset far past the end
    const broken = await addEvidence(f.alice, f.store.db, blobs, file('broken.jpg', photo), { incidentId });
    expect(broken.mime).toBe('image/jpeg');
    expect(broken.metadata.status).toBe('failed');
    expect(broken.metadata.note).toMatch(/EXIF unreadable/);
  });

  it('says it skipped video metadata when ffprobe is missing, and still stores the video', async () => {
    const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2mp41'), Buffer.alloc(64)]);
    const saved = process.env.FFPROBE;
    process.env.FFPROBE = join(f.dir, 'no-such-ffprobe');
    try {
      const v = await addEvidence(f.alice, f.store.db, blobs, file('clip.mp4', ftyp), { incidentId });
      expect(v).toMatchObject({ mime: 'video/mp4', metadata: { status: 'skipped', note: expect.stringMatching(/ffprobe is not installed/) } });
      expect(await blobs.has(v.hash.slice(8))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.FFPROBE;
      else process.env.FFPROBE = saved;
    }
  });

  it.skipIf(!hasFfmpeg)('reads duration, creation time and position of a video with ffprobe', async () => {
    const clip = join(f.dir, 'made.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=10:duration=2.5', '-c:v', 'mpeg4', '-metadata', 'creation_time=2025-10-27T17:02:03Z', '-metadata', 'location=+15.7500-101.2500/', clip]);
    const v = await addEvidence(f.alice, f.store.db, blobs, clip, { incidentId });
    expect(v.mime).toBe('video/mp4');
    expect(v.metadata).toMatchObject({ status: 'extracted', duration_s: 2.5, lat: 15.75, lon: -101.25 });
    expect(v.metadata.taken_at).toMatch(/^2025-10-27T17:02:03/);
  });

  it('refuses a file past the size limit, leaving nothing behind', async () => {
    const big = file('big.bin', Buffer.alloc(5000, 7));
    await expect(addEvidence(f.alice, f.store.db, blobs, big, { incidentId, maxBytes: 4096 })).rejects.toBeInstanceOf(EvidenceTooLargeError);
    const endless = Readable.from((function* () {
      for (let i = 0; i < 10; i++) yield Buffer.alloc(1000, i);
    })());
    await expect(blobs.putStream(endless, { maxBytes: 4500 })).rejects.toThrow(/larger than the evidence limit of 4500 bytes/);
    expect(await blobs.has(sha(Buffer.alloc(5000, 7)))).toBe(false);
    expect(readdirSync(join(blobs.root, 'tmp'))).toEqual([]);
  });

  it('lets no reader add evidence', async () => {
    await setMember(f.alice, f.store.db, 'caribbean', 'bob', 'viewer');
    const bytes = Buffer.from('a reader tried this');
    await expect(addEvidence(f.bob, f.store.db, blobs, file('r.txt', bytes), { incidentId })).rejects.toBeInstanceOf(AccessError);
    expect(await blobs.has(sha(bytes))).toBe(false);
  });

  it('logs checks and exports in custody, and exports the exact bytes', async () => {
    const bytes = photoWithGps({ lat: 12, lon: -65, takenLocal: '2025:10:03 09:00:00', gpsDate: '2025:10:03', gpsTime: [13, 0, 0], seed: 4 });
    const e = await addEvidence(f.alice, f.store.db, blobs, file('oct3.jpg', bytes), { incidentId });
    await addCheck(f.alice, f.store.db, { evidenceId: e.id }, { kind: 'geolocation', method: 'EXIF GPS against coastline', result: 'consistent', lat: 12, lon: -65 });
    const out = join(f.dir, 'exported.jpg');
    const done = await exportEvidence(f.bob, f.store.db, blobs, e.id, out);
    expect(done.hash).toBe(e.hash);
    expect(readFileSync(out).equals(bytes)).toBe(true);
    const opened = await openEvidence(f.bob, f.store.db, blobs, e.id);
    const chunks: Buffer[] = [];
    for await (const c of opened.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    expect((await custodyLog(f.alice, f.store.db, e.id)).map((c) => [c.action, c.actor])).toEqual([
      ['acquired', 'alice'],
      ['added', 'alice'],
      ['linked', 'alice'],
      ['checked', 'alice'],
      ['exported', 'bob'],
      ['viewed', 'bob'],
    ]);
  });

  it('re-hashes every blob and names the missing and the altered', async () => {
    const a = await addEvidence(f.alice, f.store.db, blobs, file('keep.txt', 'kept intact'), { incidentId });
    const b = await addEvidence(f.alice, f.store.db, blobs, file('alter.txt', 'will be altered'), { incidentId });
    const c = await addEvidence(f.alice, f.store.db, blobs, file('lose.txt', 'will be lost'), { incidentId });
    expect((await verifyEvidence(f.alice, f.store.db, blobs, 'caribbean')).ok).toBe(true);

    writeFileSync(blobs.pathOf(b.hash.slice(8)), 'was altered');
    rmSync(blobs.pathOf(c.hash.slice(8)));
    const report = await verifyEvidence(f.alice, f.store.db, blobs, 'caribbean');
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.id, p.state, p.original_name])).toEqual([
      [b.id, 'altered', 'alter.txt'],
      [c.id, 'missing', 'lose.txt'],
    ]);
    expect(report.problems[0]!.found).toBe(`SHA-256:${sha(Buffer.from('was altered'))}`);
    expect(report.results.find((r) => r.id === a.id)!.state).toBe('ok');
    expect((await custodyLog(f.alice, f.store.db, b.id)).at(-1)).toMatchObject({ action: 'verified', details: { result: 'altered' } });
    expect(existsSync(blobs.pathOf(a.hash.slice(8)))).toBe(true);
  });
});
