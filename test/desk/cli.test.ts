// The desk commands as a journalist runs them, on SQLite and on PostgreSQL, through commander and a real store.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register as audit } from '../../src/cli/audit.js';
import type { CliContext } from '../../src/cli/context.js';
import { register as evidence } from '../../src/cli/evidence.js';
import { register as incident } from '../../src/cli/incident.js';
import { register as investigation } from '../../src/cli/investigation.js';
import { register as source } from '../../src/cli/source.js';
import type { Incident } from '../../src/model/desk.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { ENGINES, type TestStoreLocation } from '../helpers/stores.js';
import { photoWithGps } from '../evidence/photo.js';

interface Run {
  code: number;
  out: string;
  error: string | null;
}

/** One command line, as main runs it: a fresh program, the store opened on demand and closed after. */
async function run(location: string, argv: string[]): Promise<Run> {
  let store: Store | null = null;
  let code = 0;
  const out: string[] = [];
  const program = new Command('groundtruth').exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  const ctx: CliContext = {
    store: async () => (store ??= await openStore(location)),
    print: (t) => out.push(t),
    printJson: (v) => out.push(JSON.stringify(v)),
    warn: () => undefined,
    interactive: false,
    fail: (c = 1) => {
      code = c;
    },
  };
  for (const register of [investigation, incident, source, evidence, audit]) register(program, ctx);
  try {
    await program.parseAsync(['node', 'groundtruth', ...argv]);
    return { code, out: out.join('\n'), error: null };
  } catch (err) {
    return { code: 1, out: out.join('\n'), error: err instanceof Error ? err.message : String(err) };
  } finally {
    if (store) await (store as Store).close();
  }
}

async function json<T>(location: string, argv: string[]): Promise<T> {
  const r = await run(location, [...argv, '--json']);
  if (r.code !== 0 || r.error) throw new Error(`${argv.join(' ')}: ${r.error ?? `exit ${r.code}`}`);
  return JSON.parse(r.out) as T;
}

