// Answers of the analysis endpoints, kept until the data changes. A figure is a pure function of the
// store's contents, and a desk asks for the same few figures all day; recomputing each one costs
// milliseconds of a single thread that every other request waits for. The store's state is read on
// every request (a handful of indexed maxima), so a change by an import, an edit, an alias or another
// process is seen at once: nothing is served from before it.
import { sql } from 'kysely';
import type { Store } from '../store/store.js';
import { Coalescer } from './coalesce.js';

export interface CacheOptions {
  /** Entries kept (least recently used go first). */
  max?: number;
}

export class ResultCache {
  private readonly entries = new Map<string, { version: string; value: Promise<unknown> }>();
  private readonly max: number;
  hits = 0;
  misses = 0;
  /** The version read about to start, shared by the requests that arrive before it does. */
  private readonly versions = new Coalescer<string>();

  constructor(
    private readonly store: Store,
    opts: CacheOptions = {},
  ) {
    this.max = opts.max ?? 500;
  }

  /**
   * What the answers depend on: every import, desk change, rollup refresh and alias moves one of these.
   * Requests arriving together share one read of it; the read starts after each of them arrived, so
   * none is answered from before a change it could have seen.
   */
  version(): Promise<string> {
    return this.versions.read('', () => this.readVersion());
  }

  private async readVersion(): Promise<string> {
    const r = await sql<Record<string, unknown>>`select
      (select max(id) from imports) as imports,
      (select max(id) from datasets) as datasets,
      (select max(seq) from audit_log) as audit,
      (select max(refreshed_at) from rollup_state) as rollups,
      (select count(*) from actor_aliases) as aliases`.execute(this.store.db);
    const row = r.rows[0] ?? {};
    return [row.imports, row.datasets, row.audit, row.rollups, row.aliases].map((v) => String(v ?? '')).join('|');
  }

  /**
   * The answer for this key at this version: cached, being computed (requests arriving together share
   * one computation), or computed now. A failure is not kept.
   */
  get<T>(version: string, key: unknown[], compute: () => Promise<T>): Promise<T> {
    const k = JSON.stringify(key);
    const hit = this.entries.get(k);
    if (hit && hit.version === version) {
      // Re-inserted, so the map's order is the order of last use.
      this.entries.delete(k);
      this.entries.set(k, hit);
      this.hits++;
      return hit.value as Promise<T>;
    }
    this.misses++;
    const value = compute();
    const entry = { version, value };
    this.entries.set(k, entry);
    value.catch(() => {
      if (this.entries.get(k) === entry) this.entries.delete(k);
    });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
