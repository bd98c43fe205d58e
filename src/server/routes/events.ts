// Events: a page of those a filter selects, one event, and its history of revisions.
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../model/desk.js';
import { FLAT_COLUMNS } from '../../render/export/flat-event.js';
import { eventsPage, EVENT_SORTS, type EventSort } from '../queries/events-page.js';
import { eventHistory } from '../queries/history.js';
import { actorOf } from '../request.js';
import { hiddenAt, hiddenDatasets } from '../scope.js';
import { filterQ, idParams, listOf, query, shape } from '../schemas/common.js';

const flatEvent = shape('an event, flat as every export writes it', Object.fromEntries(FLAT_COLUMNS.map((c) => [c, {}])));

export function eventRoutes(app: FastifyInstance): void {
  const { gt } = app;
  const { store } = gt;

  app.get<{ Querystring: { q: string; limit: number; offset: number; sort: EventSort } }>(
    '/api/events',
    {
      schema: {
        querystring: query({
          q: { ...filterQ, default: '' },
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50, description: 'events per page' },
          offset: { type: 'integer', minimum: 0, maximum: 10_000_000, default: 0, description: 'events skipped' },
          sort: { type: 'string', enum: [...EVENT_SORTS], default: '-date', description: 'date, id or fatalities; a leading "-" sorts from the highest' },
        }),
      },
      config: {
        doc: {
          summary: 'the events a filter selects, a page at a time',
          description: 'Events as `groundtruth events FILTER --json` prints them, with the total count. Incidents of investigations you are not a member of are left out.',
          tags: ['events'],
          responses: {
            200: {
              description: 'one page',
              schema: shape('a page of events', { filter: { type: 'string' }, english: { type: 'string' }, total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' }, sort: { type: 'string' }, events: listOf(flatEvent) }),
            },
          },
        },
      },
    },
    async (request) => {
      const version = await gt.results.version();
      const { ids } = await hiddenAt(gt, version, actorOf(request));
      return eventsPage(store, { ...request.query, hidden: ids }, (count) => gt.results.get(version, ['events-total', request.query.q, ids], count));
    },
  );

  const visibleEvent = async (actorHidden: Promise<{ names: Set<string> }>, id: number) => {
    const event = await store.getEvent(id);
    if (!event || (await actorHidden).names.has(event.dataset)) throw new NotFoundError(`event ${id}`);
    return event;
  };

  app.get<{ Params: { id: number } }>(
    '/api/events/:id',
    {
      schema: { params: idParams },
      config: { doc: { summary: 'one event', tags: ['events'], responses: { 200: { description: 'the event with its store fields (revision, import, canonical actors)', schema: flatEvent }, 404: { description: 'no such event' } } } },
    },
    async (request) => visibleEvent(hiddenDatasets(store.db, actorOf(request)), request.params.id),
  );

  app.get<{ Params: { id: number } }>(
    '/api/events/:id/history',
    {
      schema: { params: idParams },
      config: {
        doc: {
          summary: "an event's revisions and what each changed",
          description: 'The same JSON as `groundtruth history ID --json`.',
          tags: ['events'],
          responses: { 200: { description: 'the event and its revisions, oldest first', schema: shape('history', { event: flatEvent, revisions: listOf(shape('a revision', { revision: { type: 'integer' }, import_id: {}, deleted_at: {}, changes: listOf(shape('a change', { field: { type: 'string' }, before: {}, after: {} })) })) }) }, 404: { description: 'no such event' } },
        },
      },
    },
    async (request) => {
      await visibleEvent(hiddenDatasets(store.db, actorOf(request)), request.params.id);
      const h = await eventHistory(store, request.params.id);
      if (!h) throw new NotFoundError(`event ${request.params.id}`);
      return h;
    },
  );
}
