// Imports from the web desk: upload a file (it imports in the background), follow its progress, read its rejects.
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../model/desk.js';
import { readRejects } from '../imports/rejects.js';
import { IMPORT_FORM, uploadImport } from '../imports/upload.js';
import { actorOf, EDITORS, requireRole } from '../request.js';
import { listOf, query, shape } from '../schemas/common.js';

const jobSchema = shape('an import job', {
  id: { type: 'string' },
  status: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
  format: { type: 'string' },
  dataset: { type: 'string' },
  file_name: { type: 'string' },
  file_size: { type: 'integer' },
  rows_read: { type: 'integer', description: 'rows read so far' },
  result: { description: 'when done: what `groundtruth import … --json` prints (rejects_file is the URL of the rejects CSV)' },
  error: { description: 'when failed: why' },
});
const jobParams = query({ id: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,32}$', description: 'the job id' } }, ['id']);

export function importRoutes(app: FastifyInstance): void {
  const { gt } = app;
  const tags = ['imports'];

  app.post(
    '/api/imports',
    {
      config: {
        doc: {
          summary: 'upload an ACLED, UCDP or mapped CSV file to import (editors and admins)',
          description: 'multipart/form-data with the fields and the file in a part named "file". Answers 202 at once with the job; the import runs in the background, one at a time, atomically. Follow it at GET /api/imports/{id}.',
          tags,
          multipart: IMPORT_FORM,
          responses: { 202: { description: 'queued', schema: jobSchema }, 413: { description: 'larger than the upload limit' } },
        },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, EDITORS, 'import data');
      const job = await uploadImport(gt, request, actor);
      return reply.code(202).header('location', `/api/imports/${job.id}`).send(job);
    },
  );

  app.get('/api/imports', { config: { doc: { summary: 'import jobs started since the server started, newest first', tags, responses: { 200: { description: 'jobs', schema: listOf(jobSchema) } } } } }, async (request) => {
    actorOf(request);
    return gt.imports.list();
  });

  app.get<{ Params: { id: string }; Querystring: { rejects: number } }>(
    '/api/imports/:id',
    {
      schema: { params: jobParams, querystring: query({ rejects: { type: 'integer', minimum: 0, maximum: 1000, default: 100, description: 'how many rejected rows to include' } }) },
      config: {
        subject: 'import',
        doc: {
          summary: 'an import’s progress and its rejects report',
          tags,
          responses: { 200: { description: 'the job, with the first rejected rows (line, field, reason, row)', schema: { ...jobSchema, properties: { ...(jobSchema.properties as Record<string, unknown>), rejects: listOf(shape('a rejected row', { line: { type: 'integer' }, field: { type: 'string' }, reason: { type: 'string' }, row: { type: 'string' } })) } } }, 404: { description: 'no such job' } },
        },
      },
    },
    async (request) => {
      actorOf(request);
      const job = gt.imports.get(request.params.id);
      if (!job) throw new NotFoundError(`import ${request.params.id}`);
      const file = gt.imports.rejectsFile(job.id);
      return { ...job, rejects: file ? await readRejects(file, request.query.rejects) : [] };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/imports/:id/rejects.csv',
    {
      schema: { params: jobParams },
      config: { subject: 'import', doc: { summary: 'the whole rejects file (line, field, reason, row)', tags, responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, 404: { description: 'no such job, or nothing rejected' } } } },
    },
    async (request, reply) => {
      actorOf(request);
      const file = gt.imports.rejectsFile(request.params.id);
      if (!file) throw new NotFoundError(`rejects of import ${request.params.id}`);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${request.params.id}.rejects.csv"`).send(createReadStream(file));
    },
  );
}
