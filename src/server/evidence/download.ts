// Sending a piece of evidence: the library opens it (and logs the viewing in custody); the stored hash
// goes in the headers and the bytes are re-hashed on the way out, so a file altered on disk breaks the
// transfer instead of passing as evidence.
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { openEvidence } from '../../evidence/export-file.js';
import type { Actor } from '../../model/desk.js';
import { getEvidence } from '../../store/desk/evidence.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';

export interface EvidenceDownload {
  headers: Record<string, string>;
  body: Transform;
}

export async function downloadEvidence(ctx: ServerContext, actor: Actor, id: number): Promise<EvidenceDownload> {
  const evidence = await getEvidence(actor, ctx.store.db, id);
  const hex = evidence.hash.slice('SHA-256:'.length);
  const blobs = ctx.blobs();
  if (!(await blobs.has(hex))) throw new ApiError(410, 'gone', `evidence ${id}: the stored file is missing; run evidence verify`);
  const opened = await openEvidence(actor, ctx.store.db, blobs, id);
  const hash = createHash('sha256');
  const check = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      done(hash.digest('hex') === hex ? null : new Error(`evidence ${id}: the stored file no longer matches ${evidence.hash}`));
    },
  });
  opened.stream.on('error', (err) => check.destroy(err));
  opened.stream.pipe(check);
  const name = (evidence.original_name ?? `evidence-${id}${evidence.ext ? `.${evidence.ext}` : ''}`).replace(/["\\\r\n]/g, '_');
  return {
    body: check,
    headers: {
      'content-type': opened.mime ?? 'application/octet-stream',
      'content-length': String(opened.size),
      'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'x-content-sha256': hex,
      // RFC 9530: the digest of the whole representation, base64 of the raw SHA-256.
      'repr-digest': `sha-256=:${Buffer.from(hex, 'hex').toString('base64')}:`,
      'x-evidence-hash': opened.hash,
    },
  };
}
