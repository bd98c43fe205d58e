// GET /api/figure: one number with its margin, sentence, method note and sources — `figure --json`.
import type { FastifyInstance } from 'fastify';
import { figure } from '../../analysis/figure.js';
import type { Measure } from '../../analysis/measures.js';
import { actorOf } from '../request.js';
import { assertNoHidden, hiddenAt, withinScope } from '../scope.js';
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
});

export function figureRoutes(app: FastifyInstance): void {
  const { gt } = app;
  const { store } = gt;
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
          description: 'The same JSON as `groundtruth figure FILTER --measure M --json`.',
          tags: ['analysis'],
          responses: { 200: { description: 'the figure', schema: figureSchema }, 403: { description: 'the filter selects incidents of investigations you are not a member of' } },
        },
      },
    },
    async (request) => {
      const { q, measure: m, explain, ids } = request.query;
      const version = await gt.results.version();
      const hidden = await hiddenAt(gt, version, actorOf(request));
      // Event ids and SQL make a large answer asked for rarely: computed each time, not kept.
      const compute = () => figure(store, q, { measure: m, explain, ids });
      const f = await withinScope(hidden, () => (explain || ids ? compute() : gt.results.get(version, ['figure', q, m], compute)));
      assertNoHidden(hidden, f.datasets.map((d) => d.name));
      return f;
    },
  );
}
