// Collects every documented route as it is added and serves the OpenAPI document at /api/openapi.json.
import type { FastifyInstance } from 'fastify';
import { buildDocument, collect, type CollectedRoute } from '../openapi/document.js';

export function installOpenApi(app: FastifyInstance): void {
  const routes: CollectedRoute[] = [];
  app.addHook('onRoute', (route) => {
    const c = collect(route);
    if (c) routes.push(c);
    else if (route.url.startsWith('/api/') && route.method !== 'HEAD' && !(Array.isArray(route.method) && route.method.includes('HEAD'))) {
      throw new Error(`route ${String(route.method)} ${route.url} has no documentation (config.doc)`);
    }
  });
  let document: unknown = null;
  app.get(
    '/api/openapi.json',
    {
      config: {
        public: true,
        doc: { summary: 'this document', tags: ['meta'], responses: { 200: { description: 'the OpenAPI 3.1 document of every endpoint' } } },
      },
    },
    async () => (document ??= buildDocument(routes)),
  );
}
