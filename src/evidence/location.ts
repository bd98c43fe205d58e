// Where a store keeps its evidence files: beside a SQLite file, or a directory named for PostgreSQL.
import type { Store } from '../store/store.js';
import { BlobStore } from './blob-store.js';

/** An explicit directory wins, then GROUNDTRUTH_BLOBS, then "<sqlite file>.blobs". */
export function blobRoot(store: Pick<Store, 'engine' | 'location'>, explicit?: string | null): string {
  if (explicit) return explicit;
  if (process.env.GROUNDTRUTH_BLOBS) return process.env.GROUNDTRUTH_BLOBS;
  if (store.engine === 'sqlite' && store.location !== ':memory:') return `${store.location}.blobs`;
  throw new Error('this store keeps no files of its own: name a directory for evidence with --blobs DIR or GROUNDTRUTH_BLOBS');
}

export function blobStoreFor(store: Pick<Store, 'engine' | 'location'>, explicit?: string | null): BlobStore {
  return new BlobStore(blobRoot(store, explicit));
}
