// evidence add: copy the file into the blob store (hashing as it goes), sniff its type, read its
// metadata, and record it with its custody; the blob is stored before the record, so a record never
// points at a file that is not there.
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import type { Actor, Evidence } from '../model/desk.js';
import { requireIncidentInvestigation, requireInvestigation } from '../store/desk/access.js';
import { getEvidence, recordEvidence } from '../store/desk/evidence.js';
import type { Database } from '../store/schema.js';
import type { BlobStore } from './blob-store.js';
import { extractMetadata } from './metadata.js';
import { sniffType } from './sniff.js';

export interface AddEvidenceOptions {
  /** The incident it bears on (its investigation is then implied). */
  incidentId?: number;
  /** Or the investigation, for evidence not yet tied to an incident. */
  investigation?: string;
  /** Where it was found. */
  originUrl?: string | null;
  /** When the content was captured (photo taken, page archived), as the analyst knows it. */
  capturedAt?: string | null;
  /** Who acquired it (defaults to the actor) and when (defaults to now). */
  acquiredBy?: string | null;
  acquiredAt?: string | null;
  maxBytes?: number;
}

export interface AddedEvidence extends Evidence {
  /** True when the investigation already held these bytes: nothing new was stored. */
  duplicate: boolean;
}

export async function addEvidence(actor: Actor, db: Kysely<Database>, blobs: BlobStore, file: string, opts: AddEvidenceOptions): Promise<AddedEvidence> {
  // Rights first: a reader must not be able to fill the blob store.
  const inv =
    opts.incidentId !== undefined
      ? await requireIncidentInvestigation(db, actor, opts.incidentId, 'write')
      : opts.investigation !== undefined
        ? await requireInvestigation(db, actor, opts.investigation, 'write')
        : null;
  if (!inv) throw new Error('evidence needs an incident or an investigation');
  const blob = await blobs.putFile(file, { maxBytes: opts.maxBytes });
  const type = await sniffType(blob.path);
  const metadata = await extractMetadata(blob.path, type?.mime ?? null);
  const { id, duplicate } = await recordEvidence(actor, db, {
    investigationId: inv.id,
    incidentId: opts.incidentId ?? null,
    sha256: blob.sha256,
    size: blob.size,
    mime: type?.mime ?? null,
    ext: type?.ext ?? null,
    original_name: basename(file),
    origin_url: opts.originUrl ?? null,
    captured_at: opts.capturedAt ?? null,
    acquired_at: opts.acquiredAt ?? null,
    acquired_by: opts.acquiredBy ?? null,
    metadata,
  });
  return { ...(await getEvidence(actor, db, id)), duplicate };
}
