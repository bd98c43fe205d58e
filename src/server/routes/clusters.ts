// GET /api/clusters: events chained within K km and D days — `clusters --json`.
import type { FastifyInstance } from 'fastify';
import { clusters } from '../../analysis/clusters.js';
import { actorOf } from '../request.js';
import { scopeOf, withinScope, withScopeNote } from '../scope.js';
import { filterQ, listOf, query, shape } from '../schemas/common.js';

export function clusterRoutes(app: FastifyInstance): void {
  const { gt } = app;
  app.get<{ Querystring: { q: string; km: number; days: number; min: number } }>(
    '/api/clusters',
    {
      schema: {
        querystring: query({
          q: { ...filterQ, default: '' },
          km: { type: 'number', exclusiveMinimum: 0, maximum: 20_000, default: 25, description: 'distance that links two events' },
          days: { type: 'integer', minimum: 0, maximum: 3650, default: 3, description: 'days that link two events' },
          min: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 3, description: 'smallest cluster reported, in events' },
        }),
      },
      config: {
        doc: {
          summary: 'space-time clusters',
          description: 'The same JSON as `groundtruth clusters FILTER --km K --days D --json`, with `scope`: incidents of investigations you are not a member of are left out.',
          tags: ['analysis'],
          responses: {
            200: { description: 'the clusters, largest first', schema: shape('clusters', { clusters: listOf(shape('a cluster with its sentence and event ids')), unplaced: { type: 'integer' }, km: { type: 'number' }, days: { type: 'integer' }, min: { type: 'integer' }, scope: { type: ['string', 'null'] } }) },
          },
        },
      },
    },
    async (request) => {
      const { q, km, days, min } = request.query;
      const version = await gt.results.version();
      const scope = await scopeOf(gt, version, actorOf(request));
      return withinScope(scope.hidden, () => gt.results.get(version, ['clusters', q, km, days, min, scope.key], async () => withScopeNote(await clusters(scope.store, q, { km, days, min }), scope)));
    },
  );
}
