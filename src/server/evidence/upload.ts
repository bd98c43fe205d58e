// An evidence upload: rights checked when the file part begins, the file streamed to disk, then the
// library's addEvidence (hash, blob store, type, metadata, custody) takes it from there.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addEvidence, type AddedEvidence } from '../../evidence/add.js';
import type { Actor } from '../../model/desk.js';
import { requireIncidentInvestigation, requireInvestigation } from '../../store/desk/access.js';
import type { ServerContext } from '../context.js';
import { badRequest } from '../errors.js';
import { receiveUpload } from '../uploads.js';

const fieldsSchema = z
  .object({
    incident: z.string().regex(/^\d+$/, 'an incident id').transform(Number).optional(),
    investigation: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "an investigation's name").optional(),
    origin_url: z.url().max(4000).optional(),
    captured_at: z.string().max(40).optional(),
    acquired_by: z.string().min(1).max(200).optional(),
    acquired_at: z.string().max(40).optional(),
  })
  .strict();

export const EVIDENCE_FORM = {
  type: 'object',
  required: ['file'],
  properties: {
    incident: { type: 'integer', description: 'the incident it bears on (or give investigation); put it before the file' },
    investigation: { type: 'string', description: 'the investigation, for evidence not yet tied to an incident; put it before the file' },
    origin_url: { type: 'string', format: 'uri', description: 'where it was found' },
    captured_at: { type: 'string', description: 'when the content was captured (ISO)' },
    acquired_by: { type: 'string', description: 'who acquired it (default: you)' },
    acquired_at: { type: 'string', description: 'when it was acquired (default: now)' },
    file: { type: 'string', format: 'binary', description: 'the file, last' },
  },
};

function parseFields(fields: Record<string, string>) {
  const parsed = fieldsSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : String(issue.path[0] ?? '');
    throw badRequest(`form field "${field}": ${issue.code === 'unrecognized_keys' ? 'is not known here' : issue.message}`, field);
  }
  if (parsed.data.incident === undefined && parsed.data.investigation === undefined) throw badRequest('form field "incident" or "investigation": one is required, before the file', 'incident');
  return parsed.data;
}

export async function uploadEvidence(ctx: ServerContext, request: FastifyRequest, actor: Actor): Promise<AddedEvidence> {
  const blobs = ctx.blobs();
  const db = ctx.store.db;
  const upload = await receiveUpload(request, join(ctx.workDir, 'uploads'), async (fields) => {
    // A reader must not be able to fill the disk: check the right to write before storing a byte.
    const f = parseFields(fields);
    if (f.incident !== undefined) await requireIncidentInvestigation(db, actor, f.incident, 'write');
    else await requireInvestigation(db, actor, f.investigation!, 'write');
  });
  try {
    const f = parseFields(upload.fields);
    return await addEvidence(actor, db, blobs, upload.file.path, {
      incidentId: f.incident,
      investigation: f.incident === undefined ? f.investigation : undefined,
      originUrl: f.origin_url ?? null,
      capturedAt: f.captured_at ?? null,
      acquiredBy: f.acquired_by ?? null,
      acquiredAt: f.acquired_at ?? null,
      maxBytes: ctx.options.maxUploadBytes,
    });
  } finally {
    await rm(upload.file.dir, { recursive: true, force: true });
  }
}
