// An import upload: the file streamed to disk, the form checked (format, dataset, mapping), then the job queued.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../model/desk.js';
import type { ServerContext } from '../context.js';
import { badRequest } from '../errors.js';
import { receiveUpload } from '../uploads.js';
import { IMPORT_FORMATS, prepareImport } from './formats.js';
import type { ImportJob } from './jobs.js';

const fieldsSchema = z
  .object({
    format: z.enum(IMPORT_FORMATS),
    dataset: z.string().min(1).max(64).optional(),
    access_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD').optional(),
    filters: z.string().max(2000).optional(),
    mapping: z.string().max(1_000_000).optional(),
    mapping_name: z.string().max(100).optional(),
  })
  .strict();

export const IMPORT_FORM = {
  type: 'object',
  required: ['format', 'file'],
  properties: {
    format: { type: 'string', enum: [...IMPORT_FORMATS], description: 'acled, ucdp, or csv (with a mapping)' },
    dataset: { type: 'string', description: 'the dataset to import into (default: acled, ucdp, or the mapping’s)' },
    access_date: { type: 'string', description: 'ACLED: the date you downloaded the data (YYYY-MM-DD)' },
    filters: { type: 'string', description: 'ACLED: the filters used for the export' },
    mapping: { type: 'string', description: 'csv: the mapping, as JSON text' },
    mapping_name: { type: 'string', description: 'csv: or the name of a shipped mapping (ucdp-ged-subset, us-boat-strikes-2025)' },
    file: { type: 'string', format: 'binary', description: 'the CSV file' },
  },
};

function parseFields(fields: Record<string, string>) {
  const parsed = fieldsSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.code === 'unrecognized_keys' ? issue.keys[0]! : String(issue.path[0] ?? 'format');
    throw badRequest(`form field "${field}": ${issue.code === 'unrecognized_keys' ? 'is not known here' : issue.message}`, field);
  }
  return parsed.data;
}

export async function uploadImport(ctx: ServerContext, request: FastifyRequest, actor: Actor): Promise<ImportJob> {
  const id = ctx.imports.newId();
  const upload = await receiveUpload(request, join(ctx.workDir, 'uploads'));
  try {
    const fields = parseFields(upload.fields);
    if (fields.format !== 'csv' && (fields.mapping !== undefined || fields.mapping_name !== undefined)) throw badRequest(`form field "mapping": only a csv import takes one`, 'mapping');
    const prepared = await prepareImport(upload.file.path, upload.file.name, fields);
    return ctx.imports.submit(id, { file: upload.file.path, dir: upload.file.dir }, prepared, fields, { format: fields.format, fileName: upload.file.name, fileSize: upload.file.size, submittedBy: actor.name });
  } catch (err) {
    await rm(upload.file.dir, { recursive: true, force: true });
    throw err;
  }
}
