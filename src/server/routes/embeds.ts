// Published embeds: an editor freezes a chart or map as self-contained HTML; anyone may then frame /embed/{id}.
import type { FastifyInstance } from 'fastify';
import { embedSnippet } from '../../render/embed.js';
import { NotFoundError } from '../../model/desk.js';
import { embedHtmlOf, listEmbeds, publishEmbed, unpublishEmbed } from '../embeds/store.js';
import { encode, makeGraphic } from '../../render/of-filter/graphic.js';
import { CHART_KINDS, MAP_KINDS, SIZES } from '../../render/of-filter/graphic.js';
import { actorOf, EDITORS, requireRole } from '../request.js';
import { checkFilterScope } from '../scope.js';
import { body, filterQ, listOf, measure, query, shape } from '../schemas/common.js';
import { requestOf } from './graphics.js';
import type { Measure } from '../../analysis/measures.js';

interface PublishBody {
  graphic: 'chart' | 'map';
  q: string;
  measure: Measure;
  kind?: string;
  by?: string;
  size: (typeof SIZES)[number];
  title?: string;
  subtitle?: string;
  top?: number;
  country?: string;
}

const embedSchema = shape('a published embed', {
  id: { type: 'string' },
  kind: { type: 'string', enum: ['chart', 'map'] },
  title: { type: 'string' },
  query: shape('what was published: the graphic request'),
  url: { type: 'string', description: 'where it is served, for any page to frame' },
  snippet: { type: 'string', description: 'HTML to paste into a page: the iframe, and a script that fits its height' },
  created_by: { type: 'string' },
  created_at: { type: 'string' },
});
const embedParams = query({ id: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,32}$' } }, ['id']);

export function embedRoutes(app: FastifyInstance): void {
  const { gt } = app;
  const db = gt.store.db;
  const tags = ['embeds'];

  app.post<{ Body: PublishBody }>(
    '/api/embeds',
    {
      schema: {
        body: body(
          {
            graphic: { type: 'string', enum: ['chart', 'map'] },
            q: { ...filterQ, default: '' },
            measure: { ...measure, default: 'fatalities' },
            kind: { type: 'string', enum: [...new Set([...CHART_KINDS, ...MAP_KINDS])] },
            by: { type: 'string', maxLength: 40 },
            size: { type: 'string', enum: [...SIZES], default: 'desktop' },
            title: { type: 'string', maxLength: 300 },
            subtitle: { type: 'string', maxLength: 500 },
            top: { type: 'integer', minimum: 1, maximum: 200 },
            country: { type: 'string', maxLength: 100 },
          },
          ['graphic'],
        ),
      },
      config: {
        doc: {
          summary: 'publish a chart or map (editors and admins)',
          description: 'Draws the graphic as GET /api/chart or /api/map would, and keeps its self-contained HTML as it is now: later imports do not change what readers see.',
          tags,
          responses: { 201: { description: 'published', schema: embedSchema } },
        },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, EDITORS, 'publish graphics');
      const r = requestOf(request.body.graphic, { ...request.body, q: request.body.q ?? '' });
      await checkFilterScope(gt, await gt.results.version(), actor, [r.q]);
      const graphic = await makeGraphic(gt.store, r);
      const made = await publishEmbed(db, actor, { kind: r.graphic, title: graphic.title, query: { ...r }, html: encode(graphic, 'html').toString('utf8') });
      const url = `${request.protocol}://${request.host}/embed/${made.id}`;
      return reply.code(201).send({ ...made, url, snippet: embedSnippet(url, { title: graphic.title, height: graphic.height + 120 }) });
    },
  );

  app.get('/api/embeds', { config: { doc: { summary: 'published embeds, newest first', tags, responses: { 200: { description: 'embeds', schema: listOf(embedSchema) } } } } }, async (request) => {
    actorOf(request);
    return (await listEmbeds(db)).map((e) => ({ ...e, url: `/embed/${e.id}` }));
  });

  app.delete<{ Params: { id: string } }>(
    '/api/embeds/:id',
    { schema: { params: embedParams }, config: { subject: 'embed', doc: { summary: 'unpublish an embed (editors and admins)', tags, responses: { 204: { description: 'gone' }, 404: { description: 'no such embed' } } } } },
    async (request, reply) => {
      requireRole(request, EDITORS, 'unpublish graphics');
      await unpublishEmbed(db, request.params.id);
      return reply.code(204).send();
    },
  );

  // Public, and framable anywhere: the security plugin sends the embed policy for /embed/*.
  app.get<{ Params: { id: string } }>(
    '/embed/:id',
    {
      schema: { params: embedParams },
      config: {
        public: true,
        doc: {
          summary: 'a published chart or map, as self-contained HTML any page may frame',
          tags,
          responses: { 200: { description: 'the embed', content: { 'text/html': { schema: { type: 'string' } } } }, 404: { description: 'no such embed (or unpublished)' } },
        },
      },
    },
    async (request, reply) => {
      const html = await embedHtmlOf(db, request.params.id);
      if (html === null) throw new NotFoundError(`embed ${request.params.id}`);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=300').send(html);
    },
  );
}
