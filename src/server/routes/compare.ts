// GET /api/compare: two filters (?a=&b=), or one over a period and a baseline (?q=&period=&baseline=).
import type { FastifyInstance } from 'fastify';
import { compare } from '../../analysis/compare.js';
import type { Measure } from '../../analysis/measures.js';
import { badRequest } from '../errors.js';
import { actorOf } from '../request.js';
import { scopeOf, withinScope, withScopeNote } from '../scope.js';
import { filterQ, measure, query, shape, window } from '../schemas/common.js';
import { figureSchema } from './figure.js';

interface CompareQuery {
  a?: string;
  b?: string;
  q?: string;
  period?: string;
  baseline?: string;
  measure: Measure;
}

export function compareRoutes(app: FastifyInstance): void {
  const { gt } = app;
  app.get<{ Querystring: CompareQuery }>(
    '/api/compare',
    {
      schema: {
        querystring: query({
          a: { ...filterQ, description: 'the first filter (with b)' },
          b: { ...filterQ, description: 'the second filter (with a)' },
          q: { ...filterQ, description: 'one filter, compared over period and baseline' },
          period: window('with q: the period, e.g. 2021-10 or 2021-08-15..2021-12-31'),
          baseline: window('with q: the baseline, e.g. 2020-01..2020-09'),
          measure: { ...measure, default: 'fatalities' },
        }),
      },
      config: {
        doc: {
          summary: 'compare two figures',
          description: 'Either `a` and `b`, or `q` with `period` and `baseline`. The same JSON as `groundtruth compare … --json`, with `scope`: incidents of investigations you are not a member of are left out of both figures.',
          tags: ['analysis'],
          responses: {
            200: { description: 'both figures, the change and a sentence', schema: shape('a comparison', { measure: { type: 'string' }, a: figureSchema, b: figureSchema, change: shape('A minus B on the low values', { absolute: { type: 'number' }, percent: {} }), sentence: { type: 'string' }, scope: { type: ['string', 'null'] } }) },
          },
        },
      },
    },
    async (request) => {
      const { a, b, q, period, baseline, measure: m } = request.query;
      const pair = a !== undefined || b !== undefined;
      if (pair && (q !== undefined || period !== undefined || baseline !== undefined)) throw badRequest('give a and b, or q with period and baseline, not both', pair ? 'q' : 'a');
      if (pair && (a === undefined || b === undefined)) throw badRequest(`query parameter "${a === undefined ? 'a' : 'b'}": is required with ${a === undefined ? 'b' : 'a'}`, a === undefined ? 'a' : 'b');
      if (!pair && (period === undefined || baseline === undefined)) throw badRequest(`query parameter "${period === undefined ? 'period' : 'baseline'}": is required (or give a and b)`, period === undefined ? 'period' : 'baseline');
      const version = await gt.results.version();
      const scope = await scopeOf(gt, version, actorOf(request));
      return withinScope(scope.hidden, () =>
        gt.results.get(version, ['compare', a, b, q, period, baseline, m, scope.key], async () => {
          const c = pair ? await compare(scope.store, a!, b!, { measure: m }) : await compare(scope.store, q ?? '', null, { measure: m, period, baseline });
          return withScopeNote({ ...c, a: withScopeNote(c.a, scope), b: withScopeNote(c.b, scope) }, scope);
        }),
      );
    },
  );
}
