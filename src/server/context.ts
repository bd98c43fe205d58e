// What every route reaches through app.gt: the store, the evidence files, the import jobs, the settings.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobStore } from '../evidence/blob-store.js';
import { blobRoot } from '../evidence/location.js';
import type { Store } from '../store/store.js';
import type { LoginLimits } from './accounts/login.js';
import { unavailable } from './errors.js';
import type { ResultCache } from './cache.js';
import type { ImportJobs } from './imports/jobs.js';

export interface ServerOptions {
  store: Store;
  /** The built web app to serve at / (index.html for every page the app routes itself). */
  staticDir?: string | null;
  /** Where evidence files live (default: beside the SQLite file, or $GROUNDTRUTH_BLOBS). */
  blobs?: string | null;
  /** Where uploads wait and rejects files are kept (default: beside the SQLite file, or the temp folder). */
  workDir?: string;
  /** Trust X-Forwarded-* from a reverse proxy (true, or addresses as Fastify takes them). */
  trustProxy?: boolean | string | string[];
  loginLimits?: LoginLimits;
  /** Largest upload accepted, in bytes (imports and evidence). */
  maxUploadBytes?: number;
  /** SQLite: how long a write waits for another writer (an import) before answering 503 (default 250 ms). */
  sqliteBusyTimeoutMs?: number;
  /** Fastify's logger setting (default: off in tests, info when serving). */
  logger?: boolean | Record<string, unknown>;
  /** SQLite: threads that run the analyses' reads, so the server's own thread never waits on one (default 4; 0: none). */
  readThreads?: number;
}

export interface ServerContext {
  store: Store;
  /** Where analyses read: the store, or for a SQLite file its reading threads (src/server/reads/pool.ts). */
  reads: Pick<Store, 'db' | 'engine'> & { writer?: Pick<Store, 'db' | 'engine'> };
  options: ServerOptions;
  workDir: string;
  blobs(): BlobStore;
  imports: ImportJobs;
  /** Analysis answers, kept until the data changes. */
  results: ResultCache;
  /** Drawn charts and maps (larger: fewer kept), on the same data version as the answers. */
  graphics: ResultCache;
}

export function defaultWorkDir(store: Pick<Store, 'engine' | 'location'>): string {
  if (store.engine === 'sqlite' && store.location !== ':memory:') return `${store.location}.server`;
  return join(tmpdir(), 'groundtruth-server');
}

export function blobStoreOf(store: Store, explicit: string | null | undefined): () => BlobStore {
  let blobs: BlobStore | null = null;
  return () => {
    if (blobs) return blobs;
    try {
      blobs = new BlobStore(blobRoot(store, explicit));
    } catch (err) {
      throw unavailable(err instanceof Error ? `${err.message.replace(/--blobs DIR/, 'serve --blobs DIR')}` : String(err));
    }
    return blobs;
  };
}
