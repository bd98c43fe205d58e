// Sources of an investigation: reports and announcements, linked many-to-many with its incidents.
import type { FastifyInstance } from 'fastify';
import type { SourceInput } from '../../model/desk.js';
import { addSource, getSource, listSources, updateSource } from '../../store/desk/sources.js';
import { actorOf } from '../request.js';
import { idParams, listOf, nameParams, shape } from '../schemas/common.js';
import { sourceBody, sourcePatchBody } from '../schemas/desk.js';

const sourceSchema = shape('a source', { id: { type: 'integer' }, investigation: { type: 'string' }, who: { type: 'string' }, title: {}, published_at: {}, url: {}, archive_url: {}, claim: {}, incidents: listOf({ type: 'integer' }) });

export function sourceRoutes(app: FastifyInstance): void {
  const db = app.gt.store.db;
  const tags = ['sources'];

  app.get<{ Params: { name: string } }>(
    '/api/investigations/:name/sources',
    { schema: { params: nameParams }, config: { subject: 'investigation', doc: { summary: "an investigation's sources", tags, responses: { 200: { description: 'sources', schema: listOf(sourceSchema) } } } } },
    async (request) => listSources(actorOf(request), db, request.params.name),
  );

  app.post<{ Params: { name: string }; Body: SourceInput & { incident_id?: number; role?: string | null } }>(
    '/api/investigations/:name/sources',
    { schema: { params: nameParams, body: sourceBody }, config: { subject: 'investigation', doc: { summary: 'add a source (optionally linked to an incident at once)', tags, responses: { 201: { description: 'the source', schema: sourceSchema } } } } },
    async (request, reply) => {
      const { incident_id, role, ...input } = request.body;
      return reply.code(201).send(await addSource(actorOf(request), db, request.params.name, input, { incidentId: incident_id, role: role ?? null }));
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/sources/:id',
    { schema: { params: idParams }, config: { subject: 'source', doc: { summary: 'one source', tags, responses: { 200: { description: 'the source', schema: sourceSchema }, 404: { description: 'no such source, or not one you may read' } } } } },
    async (request) => getSource(actorOf(request), db, request.params.id),
  );

  app.patch<{ Params: { id: number }; Body: Partial<SourceInput> & { reason?: string | null } }>(
    '/api/sources/:id',
    { schema: { params: idParams, body: sourcePatchBody }, config: { subject: 'source', doc: { summary: "change a source's fields (audited with the reason)", tags, responses: { 200: { description: 'the source', schema: sourceSchema } } } } },
    async (request) => {
      const { reason, ...patch } = request.body;
      return updateSource(actorOf(request), db, request.params.id, patch, reason ?? null);
    },
  );
}
