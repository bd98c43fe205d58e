// Taking evidence out of the store: a copy checked against its hash on the way, logged in custody.
import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Actor } from '../model/desk.js';
import { requireEvidenceInvestigation } from '../store/desk/access.js';
import { nowIso } from '../store/desk/clock.js';
import { appendCustody } from '../store/desk/custody.js';
import { getEvidence } from '../store/desk/evidence.js';
import type { Database } from '../store/schema.js';
import type { BlobStore } from './blob-store.js';

/** Copies a piece of evidence to `dest`; fails (and removes the copy) when the stored bytes no longer match. */
export async function exportEvidence(actor: Actor, db: Kysely<Database>, blobs: BlobStore, id: number, dest: string): Promise<{ hash: string; size: number; dest: string }> {
  await requireEvidenceInvestigation(db, actor, id, 'read');
  const e = await getEvidence(actor, db, id);
  const hex = e.hash.slice('SHA-256:'.length);
  const hash = createHash('sha256');
  let size = 0;
  const out = await open(dest, 'wx');
  try {
    for await (const chunk of blobs.openRead(hex) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
      let off = 0;
      while (off < chunk.length) off += (await out.write(chunk, off, chunk.length - off)).bytesWritten;
    }
  } finally {
    await out.close();
  }
  if (hash.digest('hex') !== hex) {
    await rm(dest, { force: true });
    throw new Error(`evidence ${id}: the stored file no longer matches ${e.hash}; run evidence verify`);
  }
  await appendCustody(db, id, 'exported', actor.name, { dest, hash: e.hash }, nowIso());
  return { hash: e.hash, size, dest };
}

/** The stored bytes of a piece of evidence, for a reader to look at; the viewing is logged in custody. */
export async function openEvidence(actor: Actor, db: Kysely<Database>, blobs: BlobStore, id: number): Promise<{ hash: string; mime: string | null; size: number; stream: Readable }> {
  const e = await getEvidence(actor, db, id);
  const hex = e.hash.slice('SHA-256:'.length);
  if (!(await blobs.has(hex))) throw new Error(`evidence ${id}: the stored file is missing; run evidence verify`);
  await appendCustody(db, id, 'viewed', actor.name, { hash: e.hash }, nowIso());
  return { hash: e.hash, mime: e.mime, size: e.size, stream: blobs.openRead(hex) };
}
