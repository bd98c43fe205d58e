// Sending a piece of evidence: the stored hash in the headers, the bytes re-hashed on the way out (a
// file altered on disk breaks the transfer instead of passing as evidence), and the copy in custody.
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import type { Actor, Evidence } from '../../model/desk.js';
import { nowIso } from '../../store/desk/clock.js';
import { appendCustody } from '../../store/desk/custody.js';
import { getEvidence } from '../../store/desk/evidence.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';

export interface EvidenceDownload {
  evidence: Evidence;
  hex: string;
  headers: Record<string, string>;
  body: Transform;
}

export async function downloadEvidence(ctx: ServerContext, actor: Actor, id: number, address: string): Promise<EvidenceDownload> {
  const evidence = await getEvidence(actor, ctx.store.db, id);
  const hex = evidence.hash.slice('SHA-256:'.length);
  const blobs = ctx.blobs();
  if (!(await blobs.has(hex))) throw new ApiError(410, 'gone', `evidence ${id}: the stored file is missing; run evidence verify`);
  await appendCustody(ctx.store.db, id, 'exported', actor.name, { via: 'download', address, hash: evidence.hash }, nowIso());
  const hash = createHash('sha256');
  const check = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const seen = hash.digest('hex');
      done(seen === hex ? null : new Error(`evidence ${id}: the stored file no longer matches ${evidence.hash}`));
    },
  });
  const source = blobs.openRead(hex);
  source.on('error', (err) => check.destroy(err));
  source.pipe(check);
  const name = (evidence.original_name ?? `evidence-${id}${evidence.ext ? `.${evidence.ext}` : ''}`).replace(/["\\\r\n]/g, '_');
  return {
    evidence,
    hex,
    body: check,
    headers: {
      'content-type': evidence.mime ?? 'application/octet-stream',
      'content-length': String(evidence.size),
      'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'x-content-sha256': hex,
      // RFC 9530: the digest of the whole representation, base64 of the raw SHA-256.
      'repr-digest': `sha-256=:${Buffer.from(hex, 'hex').toString('base64')}:`,
      'x-evidence-hash': evidence.hash,
    },
  };
}
