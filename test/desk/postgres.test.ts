// Writers racing on the team server: optimistic concurrency and the audit chain under real parallel transactions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, type Actor } from '../../src/model/desk.js';
import { verifyAudit } from '../../src/store/desk/audit.js';
import { createIncident, getIncident, updateIncident } from '../../src/store/desk/incidents.js';
import { createInvestigation } from '../../src/store/desk/investigations.js';
import { addSource } from '../../src/store/desk/sources.js';
import { ensureUser } from '../../src/store/desk/users.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { postgresLocation, type TestStoreLocation } from '../helpers/stores.js';

describe('desk on PostgreSQL with parallel writers', () => {
  let where: TestStoreLocation;
  let store: Store;
  let alice: Actor;
  beforeAll(async () => {
    where = await postgresLocation();
    store = await openStore(where.location);
    const u = await ensureUser(store.db, 'alice', 'analyst');
    alice = { name: u.name, role: u.role };
    await createInvestigation(alice, store.db, { name: 'race', title: 'Race' });
  });
  afterAll(async () => {
    await store?.close();
    await where?.cleanup();
  });

  it('lets exactly one of five writers holding the same version win', async () => {
    const inc = await createIncident(alice, store.db, 'race', { date_start: '2025-11-04' });
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => updateIncident(alice, store.db, inc.id, { casualties: { killed: { low: n, high: n } } }, { version: 1 })));
    const won = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof updateIncident>>> => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
    const now = await getIncident(alice, store.db, inc.id);
    expect(now.version).toBe(2);
    expect(now.casualties.killed).toEqual(won[0]!.value.casualties.killed);
    expect((await store.history(inc.id))!.revisions).toHaveLength(1);
  });

  it('keeps one unbroken audit chain when many writers append at once', async () => {
    const before = (await verifyAudit(alice, store.db)).entries;
    await Promise.all(Array.from({ length: 16 }, (_, i) => addSource(alice, store.db, 'race', { who: `outlet ${i}` })));
    const report = await verifyAudit(alice, store.db);
    expect(report).toMatchObject({ ok: true, entries: before + 16, problems: [] });
    expect(report.head!.seq).toBe(before + 16);
  });
});
