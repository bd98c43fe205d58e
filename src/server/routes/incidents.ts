// Incidents of an investigation: list, record, read, edit (with the version read: 409 if it moved on),
// move along the status path, disputes, verification steps, and links to sources and evidence.
import type { FastifyInstance } from 'fastify';
import type { CheckInput, DisputeInput, IncidentInput, IncidentStatus } from '../../model/desk.js';
import { addCheck, listChecks } from '../../store/desk/checks.js';
import { addDispute, resolveDispute } from '../../store/desk/disputes.js';
import { linkEvidence } from '../../store/desk/evidence.js';
import { createIncident, getIncident, listIncidents, setIncidentStatus, updateIncident, type IncidentPatch } from '../../store/desk/incidents.js';
import { linkSource, unlinkSource } from '../../store/desk/sources.js';
import { actorOf } from '../request.js';
import { body, idParams, listOf, nameParams, query, shape } from '../schemas/common.js';
import { checkBody, disputeBody, incidentBody, incidentPatchBody, statusBody } from '../schemas/desk.js';

export const incidentSchema = shape('an incident: its fields, status, version, sources, disputes, checks and evidence', {
  id: { type: 'integer' },
  investigation: { type: 'string' },
  ref: { type: 'string' },
  status: { type: 'string' },
  version: { type: 'integer' },
  grade: {},
  date_start: { type: 'string' },
  casualties: shape('min–max counts'),
  sources: listOf(shape('a linked source')),
  disputes: listOf(shape('a dispute')),
  checks: listOf(shape('a verification step')),
  evidence: listOf(shape('linked evidence')),
});
export const stepSchema = shape('a verification step', { id: { type: 'integer' }, kind: { type: 'string' }, method: { type: 'string' }, result: { type: 'string' }, analyst: { type: 'string' } });
const disputeSchema = shape('a dispute with its competing claims', { id: { type: 'integer' }, topic: { type: 'string' }, resolution: {}, claims: listOf(shape('a claim')) });
const linkParams = (other: string) => query({ id: { type: 'integer', minimum: 1 }, [other]: { type: 'integer', minimum: 1 } }, ['id', other]);

