// Events: a page of those a filter selects, one event, and its history of revisions.
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../model/desk.js';
import { FLAT_COLUMNS } from '../../render/export/flat-event.js';
import { badRequest } from '../errors.js';
import { eventMap, gridFor, MAX_CELLS, type Box } from '../queries/event-map.js';
import { eventsPage, EVENT_SORTS, type EventSort } from '../queries/events-page.js';
import { eventHistory } from '../queries/history.js';
import { actorOf } from '../request.js';
import { hiddenAt, hiddenDatasets, scopeOf, withinScope, withScopeNote } from '../scope.js';
import type { JsonSchema } from '../openapi/doc.js';
import { filterQ, idParams, listOf, query, shape } from '../schemas/common.js';

const flatEvent = shape('an event, flat as every export writes it', Object.fromEntries(FLAT_COLUMNS.map((c) => [c, {}])));

const NUMBER = '-?\\d{1,3}(\\.\\d+)?';

/** "west,south,east,north" in degrees; west > east crosses the antimeridian. */
export function parseBox(text: string | undefined): Box | null {
  if (text === undefined) return null;
  const [west, south, east, north] = text.split(',').map(Number) as [number, number, number, number];
  const problem =
    Math.abs(west) > 180 || Math.abs(east) > 180 ? 'longitudes lie within -180..180' : Math.abs(south) > 90 || Math.abs(north) > 90 ? 'latitudes lie within -90..90' : south >= north ? 'south must lie below north' : null;
  if (problem) throw badRequest(`query parameter "bbox": ${problem} (west,south,east,north)`, 'bbox');
  return { west, south, east, north };
}

const mapFeature = (kind: string, properties: Record<string, JsonSchema>) =>
  shape(`a GeoJSON point feature: ${kind}`, { type: { type: 'string', enum: ['Feature'] }, id: {}, geometry: shape('a Point, [lon, lat]'), properties: shape(`the ${kind}`, properties) });

const eventMapSchema = shape('a GeoJSON FeatureCollection of cells or events, with what was read', {
  type: { type: 'string', enum: ['FeatureCollection'] },
  features: listOf({
    oneOf: [
      mapFeature('a cell of the grid, at the mean position of its events', { kind: { type: 'string', enum: ['cell'] }, id: { type: 'string' }, events: { type: 'integer' }, fatalities: { type: 'number' }, west: { type: 'number' }, south: { type: 'number' }, east: { type: 'number' }, north: { type: 'number' } }),
      mapFeature('one event', { kind: { type: 'string', enum: ['event'] }, id: { type: 'integer' }, events: { type: 'integer' }, fatalities: { type: 'number' }, date: { type: 'string' }, place: { type: 'string' } }),
    ],
  }),
  filter: { type: 'string' },
  english: { type: 'string' },
  mode: { type: 'string', enum: ['cells', 'events'] },
  total: { type: 'integer', description: 'events of the filter with coordinates inside the box' },
  cell_degrees: { type: ['number', 'null'] },
  bbox: listOf({ type: 'number' }),
  extent: { type: ['array', 'null'], items: { type: 'number' }, description: 'west, south, east, north of the events found (from the cell rollup, of their tenth-degree cells)' },
  source: { type: 'string', enum: ['rollup_cell_months', 'rollup_points', 'events'] },
  view: { type: ['object', 'null'], description: 'with fit: the centre [lon, lat] and zoom that frame the events' },
  scope: { type: ['string', 'null'] },
});

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
      return eventsPage(gt.reads, { ...request.query, hidden: ids }, (count) => gt.results.get(version, ['events-total', request.query.q, ids], count));
    },
  );

  app.get<{ Querystring: { q: string; bbox?: string; zoom: number; limit: number; fit?: string } }>(
    '/api/events/geojson',
    {
      schema: {
        querystring: query({
          q: { ...filterQ, default: '' },
          bbox: { type: 'string', pattern: `^${NUMBER},${NUMBER},${NUMBER},${NUMBER}$`, description: 'the map view: west,south,east,north in degrees (west > east crosses the antimeridian); default the whole world' },
          zoom: { type: 'number', minimum: 0, maximum: 24, default: 1, description: 'the map’s zoom level (512-pixel tiles): cells are about 1/12 of a tile' },
          limit: { type: 'integer', minimum: 0, maximum: 5000, default: 2000, description: 'send the events one by one when the view holds at most this many' },
          fit: { type: 'string', pattern: '^\\d{2,5}x\\d{2,5}$', description: 'WIDTHxHEIGHT of a view in pixels: choose the zoom that frames the events (answered in `view`), and answer for the whole world at that zoom; bbox and zoom are then ignored' },
        }),
      },
      config: {
        doc: {
          summary: 'the events a filter selects, for a map view, as GeoJSON',
          description: `Never every row: the events inside the view are summed into a grid of cells that shrink as the map zooms in (at most ${MAX_CELLS} cells), and sent one by one only when the view holds at most \`limit\`. Incidents of investigations you are not a member of are left out.`,
          tags: ['events'],
          responses: { 200: { description: 'cells or events', schema: eventMapSchema, content: { 'application/geo+json': { schema: eventMapSchema } } } },
        },
      },
    },
    async (request, reply) => {
      const { q, zoom, limit } = request.query;
      const bbox = parseBox(request.query.bbox);
      const [width, height] = (request.query.fit ?? '').split('x').map(Number) as [number, number];
      const fit = request.query.fit ? { width, height } : null;
      const version = await gt.results.version();
      const scope = await scopeOf(gt, version, actorOf(request));
      // Keyed by the box widened to whole cells: views that differ by less than a cell share one answer.
      const { cell, box } = gridFor(bbox, zoom);
      const map = await withinScope(scope.hidden, () =>
        gt.results.get(version, ['event-map', q, fit ?? [cell, box], limit, scope.key], async () => withScopeNote(await eventMap(scope.store, { q, bbox, zoom, limit, fit }), scope)),
      );
      return reply.type('application/geo+json; charset=utf-8').send(map);
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
