// Assets (ships, aircraft) and their sightings, and the build-up of assets present in a region.
import type { FastifyInstance } from 'fastify';
import { buildup, DEFAULT_GAP_DAYS, type BuildupPeriod } from '../../analysis/buildup.js';
import { ASSET_KINDS, SIGHTING_KINDS, type AssetInput, type AssetKind, type SightingInput, type SightingKind, assetInputSchema, sightingInputSchema } from '../../model/asset.js';
import { addAsset, getAsset, listAssets, resolveAsset } from '../../store/assets/assets.js';
import { addSighting, listSightings } from '../../store/assets/sightings.js';
import { NotFoundError } from '../../model/desk.js';
import { badRequest } from '../errors.js';
import { actorOf, requireRole, WRITERS } from '../request.js';
import { dateParam, idParams, listOf, query, shape } from '../schemas/common.js';
import { fromZod } from '../schemas/zod.js';
import { regionOf } from '../regions.js';

const assetSchema = shape('an asset', { id: { type: 'integer' }, name: { type: 'string' }, kind: { type: 'string' }, subtype: {}, hull_or_tail: {}, icao24: {}, mmsi: {}, callsign: {}, operator: {}, sightings: { type: 'integer' }, first_seen: {}, last_seen: {} });
const sightingSchema = shape('a sighting', { id: { type: 'integer' }, asset_id: { type: 'integer' }, seen_at: { type: 'string' }, lat: { type: 'number' }, lon: { type: 'number' }, kind: { type: 'string' }, source: { type: 'string' } });
const instant = (description: string) => ({ type: 'string', maxLength: 40, description }) as const;

export function assetRoutes(app: FastifyInstance): void {
  const db = app.gt.store.db;
  const tags = ['assets'];

  app.get<{ Querystring: { kind?: AssetKind; operator?: string } }>(
    '/api/assets',
    {
      schema: { querystring: query({ kind: { type: 'string', enum: [...ASSET_KINDS] }, operator: { type: 'string', maxLength: 200, description: 'only assets of this operator ("US Navy")' } }) },
      config: { doc: { summary: 'ships and aircraft, with their sighting counts', tags, responses: { 200: { description: 'assets', schema: listOf(assetSchema) } } } },
    },
    async (request) => {
      actorOf(request);
      return listAssets(db, { kind: request.query.kind, operator: request.query.operator });
    },
  );

  app.post<{ Body: AssetInput }>(
    '/api/assets',
    { schema: { body: fromZod(assetInputSchema) }, config: { doc: { summary: 'register an asset (analysts and above)', tags, responses: { 201: { description: 'the asset', schema: assetSchema }, 409: { description: 'an asset already has that identifier' } } } } },
    async (request, reply) => {
      requireRole(request, WRITERS, 'register assets');
      return reply.code(201).send(await addAsset(db, request.body));
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/assets/:id',
    { schema: { params: idParams }, config: { subject: 'asset', doc: { summary: 'one asset', tags, responses: { 200: { description: 'the asset', schema: assetSchema }, 404: { description: 'no such asset' } } } } },
    async (request) => {
      actorOf(request);
      const asset = await getAsset(db, request.params.id);
      if (!asset) throw new NotFoundError(`asset ${request.params.id}`);
      return asset;
    },
  );

  app.get<{ Querystring: { asset?: string; since?: string; until?: string; kind?: SightingKind; type?: string } }>(
    '/api/sightings',
    {
      schema: {
        querystring: query({
          asset: { type: 'string', maxLength: 200, description: 'only this asset: id, name, hull or tail number, ICAO address, MMSI or callsign' },
          since: instant('from this day or time'),
          until: instant('up to this day (inclusive) or time'),
          kind: { type: 'string', enum: [...SIGHTING_KINDS] },
          type: { type: 'string', maxLength: 200, description: 'only assets of this kind or subtype' },
        }),
      },
      config: { doc: { summary: 'sightings, in time order per asset', description: 'The same JSON as `groundtruth sighting list --json`.', tags, responses: { 200: { description: 'sightings', schema: listOf(sightingSchema) } } } },
    },
    async (request) => {
      actorOf(request);
      const { asset, since, until, kind, type } = request.query;
      const only = asset ? await resolveAsset(db, asset) : null;
      return listSightings(db, { assetIds: only ? [only.id] : undefined, since, until, kind, assetType: type });
    },
  );

  app.post<{ Body: SightingInput }>(
    '/api/sightings',
    { schema: { body: fromZod(sightingInputSchema) }, config: { doc: { summary: 'record a sighting of an asset (analysts and above)', tags, responses: { 201: { description: 'the sighting', schema: sightingSchema }, 409: { description: 'the same asset, time and source is already recorded' } } } } },
    async (request, reply) => {
      requireRole(request, WRITERS, 'record sightings');
      return reply.code(201).send(await addSighting(db, request.body));
    },
  );

  app.get<{ Querystring: { region: string; by: BuildupPeriod; type?: string; operator?: string; since?: string; until?: string; gap: number } }>(
    '/api/buildup',
    {
      schema: {
        querystring: query(
          {
            region: { type: 'string', minLength: 1, maxLength: 200, description: 'a shipped region (caribbean) or bbox:WEST,SOUTH,EAST,NORTH' },
            by: { type: 'string', enum: ['day', 'week'], default: 'week' },
            type: { type: 'string', maxLength: 200, description: 'only assets of this kind or subtype (ship, aircraft, destroyer…)' },
            operator: { type: 'string', maxLength: 200 },
            since: dateParam('first day counted'),
            until: dateParam('last day counted'),
            gap: { type: 'number', minimum: 0, maximum: 365, default: DEFAULT_GAP_DAYS, description: 'sightings in the region less than this many days apart count as present between' },
          },
          ['region'],
        ),
      },
      config: {
        doc: {
          summary: 'distinct assets present in a region per day or week',
          description: 'The rows of `groundtruth buildup --json`, with the region and the presence rule.',
          tags,
          responses: { 200: { description: 'the build-up', schema: shape('build-up', { region: { type: 'string' }, region_description: { type: 'string' }, by: { type: 'string' }, gap_days: { type: 'number' }, rows: listOf(shape('a period', { period: { type: 'string' }, start: { type: 'string' }, end: { type: 'string' }, assets: { type: 'integer' }, names: listOf({ type: 'string' }) })) }) } },
        },
      },
    },
    async (request) => {
      actorOf(request);
      const { region, by, type, operator, since, until, gap } = request.query;
      if (since && until && since > until) throw badRequest('query parameter "since": is after until', 'since');
      return buildup(db, { region: regionOf(region), by, type, operator, since, until, gapDays: gap });
    },
  );
}
