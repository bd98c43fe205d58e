// GET /api/health: answers without touching the store, so it shows whether the server itself is responsive.
import type { FastifyInstance } from 'fastify';
import { shape } from '../schemas/common.js';

export function healthRoutes(app: FastifyInstance): void {
  app.get(
    '/api/health',
    {
      config: {
        public: true,
        doc: {
          summary: 'is the server up',
          tags: ['meta'],
          responses: { 200: { description: 'the server answers', schema: shape('status', { ok: { type: 'boolean' }, engine: { type: 'string', enum: ['sqlite', 'postgres'] }, imports_running: { type: 'integer' } }) } },
        },
      },
    },
    async () => ({ ok: true, engine: app.gt.store.engine, imports_running: app.gt.imports.list().filter((j) => j.status === 'running' || j.status === 'queued').length }),
  );
}
