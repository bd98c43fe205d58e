// CSRF: a request that a session cookie authenticates must carry the session's token in X-CSRF-Token
// when it changes anything. A bearer token cannot be sent by another site, so it needs none.
import type { FastifyInstance } from 'fastify';
import { sameSecret } from '../accounts/secrets.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

export function installCsrf(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const auth = request.auth;
    if (auth?.method !== 'session' || SAFE.has(request.method) || request.routeOptions.config.public) return;
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !auth.csrf || !sameSecret(sent, auth.csrf)) {
      return reply.code(403).send({ error: 'csrf', message: 'missing or wrong X-CSRF-Token header: send the csrf_token that POST /api/login and GET /api/me return' });
    }
  });
}