describe.each(ENGINES)('desk commands on $engine', ({ engine, make }) => {
  let where: TestStoreLocation;
  let blobs: string[];
  beforeAll(async () => {
    where = await make();
    // A PostgreSQL store keeps no files: evidence goes to a named directory.
    blobs = engine === 'postgres' ? ['--blobs', join(where.dir, 'blobs')] : [];
  });
  afterAll(async () => where?.cleanup());

  it('builds the demo investigation and lists its incidents with the published figures', async () => {
    const built = await json<{ incidents: number; created: number }>(where.location, ['investigation', 'demo', '--as', 'alice']);
    expect(built).toMatchObject({ incidents: 28, created: 28 });
    const list = await json<Incident[]>(where.location, ['incident', 'list', '--investigation', 'boat-strikes', '--as', 'alice']);
    const window = list.filter((i) => i.date_start >= '2025-09-02' && i.date_start <= '2025-12-04');
    const sum = (f: (i: Incident) => number) => window.reduce((a, i) => a + f(i), 0);
    expect([window.length, sum((i) => i.strikes), sum((i) => i.units.count!.high), sum((i) => i.casualties.killed!.low), sum((i) => i.casualties.killed!.high)]).toEqual([19, 22, 23, 86, 87]);
    const table = await run(where.location, ['incident', 'list', '--investigation', 'boat-strikes', '--as', 'alice']);
    expect(table.out).toMatch(/strike-2025-10-27 .*14–15/);
  });

  it('denies a stranger, then lets a viewer read but not write', async () => {
    const denied = await run(where.location, ['incident', 'list', '--investigation', 'boat-strikes', '--as', 'bob']);
    expect(denied.error).toBe('bob may not read investigation boat-strikes');
    await json(where.location, ['investigation', 'member', 'boat-strikes', 'bob', 'viewer', '--as', 'alice']);
    const shown = await json<Incident>(where.location, ['incident', 'show', 'boat-strikes/strike-2025-10-27', '--as', 'bob']);
    expect(shown.disputes.map((d) => d.topic).sort()).toEqual(['location', 'units']);
    const edit = await run(where.location, ['incident', 'edit', String(shown.id), '--version', String(shown.version), '--area', 'Pacific', '--as', 'bob']);
    expect(edit.error).toBe('bob may not change investigation boat-strikes');
  });

  it('edits with the version read, and refuses a stale one', async () => {
    const before = await json<Incident>(where.location, ['incident', 'show', 'boat-strikes/strike-2025-12-30', '--as', 'alice']);
    const after = await json<Incident>(where.location, ['incident', 'edit', String(before.id), '--version', String(before.version), '--killed', '3-11', '--reason', 'SOUTHCOM revision', '--as', 'alice']);
    expect(after).toMatchObject({ version: before.version + 1, casualties: { killed: { low: 3, high: 11 } } });
    const stale = await run(where.location, ['incident', 'edit', String(before.id), '--version', String(before.version), '--killed', '11', '--as', 'alice']);
    expect(stale.error).toMatch(/is at version \d+, not \d+/);
    const bad = await run(where.location, ['incident', 'status', String(before.id), 'verified', '--version', String(after.version), '--as', 'alice']);
    expect(bad.error).toMatch(/unverified: it can move to in_review, discounted, not verified/);
  });

  it('adds a photo as evidence, reads its position, and catches a tampered file', async () => {
    const photo = join(where.dir, 'frame.jpg');
    const bytes = photoWithGps({ lat: 15.75, lon: -101.25, takenLocal: '2025:10:27 11:02:03', gpsDate: '2025:10:27', gpsTime: [17, 2, 3] });
    writeFileSync(photo, bytes);
    const e = await json<{ id: number; hash: string; metadata: { lat: number; lon: number; taken_at: string }; acquired_by: string }>(where.location, [
      'evidence', 'add', photo, '--incident', 'boat-strikes/strike-2025-10-27', '--url', 'https://x.com/SecWar/status/1', '--captured-at', '2025-10-28T02:00:00Z', '--by', 'carol', '--as', 'alice', ...blobs,
    ]);
    expect(e.hash).toBe(`SHA-256:${createHash('sha256').update(bytes).digest('hex')}`);
    expect(e.metadata.lat).toBeCloseTo(15.75, 5);
    expect(e.metadata.lon).toBeCloseTo(-101.25, 5);
    expect(e.metadata.taken_at).toBe('2025-10-27T11:02:03');
    expect(e.acquired_by).toBe('carol');

    expect((await run(where.location, ['evidence', 'verify', '--as', 'alice', ...blobs])).code).toBe(0);
    const hex = e.hash.slice(8);
    const root = engine === 'postgres' ? join(where.dir, 'blobs') : `${where.location}.blobs`;
    const stored = join(root, 'sha256', hex.slice(0, 2), hex.slice(2, 4), hex);
    expect(readFileSync(stored).equals(bytes)).toBe(true);
    writeFileSync(stored, Buffer.concat([bytes, Buffer.from('x')]));
    const verify = await run(where.location, ['evidence', 'verify', '--as', 'alice', ...blobs]);
    expect(verify.code).toBe(1);
    expect(verify.out).toContain(`ALTERED: evidence ${e.id} (boat-strikes, frame.jpg)`);
  });

  it('verifies the audit chain and fails once an entry is edited', async () => {
    const ok = await json<{ ok: boolean; entries: number; head: { seq: number; hash: string } }>(where.location, ['audit', 'verify', '--as', 'alice']);
    expect(ok.ok).toBe(true);
    expect(ok.entries).toBeGreaterThan(100);
    const store = await openStore(where.location);
    try {
      await store.db.updateTable('audit_log').set({ reason: 'nothing happened' }).where('seq', '=', 5).execute();
    } finally {
      await store.close();
    }
    const bad = await run(where.location, ['audit', 'verify', '--as', 'alice', '--expect-head', `${ok.head.seq}:${ok.head.hash}`]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/EDITED: entry 5 /);
  });

  it('exports the investigation as KML and CSV files', async () => {
    const kml = join(where.dir, 'strikes.kml');
    const r = await json<{ bytes: number }>(where.location, ['investigation', 'export', 'boat-strikes', '--format', 'kml', '--out', kml, '--as', 'bob']);
    expect(r.bytes).toBe(readFileSync(kml).length);
    expect(readFileSync(kml, 'utf8').match(/<Placemark /g)).toHaveLength(28);
    const csv = await run(where.location, ['investigation', 'export', 'boat-strikes', '--format', 'csv', '--as', 'bob', '--json']);
    const content = (JSON.parse(csv.out) as { content: string }).content;
    expect(content.split('\n').filter(Boolean)).toHaveLength(29);
    expect(content).toMatch(/SHA-256:[0-9a-f]{64}/);
  });
});
