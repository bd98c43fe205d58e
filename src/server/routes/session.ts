// Signing in and out: POST /api/login sets the session cookie, POST /api/logout ends it, GET /api/me says who.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { USER_ROLES } from '../../model/desk.js';
import { login } from '../accounts/login.js';
import { endSession } from '../accounts/sessions.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import { actorOf } from '../request.js';
import { body, shape } from '../schemas/common.js';

const me = shape('who is signed in', {
  name: { type: 'string' },
  role: { type: 'string', enum: [...USER_ROLES] },
  auth: { type: 'string', enum: ['session', 'token'] },
  csrf_token: { type: 'string', description: 'with a session: send it as X-CSRF-Token on POST, PUT, PATCH and DELETE' },
});

/** Secure when the request came over TLS, directly or through a proxy that says so. */
function overTls(request: FastifyRequest): boolean {
  const forwarded = request.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return request.protocol === 'https' || first === 'https';
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, secret: string, expires: Date): void {
  reply.setCookie(SESSION_COOKIE, secret, { path: '/', httpOnly: true, sameSite: 'lax', secure: overTls(request), expires });
}

export function sessionRoutes(app: FastifyInstance): void {
  app.post<{ Body: { name: string; password: string } }>(
    '/api/login',
    {
      schema: {
        body: body({ name: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 1024 } }, ['name', 'password']),
      },
      config: {
        public: true,
        doc: {
          summary: 'sign in',
          description: 'Sets an HttpOnly session cookie. Five failed attempts for a name (or twenty from one address) within 15 minutes answer 429 until the oldest ages out.',
          tags: ['session'],
          responses: {
            200: { description: 'signed in', schema: me },
            401: { description: 'wrong name or password' },
            429: { description: 'too many failed attempts', headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } } },
          },
        },
      },
    },
    async (request, reply) => {
      const result = await login(app.gt.store.db, { name: request.body.name, password: request.body.password, address: request.ip, userAgent: request.headers['user-agent'] ?? null }, app.gt.options.loginLimits);
      setSessionCookie(request, reply, result.secret, result.expires);
      return { name: result.user.name, role: result.user.role, auth: 'session', csrf_token: result.csrf };
    },
  );

  app.post(
    '/api/logout',
    { config: { doc: { summary: 'sign out (ends this session)', tags: ['session'], responses: { 204: { description: 'signed out' } } } } },
    async (request, reply) => {
      if (request.auth?.sessionSecret) await endSession(app.gt.store.db, request.auth.sessionSecret);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get('/api/me', { config: { doc: { summary: 'who is signed in', tags: ['session'], responses: { 200: { description: 'the actor', schema: me } } } } }, async (request) => {
    const actor = actorOf(request);
    return { name: actor.name, role: actor.role, auth: request.auth?.method, ...(request.auth?.csrf ? { csrf_token: request.auth.csrf } : {}) };
  });
}
