// GET /api/spread: places with events in a period and none in a baseline — `spread --json`.
import type { FastifyInstance } from 'fastify';
import { spread } from '../../analysis/spread.js';
import { actorOf } from '../request.js';
import { scopeOf, withinScope, withScopeNote } from '../scope.js';
import { filterQ, listOf, query, shape, window } from '../schemas/common.js';

export function spreadRoutes(app: FastifyInstance): void {
  const { gt } = app;
  app.get<{ Querystring: { q: string; period: string; baseline: string; level: string } }>(
    '/api/spread',
    {
      schema: {
        querystring: query(
          {
            q: { ...filterQ, default: '' },
            period: window('the period, e.g. 2021-08-15..2021-12-31'),
            baseline: window('the baseline, e.g. 2020..2021-08-14'),
            level: { type: 'string', pattern: '^(location|admin2|admin1|cell:\\d+(\\.\\d+)?km)$', default: 'admin2', description: 'location, admin2, admin1 or cell:25km' },
          },
          ['period', 'baseline'],
        ),
      },
      config: {
        doc: {
          summary: 'places new in a period',
          description: 'The same JSON as `groundtruth spread FILTER --period A --baseline B --json`, with `scope`: incidents of investigations you are not a member of are left out.',
          tags: ['analysis'],
          responses: {
            200: { description: 'the new places with when each first appeared', schema: shape('spread', { places: listOf(shape('a place')), period: { type: 'string' }, baseline: { type: 'string' }, level: { type: 'string' }, scope: { type: ['string', 'null'] } }) },
          },
        },
      },
    },
    async (request) => {
      const { q, period, baseline, level } = request.query;
      const version = await gt.results.version();
      const scope = await scopeOf(gt, version, actorOf(request));
      return withinScope(scope.hidden, () => gt.results.get(version, ['spread', q, period, baseline, level, scope.key], async () => withScopeNote(await spread(scope.store, q, { period, baseline, level }), scope)));
    },
  );
}
