// What the server adds to Fastify's types: who is asking, how they proved it, and each route's documentation.
import type { Actor } from '../model/desk.js';
import type { RouteDoc } from './openapi/doc.js';
import type { ServerContext } from './context.js';

export interface AuthInfo {
  method: 'session' | 'token';
  /** The session's CSRF token (sessions only): unsafe requests must send it back in X-CSRF-Token. */
  csrf?: string;
  /** The cookie's secret, so logout can end exactly this session. */
  sessionSecret?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    gt: ServerContext;
  }
  interface FastifyRequest {
    actor: Actor | null;
    auth: AuthInfo | null;
  }
  interface FastifyContextConfig {
    /** Documentation for the OpenAPI document; every route under /api has one. */
    doc?: RouteDoc;
    /** Answered without a session or token. */
    public?: boolean;
    /** What a denied read reports as not found ("incident"), with the route's :id or :name. */
    subject?: string;
  }
}
