// GET /api/users: names and roles of the desk's people, for choosing members.
import type { FastifyInstance } from 'fastify';
import { USER_ROLES } from '../../model/desk.js';
import { listAccounts } from '../accounts/users.js';
import { actorOf } from '../request.js';
import { listOf, shape } from '../schemas/common.js';

export function userRoutes(app: FastifyInstance): void {
  const db = app.gt.store.db;
  app.get(
    '/api/users',
    { config: { doc: { summary: 'the desk’s users (names and roles)', tags: ['session'], responses: { 200: { description: 'users', schema: listOf(shape('a user', { name: { type: 'string' }, role: { type: 'string', enum: [...USER_ROLES] } })) } } } } },
    async (request) => {
      actorOf(request);
      return (await listAccounts(db)).map((u) => ({ name: u.name, role: u.role }));
    },
  );
}
