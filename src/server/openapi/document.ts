// The OpenAPI 3.1 document, built from the routes themselves: their JSON schemas (which Fastify also
// validates requests with) and the documentation each route carries. Nothing is written twice.
import { readFileSync } from 'node:fs';
import type { RouteOptions } from 'fastify';
import type { JsonSchema, RouteDoc } from './doc.js';

export interface CollectedRoute {
  method: string;
  url: string;
  schema: { querystring?: JsonSchema; params?: JsonSchema; body?: JsonSchema };
  doc: RouteDoc;
  public: boolean;
}

const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'a short code: invalid, filter, unauthenticated, csrf, forbidden, not_found, conflict, rule, too_large, too_many_attempts, busy, internal' },
    message: { type: 'string', description: 'what went wrong, for people; a filter error carries the filter with a caret under the term at fault' },
    field: { type: 'string', description: 'the input at fault, when one is' },
  },
};

export function collect(route: RouteOptions): CollectedRoute | null {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const doc = route.config?.doc;
  if (!doc || methods.includes('HEAD')) return null;
  const schema = (route.schema ?? {}) as CollectedRoute['schema'];
  return { method: String(methods[0]).toLowerCase(), url: route.url, schema, doc, public: Boolean(route.config?.public) };
}

function parameters(schema: JsonSchema | undefined, where: 'query' | 'path'): JsonSchema[] {
  if (!schema) return [];
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: where, required: where === 'path' || required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

export function buildDocument(routes: CollectedRoute[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const params = [...parameters(r.schema.params, 'path'), ...parameters(r.schema.querystring, 'query')];
    const unsafe = !['get', 'head', 'options'].includes(r.method);
    if (unsafe && !r.public) params.push({ name: 'X-CSRF-Token', in: 'header', required: false, description: 'required when a session cookie authenticates the request', schema: { type: 'string' } });
    const responses: Record<string, JsonSchema> = {};
    for (const [status, res] of Object.entries(r.doc.responses)) {
      const content = res.content ?? (res.schema ? { 'application/json': { schema: res.schema } } : undefined);
      responses[status] = { description: res.description, ...(content ? { content } : {}), ...(res.headers ? { headers: res.headers } : {}) };
    }
    if (params.length > 0 || r.schema.body || r.doc.multipart) responses['400'] ??= errorResponse('bad input: the message names the field');
    if (!r.public) {
      responses['401'] ??= errorResponse('no session or token');
      if (unsafe) responses['403'] ??= errorResponse('the role or the investigation membership does not allow it, or the CSRF token is missing');
    }
    const op: JsonSchema = {
      operationId: `${r.method}${path.replace(/[{}]/g, '').replace(/(^|[/._-])([a-z0-9])/g, (_m, _s, c: string) => c.toUpperCase())}`,
      summary: r.doc.summary,
      ...(r.doc.description ? { description: r.doc.description } : {}),
      tags: r.doc.tags,
      ...(params.length ? { parameters: params } : {}),
      ...(r.schema.body ? { requestBody: { required: true, content: { 'application/json': { schema: r.schema.body } } } } : {}),
      ...(r.doc.multipart ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: r.doc.multipart } } } } : {}),
      responses,
      ...(r.public ? { security: [] } : {}),
    };
    (paths[path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Groundtruth',
      version: VERSION,
      description:
        'The HTTP API of the Groundtruth desk: conflict-event data, figures with provenance, charts and maps, and the desk’s investigations. ' +
        'Filters use the Groundtruth filter language in `q` (e.g. `actor:ISKP country:AFG date:2021-08-26..`). ' +
        'Sign in with POST /api/login (a session cookie; send the returned csrf_token as X-CSRF-Token on POST, PUT, PATCH and DELETE) ' +
        'or send `Authorization: Bearer TOKEN` with a token from `groundtruth token create`.',
      license: { name: 'MIT' },
    },
    servers: [{ url: '/' }],
    security: [{ session: [] }, { token: [] }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'gt_session', description: 'set by POST /api/login' },
        token: { type: 'http', scheme: 'bearer', description: 'a token from `groundtruth token create NAME`' },
      },
      schemas: { Error: ERROR_SCHEMA },
    },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
  };
}
