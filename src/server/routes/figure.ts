// GET /api/figure: one number with its margin, sentence, method note and sources — `figure --json`.
import type { FastifyInstance } from 'fastify';
import { figure } from '../../analysis/figure.js';
import type { Measure } from '../../analysis/measures.js';
import { actorOf } from '../request.js';
import { scopeOf, withinScope, withScopeNote } from '../scope.js';
import { filterQ, listOf, measure, query, shape } from '../schemas/common.js';

export const figureSchema = shape('a figure with its provenance (the JSON of `groundtruth figure --json`)', {
  measure: { type: 'string' },
  value: shape('low, best and high', { low: { type: 'number' }, best: { type: 'number' }, high: { type: 'number' } }),
  events: { type: 'integer' },
  margin: shape('events straddling the window’s edges, not counted'),
  units: {},
  sentence: { type: 'string' },
  margin_note: {},
  filter: { type: 'string' },
  english: { type: 'string' },
  description: { type: 'string', description: 'the method note' },
  datasets: listOf(shape('a dataset used, with its imports, hashes and access date')),
  event_ids: {},
  explain: {},
  scope: { type: ['string', 'null'], description: 'what was left out of the answer for you (incidents of investigations you are not a member of), or null' },
});

export function figureRoutes(app: FastifyInstance): void {
  const { gt } = app;
  app.get<{ Querystring: { q: string; measure: Measure; explain?: boolean; ids?: boolean } }>(
    '/api/figure',
    {
      schema: {
        querystring: query({
          q: { ...filterQ, default: '' },
          measure: { ...measure, default: 'fatalities' },
          explain: { type: 'boolean', description: 'add the SQL, the table read and the ids of the events counted and of the margin' },
          ids: { type: 'boolean', description: 'add the ids of the events counted' },
        }),
      },
      config: {
        doc: {
          summary: 'a figure: one measure over one filter, with provenance',
          description: 'The same JSON as `groundtruth figure FILTER --measure M --json`, with `scope`: incidents of investigations you are not a member of are left out of the count (and said so in the method note).',
          tags: ['analysis'],
          responses: { 200: { description: 'the figure', schema: figureSchema } },
        },
      },
    },
    async (request, reply) => {
      const { q, measure: m, explain, ids } = request.query;
      const version = await gt.results.version();
      const scope = await scopeOf(gt, version, actorOf(request));
      const compute = async () => withScopeNote(await figure(scope.store, q, { measure: m, explain, ids }), scope);
      // Event ids and SQL make a large answer asked for rarely: computed each time, not kept.
      if (explain || ids) return withinScope(scope.hidden, compute);
      // Kept as the JSON sent, so an answer asked for again costs no serialising either.
      const body = await withinScope(scope.hidden, () => gt.results.get(version, ['figure', q, m, scope.key], async () => JSON.stringify(await compute())));
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );
}