export function incidentRoutes(app: FastifyInstance): void {
  const db = app.gt.store.db;
  const tags = ['incidents'];

  app.get<{ Params: { name: string } }>(
    '/api/investigations/:name/incidents',
    { schema: { params: nameParams }, config: { subject: 'investigation', doc: { summary: "an investigation's incidents", tags, responses: { 200: { description: 'incidents', schema: listOf(incidentSchema) }, 404: { description: 'no such investigation, or not one you may read' } } } } },
    async (request) => listIncidents(actorOf(request), db, request.params.name),
  );

  app.post<{ Params: { name: string }; Body: IncidentInput }>(
    '/api/investigations/:name/incidents',
    { schema: { params: nameParams, body: incidentBody }, config: { subject: 'investigation', doc: { summary: 'record an incident (status unverified, version 1)', tags, responses: { 201: { description: 'recorded', schema: incidentSchema }, 404: { description: 'no such investigation, or not one you may read' }, 422: { description: 'the reference is taken' } } } } },
    async (request, reply) => reply.code(201).send(await createIncident(actorOf(request), db, request.params.name, request.body)),
  );

  app.get<{ Params: { id: number } }>(
    '/api/incidents/:id',
    { schema: { params: idParams }, config: { subject: 'incident', doc: { summary: 'one incident', tags, responses: { 200: { description: 'the incident', schema: incidentSchema }, 404: { description: 'no such incident, or not one you may read' } } } } },
    async (request) => getIncident(actorOf(request), db, request.params.id),
  );

  app.patch<{ Params: { id: number }; Body: IncidentPatch & { version: number; reason?: string | null } }>(
    '/api/incidents/:id',
    {
      schema: { params: idParams, body: incidentPatchBody },
      config: {
        subject: 'incident',
        doc: {
          summary: 'edit an incident',
          description: 'Send the fields that change and the `version` you read. Someone else’s edit in between answers 409; reload and try again. A verified incident needs a `reason`.',
          tags,
          responses: { 200: { description: 'the incident after the edit', schema: incidentSchema }, 404: { description: 'no such incident' }, 409: { description: 'the incident changed since you read it' }, 422: { description: 'a reason is required for a verified incident' } },
        },
      },
    },
    async (request) => {
      const { version, reason, ...patch } = request.body;
      return updateIncident(actorOf(request), db, request.params.id, patch, { version, reason });
    },
  );

  app.post<{ Params: { id: number }; Body: { status: IncidentStatus; version: number; reason?: string | null } }>(
    '/api/incidents/:id/status',
    {
      schema: { params: idParams, body: statusBody },
      config: { subject: 'incident', doc: { summary: 'move an incident along its status path', description: 'unverified → in_review → verified / disputed / discounted.', tags, responses: { 200: { description: 'the incident', schema: incidentSchema }, 409: { description: 'the incident changed since you read it' }, 422: { description: 'the move is not allowed from the current status' } } } },
    },
    async (request) => setIncidentStatus(actorOf(request), db, request.params.id, request.body.status, { version: request.body.version, reason: request.body.reason }),
  );

  app.post<{ Params: { id: number }; Body: DisputeInput }>(
    '/api/incidents/:id/disputes',
    { schema: { params: idParams, body: disputeBody }, config: { subject: 'incident', doc: { summary: 'record a dispute: competing claims, each with its source', tags, responses: { 201: { description: 'the dispute', schema: disputeSchema } } } } },
    async (request, reply) => reply.code(201).send(await addDispute(actorOf(request), db, request.params.id, request.body)),
  );

  app.post<{ Params: { id: number }; Body: { resolution: string } }>(
    '/api/disputes/:id/resolution',
    { schema: { params: idParams, body: body({ resolution: { type: 'string', minLength: 1, maxLength: 20_000 } }, ['resolution']) }, config: { subject: 'dispute', doc: { summary: 'record how a dispute was settled', tags, responses: { 200: { description: 'the dispute', schema: disputeSchema } } } } },
    async (request) => resolveDispute(actorOf(request), db, request.params.id, request.body.resolution),
  );

  app.get<{ Params: { id: number } }>(
    '/api/incidents/:id/checks',
    { schema: { params: idParams }, config: { subject: 'incident', doc: { summary: "an incident's verification steps", tags, responses: { 200: { description: 'steps', schema: listOf(stepSchema) } } } } },
    async (request) => listChecks(actorOf(request), db, { incidentId: request.params.id }),
  );

  app.post<{ Params: { id: number }; Body: CheckInput }>(
    '/api/incidents/:id/checks',
    { schema: { params: idParams, body: checkBody }, config: { subject: 'incident', doc: { summary: 'record a geolocation or chronolocation check of an incident', tags, responses: { 201: { description: 'the step', schema: stepSchema } } } } },
    async (request, reply) => reply.code(201).send(await addCheck(actorOf(request), db, { incidentId: request.params.id }, request.body)),
  );

  app.put<{ Params: { id: number; source: number }; Querystring: { role?: string } }>(
    '/api/incidents/:id/sources/:source',
    {
      schema: { params: linkParams('source'), querystring: query({ role: { type: 'string', maxLength: 200, description: 'how the source bears on the incident: announcement, report, corroboration…' } }) },
      config: { subject: 'incident', doc: { summary: 'link a source to an incident of the same investigation', tags, responses: { 200: { description: 'the incident', schema: incidentSchema } } } },
    },
    async (request) => {
      const actor = actorOf(request);
      await linkSource(actor, db, request.params.source, request.params.id, request.query.role ?? null);
      return getIncident(actor, db, request.params.id);
    },
  );

  app.delete<{ Params: { id: number; source: number }; Querystring: { reason?: string } }>(
    '/api/incidents/:id/sources/:source',
    { schema: { params: linkParams('source'), querystring: query({ reason: { type: 'string', maxLength: 5000 } }) }, config: { subject: 'incident', doc: { summary: 'unlink a source from an incident', tags, responses: { 200: { description: 'the incident', schema: incidentSchema } } } } },
    async (request) => {
      const actor = actorOf(request);
      await unlinkSource(actor, db, request.params.source, request.params.id, request.query.reason ?? null);
      return getIncident(actor, db, request.params.id);
    },
  );

  app.put<{ Params: { id: number; evidence: number } }>(
    '/api/incidents/:id/evidence/:evidence',
    { schema: { params: linkParams('evidence') }, config: { subject: 'incident', doc: { summary: 'link a piece of evidence to an incident of its investigation', tags, responses: { 200: { description: 'the incident', schema: incidentSchema } } } } },
    async (request) => {
      const actor = actorOf(request);
      await linkEvidence(actor, db, request.params.evidence, request.params.id);
      return getIncident(actor, db, request.params.id);
    },
  );
}
