// GET /api/breakdown: a measure split by time, place, actor or type — `breakdown --json`.
import type { FastifyInstance } from 'fastify';
import { breakdown, BREAKDOWN_KEYS, type BreakdownKey } from '../../analysis/breakdown.js';
import type { Measure } from '../../analysis/measures.js';
import { badRequest } from '../errors.js';
import { actorOf } from '../request.js';
import { scopeOf, withinScope, withScopeNote } from '../scope.js';
import { filterQ, listOf, measure, query, shape } from '../schemas/common.js';

const TIME: readonly string[] = ['day', 'week', 'month', 'year'];

/** "month" or "month,country": one or two keys, at most one of them a time. */
export function parseBy(text: string): BreakdownKey[] {
  const keys = text.split(',').map((k) => k.trim());
  for (const k of keys) if (!(BREAKDOWN_KEYS as readonly string[]).includes(k)) throw badRequest(`query parameter "by": ${JSON.stringify(k)} is not a key: use one of ${BREAKDOWN_KEYS.join(', ')}`, 'by');
  if (keys.length > 2) throw badRequest('query parameter "by": one key, or two joined by a comma', 'by');
  if (keys.filter((k) => TIME.includes(k)).length > 1) throw badRequest('query parameter "by": break down by one time key at a time', 'by');
  return keys as BreakdownKey[];
}

export const byParam = { type: 'string', minLength: 1, maxLength: 40, description: `one key, or two joined by a comma: ${BREAKDOWN_KEYS.join(', ')}` } as const;

export function breakdownRoutes(app: FastifyInstance): void {
  const { gt } = app;
  app.get<{ Querystring: { q: string; by: string; measure: Measure; top?: number } }>(
    '/api/breakdown',
    {
      schema: {
        querystring: query(
          {
            q: { ...filterQ, default: '' },
            by: byParam,
            measure: { ...measure, default: 'events' },
            top: { type: 'integer', minimum: 1, maximum: 1000, description: 'keep the largest N groups and sum the rest into one row' },
          },
          ['by'],
        ),
      },
      config: {
        doc: {
          summary: 'a measure split by time, place, actor or type',
          description: 'The same JSON as `groundtruth breakdown FILTER --by KEY --json`, with `scope`: incidents of investigations you are not a member of are left out.',
          tags: ['analysis'],
          responses: {
            200: {
              description: 'the breakdown',
              schema: shape('rows with their margins, the total and a sentence per row', { by: listOf({ type: 'string' }), measure: { type: 'string' }, rows: listOf(shape('a group')), total: shape('the total'), shares: listOf({ type: 'string' }), source: { type: 'string' }, filter: { type: 'string' }, scope: { type: ['string', 'null'] } }),
            },
          },
        },
      },
    },
    async (request) => {
      const { q, by, measure: m, top } = request.query;
      const keys = parseBy(by);
      const version = await gt.results.version();
      const scope = await scopeOf(gt, version, actorOf(request));
      return withinScope(scope.hidden, () => gt.results.get(version, ['breakdown', q, keys, m, top, scope.key], async () => withScopeNote(await breakdown(scope.store, q, { by: keys, measure: m, top }), scope)));
    },
  );
}
