// The audit log: entries the actor may read, and (for admins) a walk of the whole hash chain.
import type { FastifyInstance } from 'fastify';
import { listAudit, verifyAudit } from '../../store/desk/audit.js';
import { actorOf, ADMINS, requireRole } from '../request.js';
import { investigationName, listOf, query, shape } from '../schemas/common.js';

export function auditRoutes(app: FastifyInstance): void {
  const db = app.gt.store.db;
  const tags = ['audit'];
  app.get<{ Querystring: { investigation?: string; entity?: string; entity_id?: string; limit: number } }>(
    '/api/audit',
    {
      schema: {
        querystring: query({
          investigation: investigationName,
          entity: { type: 'string', maxLength: 40, description: 'incident, source, evidence, dispute, verification, member, investigation' },
          entity_id: { type: 'string', maxLength: 200, description: "the entity's id (incidents: INVESTIGATION/REF)" },
          limit: { type: 'integer', minimum: 1, maximum: 5000, default: 100 },
        }),
      },
      config: {
        doc: {
          summary: 'audit entries you may read, newest first',
          description: 'The same JSON as `groundtruth audit list --json`.',
          tags,
          responses: { 200: { description: 'entries, each with the hash of the one before', schema: listOf(shape('an entry', { seq: { type: 'integer' }, at: { type: 'string' }, actor: { type: 'string' }, entity: { type: 'string' }, entity_id: { type: 'string' }, action: { type: 'string' }, before: {}, after: {}, reason: {}, prev_hash: { type: 'string' }, hash: { type: 'string' } })) } },
        },
      },
    },
    async (request) => {
      const { investigation, entity, entity_id, limit } = request.query;
      return listAudit(actorOf(request), db, { investigation, entity, entityId: entity_id, limit });
    },
  );

  app.get(
    '/api/audit/verify',
    { config: { doc: { summary: 'walk the whole chain and name every edited or removed entry (admins)', tags, responses: { 200: { description: 'the report (ok, entries, head, problems)', schema: shape('report', { ok: { type: 'boolean' }, entries: { type: 'integer' }, head: {}, problems: listOf(shape('a problem')) }) } } } } },
    async (request) => verifyAudit(requireRole(request, ADMINS, 'verify the whole audit log'), db),
  );
}
