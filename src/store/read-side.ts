// The read side every engine shares: each Store method below is one Kysely query in queries.ts.
import type { Kysely } from 'kysely';
import * as queries from './queries.js';
import type { Database } from './schema.js';
import type { Engine, ImportSession, ImportStart, Store } from './store.js';

export abstract class KyselyStore implements Store {
  abstract readonly engine: Engine;
  abstract readonly location: string;
  abstract readonly db: Kysely<Database>;
  abstract beginImport(start: ImportStart): Promise<ImportSession>;

  listDatasets() {
    return queries.listDatasets(this.db);
  }
  getDataset(name: string) {
    return queries.getDataset(this.db, name);
  }
  listImports(dataset?: string) {
    return queries.listImports(this.db, dataset);
  }
  getEvent(id: number) {
    return queries.getEvent(this.db, id);
  }
  history(id: number) {
    return queries.history(this.db, id);
  }
  addAlias(alias: string, canonical: string, iso3: string | null = null, origin = 'user') {
    return queries.addAlias(this.db, alias, canonical, iso3, origin);
  }
  listAliases() {
    return queries.listAliases(this.db);
  }
  /** Closes the connection (for PostgreSQL, the pool under it too). */
  async close() {
    await this.db.destroy();
  }
}
