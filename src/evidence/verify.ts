// evidence verify: re-hash every stored file and name each one that is missing or altered.
import type { Kysely } from 'kysely';
import type { Actor } from '../model/desk.js';
import { hashLabel } from '../store/desk/canonical.js';
import { nowIso } from '../store/desk/clock.js';
import { appendCustody } from '../store/desk/custody.js';
import { listEvidence } from '../store/desk/evidence.js';
import type { Database } from '../store/schema.js';
import type { BlobStore } from './blob-store.js';

export type BlobState = 'ok' | 'missing' | 'altered';

export interface EvidenceCheck {
  id: number;
  investigation: string;
  original_name: string | null;
  hash: string;
  path: string;
  state: BlobState;
  /** What the bytes on disk hash to now, when they differ. */
  found: string | null;
}

export interface EvidenceVerifyReport {
  ok: boolean;
  checked: number;
  problems: EvidenceCheck[];
  results: EvidenceCheck[];
}

/** Each blob is hashed once however many records share it; each record gets a 'verified' custody entry. */
export async function verifyEvidence(actor: Actor, db: Kysely<Database>, blobs: BlobStore, investigation?: string): Promise<EvidenceVerifyReport> {
  const items = await listEvidence(actor, db, investigation === undefined ? {} : { investigation });
  const states = new Map<string, { state: BlobState; found: string | null }>();
  const results: EvidenceCheck[] = [];
  for (const e of items) {
    const hex = e.hash.slice('SHA-256:'.length);
    let s = states.get(hex);
    if (!s) {
      const now = await blobs.rehash(hex);
      s = now === null ? { state: 'missing', found: null } : now === hex ? { state: 'ok', found: null } : { state: 'altered', found: hashLabel(now) };
      states.set(hex, s);
    }
    results.push({ id: e.id, investigation: e.investigation, original_name: e.original_name, hash: e.hash, path: blobs.pathOf(hex), state: s.state, found: s.found });
  }
  const at = nowIso();
  await db.transaction().execute(async (trx) => {
    for (const r of results) await appendCustody(trx, r.id, 'verified', actor.name, { result: r.state, ...(r.found ? { found: r.found } : {}) }, at);
  });
  const problems = results.filter((r) => r.state !== 'ok');
  return { ok: problems.length === 0, checked: results.length, problems, results };
}
