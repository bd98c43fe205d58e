// Evidence: list, upload (multipart, streamed), read with its checks and custody, download with its hash.
import type { FastifyInstance } from 'fastify';
import type { CheckInput } from '../../model/desk.js';
import { addCheck, listChecks } from '../../store/desk/checks.js';
import { custodyLog } from '../../store/desk/custody.js';
import { getEvidence, listEvidence } from '../../store/desk/evidence.js';
import { downloadEvidence } from '../evidence/download.js';
import { EVIDENCE_FORM, uploadEvidence } from '../evidence/upload.js';
import { actorOf } from '../request.js';
import { idParams, investigationName, listOf, query, shape } from '../schemas/common.js';
import { checkBody } from '../schemas/desk.js';
import { stepSchema } from './incidents.js';

const evidenceSchema = shape('a piece of evidence', {
  id: { type: 'integer' },
  investigation: { type: 'string' },
  hash: { type: 'string', description: 'SHA-256:<hex>' },
  size: { type: 'integer' },
  mime: {},
  original_name: {},
  origin_url: {},
  captured_at: {},
  acquired_at: { type: 'string' },
  acquired_by: { type: 'string' },
  metadata: shape('EXIF and media metadata: position, time taken, duration'),
  incidents: listOf({ type: 'integer' }),
});

export function evidenceRoutes(app: FastifyInstance): void {
  const { gt } = app;
  const db = gt.store.db;
  const tags = ['evidence'];

  app.get<{ Querystring: { investigation?: string; incident?: number } }>(
    '/api/evidence',
    {
      schema: { querystring: query({ investigation: investigationName, incident: { type: 'integer', minimum: 1, description: 'evidence linked to this incident' } }) },
      config: { doc: { summary: 'evidence you may read (of one investigation or incident)', tags, responses: { 200: { description: 'evidence', schema: listOf(evidenceSchema) } } } },
    },
    async (request) => listEvidence(actorOf(request), db, { investigation: request.query.investigation, incidentId: request.query.incident }),
  );

  app.post(
    '/api/evidence',
    {
      config: {
        doc: {
          summary: 'upload a file as evidence',
          description:
            'multipart/form-data: the fields first (incident or investigation, origin_url, captured_at, acquired_by, acquired_at), the file last in a part named "file". ' +
            'The file is streamed to disk, hashed into the content-addressed store, its type sniffed and metadata read, and its custody begun. The same bytes uploaded again to the same investigation answer 200 with duplicate: true.',
          tags,
          multipart: EVIDENCE_FORM,
          responses: { 201: { description: 'stored', schema: evidenceSchema }, 200: { description: 'the investigation already held these bytes', schema: evidenceSchema }, 413: { description: 'larger than the upload limit' } },
        },
      },
    },
    async (request, reply) => {
      const added = await uploadEvidence(gt, request, actorOf(request));
      return reply.code(added.duplicate ? 200 : 201).send(added);
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/evidence/:id',
    {
      schema: { params: idParams },
      config: { subject: 'evidence', doc: { summary: 'a piece of evidence with its checks and custody log', description: 'The same JSON as `groundtruth evidence show ID --json`.', tags, responses: { 200: { description: 'the evidence', schema: { ...evidenceSchema, properties: { ...(evidenceSchema.properties as Record<string, unknown>), checks: listOf(stepSchema), custody: listOf(shape('a custody entry')) } } }, 404: { description: 'no such evidence, or not yours to read' } } } },
    },
    async (request) => {
      const actor = actorOf(request);
      const e = await getEvidence(actor, db, request.params.id);
      return { ...e, checks: await listChecks(actor, db, { evidenceId: e.id }), custody: await custodyLog(actor, db, e.id) };
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/evidence/:id/file',
    {
      schema: { params: idParams },
      config: {
        subject: 'evidence',
        doc: {
          summary: 'download the file',
          description: 'The bytes as stored, with their SHA-256 in X-Content-SHA256 and Repr-Digest; re-hashed while sent (a file altered on disk breaks the transfer). The download is logged in custody as a viewing.',
          tags,
          responses: {
            200: { description: 'the file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } }, headers: { 'X-Content-SHA256': { description: 'hex SHA-256 of the bytes', schema: { type: 'string' } }, 'Repr-Digest': { description: 'RFC 9530 digest', schema: { type: 'string' } } } },
            404: { description: 'no such evidence, or not yours to read' },
            410: { description: 'the stored file is missing' },
          },
        },
      },
    },
    async (request, reply) => {
      const d = await downloadEvidence(gt, actorOf(request), request.params.id);
      // A download is a file, not a page: no sniffing, no rendering in the desk's origin.
      return reply.headers(d.headers).header('content-security-policy', "default-src 'none'; sandbox").send(d.body);
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/evidence/:id/checks',
    { schema: { params: idParams }, config: { subject: 'evidence', doc: { summary: "a piece of evidence's verification steps", tags, responses: { 200: { description: 'steps', schema: listOf(stepSchema) } } } } },
    async (request) => listChecks(actorOf(request), db, { evidenceId: request.params.id }),
  );

  app.post<{ Params: { id: number }; Body: CheckInput }>(
    '/api/evidence/:id/checks',
    { schema: { params: idParams, body: checkBody }, config: { subject: 'evidence', doc: { summary: 'record a geolocation or chronolocation check of a piece of evidence (logged in custody)', tags, responses: { 201: { description: 'the step', schema: stepSchema } } } } },
    async (request, reply) => reply.code(201).send(await addCheck(actorOf(request), db, { evidenceId: request.params.id }, request.body)),
  );
}
