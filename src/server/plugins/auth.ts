// Who is asking: a bearer token (scripts) or a session cookie (the browser desk). Without either, every
// /api route answers 401 except those marked public (login, health, the OpenAPI document).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UserRole } from '../../model/desk.js';
import { findSession } from '../accounts/sessions.js';
import { userForToken } from '../accounts/tokens.js';
import { Coalescer } from '../coalesce.js';

export const SESSION_COOKIE = 'gt_session';

function unauthenticated(reply: FastifyReply, message: string) {
  return reply.code(401).header('www-authenticate', 'Bearer realm="groundtruth"').send({ error: 'unauthenticated', message });
}

/** Clients sending many requests at once (a dashboard, a script) have their credentials looked up once per batch. */
interface Lookups {
  tokens: Coalescer<Awaited<ReturnType<typeof userForToken>>>;
  sessions: Coalescer<Awaited<ReturnType<typeof findSession>>>;
}

async function identify(app: FastifyInstance, request: FastifyRequest, { tokens, sessions }: Lookups): Promise<string | null> {
  const db = app.gt.store.db;
  const header = request.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) return 'Authorization: expected "Bearer TOKEN"';
    const token = m[1]!;
    const user = await tokens.read(token, () => userForToken(db, token));
    if (!user) return 'unknown or revoked token';
    request.actor = { name: user.name, role: user.role as UserRole };
    request.auth = { method: 'token' };
    return null;
  }
  const secret = request.cookies[SESSION_COOKIE];
  if (secret) {
    const session = await sessions.read(secret, () => findSession(db, secret));
    if (session) {
      request.actor = { name: session.name, role: session.role as UserRole };
      request.auth = { method: 'session', csrf: session.csrf_token, sessionSecret: secret };
      return null;
    }
    return 'your session has ended: sign in again';
  }
  return 'sign in (POST /api/login) or send Authorization: Bearer TOKEN';
}

export function installAuth(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('auth', null);
  const lookups: Lookups = { tokens: new Coalescer(), sessions: new Coalescer() };
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const problem = await identify(app, request, lookups);
    if (problem !== null && !request.routeOptions.config.public) return unauthenticated(reply, problem);
  });
}
