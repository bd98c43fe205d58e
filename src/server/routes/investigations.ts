// Investigations and their members. Access is decided in the library from the actor and membership.
import type { FastifyInstance } from 'fastify';
import type { InvestigationInput, MemberRole } from '../../model/desk.js';
import { createInvestigation, getInvestigation, listInvestigations, listMembers, removeMember, setMember } from '../../store/desk/investigations.js';
import { actorOf } from '../request.js';
import { investigationName, listOf, nameParams, query, shape } from '../schemas/common.js';
import { investigationBody, memberBody } from '../schemas/desk.js';

const summary = shape('an investigation with your role in it and its counts', {
  id: { type: 'integer' },
  name: { type: 'string' },
  title: { type: 'string' },
  description: {},
  dataset: { type: 'string' },
  role: {},
  incidents: { type: 'integer' },
  sources: { type: 'integer' },
  evidence: { type: 'integer' },
});
const member = shape('a member', { user: { type: 'string' }, role: { type: 'string' }, added_by: { type: 'string' }, added_at: { type: 'string' } });
const memberParams = query({ name: investigationName, user: { type: 'string', minLength: 1, maxLength: 64 } }, ['name', 'user']);

export function investigationRoutes(app: FastifyInstance): void {
  const db = app.gt.store.db;
  const tags = ['investigations'];

  app.get('/api/investigations', { config: { doc: { summary: 'the investigations you may read', tags, responses: { 200: { description: 'investigations', schema: listOf(summary) } } } } }, async (request) =>
    listInvestigations(actorOf(request), db),
  );

  app.post<{ Body: InvestigationInput }>(
    '/api/investigations',
    {
      schema: { body: investigationBody },
      config: { doc: { summary: 'open an investigation (you become its owner)', tags, responses: { 201: { description: 'opened', schema: summary }, 422: { description: 'the name is taken' } } } },
    },
    async (request, reply) => reply.code(201).send(await createInvestigation(actorOf(request), db, request.body)),
  );

  app.get<{ Params: { name: string } }>(
    '/api/investigations/:name',
    {
      schema: { params: nameParams },
      config: { subject: 'investigation', doc: { summary: 'an investigation with its members', description: 'The same JSON as `groundtruth investigation show NAME --json`.', tags, responses: { 200: { description: 'the investigation', schema: { ...summary, properties: { ...(summary.properties as Record<string, unknown>), members: listOf(member) } } }, 404: { description: 'no such investigation, or not one you may read' } } } },
    },
    async (request) => {
      const actor = actorOf(request);
      const inv = await getInvestigation(actor, db, request.params.name);
      return { ...inv, members: await listMembers(actor, db, request.params.name) };
    },
  );

  app.put<{ Params: { name: string; user: string }; Body: { role: MemberRole } }>(
    '/api/investigations/:name/members/:user',
    {
      schema: { params: memberParams, body: memberBody },
      config: { subject: 'investigation', doc: { summary: 'add a member or change a member’s role (owners only)', tags, responses: { 200: { description: 'the member', schema: member }, 404: { description: 'no such investigation or user' }, 422: { description: 'an investigation keeps at least one owner' } } } },
    },
    async (request) => ({ investigation: request.params.name, ...(await setMember(actorOf(request), db, request.params.name, request.params.user, request.body.role)) }),
  );

  app.delete<{ Params: { name: string; user: string } }>(
    '/api/investigations/:name/members/:user',
    {
      schema: { params: memberParams },
      config: { subject: 'investigation', doc: { summary: 'remove a member (owners only)', tags, responses: { 204: { description: 'removed' }, 404: { description: 'no such investigation or member' } } } },
    },
    async (request, reply) => {
      await removeMember(actorOf(request), db, request.params.name, request.params.user);
      return reply.code(204).send();
    },
  );
}
