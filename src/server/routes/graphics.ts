// Charts and maps of a filter: SVG, PNG, a self-contained HTML embed, the Vega-Lite spec or the data as CSV.
// /api/chart.svg?… and /api/chart?format=svg&… are the same request (the first reads better in a link).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Measure } from '../../analysis/measures.js';
import { CHART_KINDS, CONTENT_TYPES, encode, FORMATS, makeGraphic, MAP_KINDS, SIZES, type Format, type GraphicRequest } from '../../render/of-filter/graphic.js';
import { badRequest } from '../errors.js';
import { useGraphicPolicy } from '../plugins/security-headers.js';
import { actorOf } from '../request.js';
import { checkFilterScope } from '../scope.js';
import { filterQ, measure, query } from '../schemas/common.js';
import type { JsonSchema } from '../openapi/doc.js';

interface GraphicQuery {
  q: string;
  by?: string;
  measure: Measure;
  kind?: string;
  type?: string;
  size: (typeof SIZES)[number];
  title?: string;
  subtitle?: string;
  top?: number;
  country?: string;
  format?: Format;
  download?: boolean;
}

function graphicQuery(graphic: 'chart' | 'map', withFormat: boolean): JsonSchema {
  const kinds = graphic === 'chart' ? CHART_KINDS : MAP_KINDS;
  return query({
    q: { ...filterQ, default: '' },
    by: {
      type: 'string',
      maxLength: 40,
      description: graphic === 'chart' ? 'what the chart splits by (default month); a time key and a second key for stacked and multiples: month,actor1' : 'choropleth: admin1 (default) or country',
    },
    measure: { ...measure, default: 'fatalities' },
    kind: { type: 'string', enum: [...kinds], description: `${graphic === 'chart' ? 'bar (default)' : 'points (default)'}, ${kinds.slice(1).join(', ')}` },
    type: { type: 'string', enum: [...kinds], description: 'the same as kind' },
    size: { type: 'string', enum: [...SIZES], default: 'desktop', description: 'mobile (360 px), desktop (640 px) or wide (960 px)' },
    title: { type: 'string', maxLength: 300, description: 'default: from the measure and the split' },
    subtitle: { type: 'string', maxLength: 500 },
    ...(graphic === 'chart'
      ? { top: { type: 'integer', minimum: 1, maximum: 200, description: 'keep the largest N groups' } }
      : { country: { type: 'string', maxLength: 100, description: 'the country the map is about (default: the one the events are in)' } }),
    ...(withFormat ? { format: { type: 'string', enum: [...FORMATS], default: 'svg' } } : {}),
    download: { type: 'boolean', description: 'send as a file to save' },
  });
}

const formatParams = query({ format: { type: 'string', enum: [...FORMATS], description: 'svg, png, html, vl.json or csv' } }, ['format']);

export function requestOf(graphic: 'chart' | 'map', qs: GraphicQuery): GraphicRequest {
  if (qs.kind && qs.type && qs.kind !== qs.type) throw badRequest('query parameters "kind" and "type" disagree: give one', 'type');
  return { graphic, q: qs.q, measure: qs.measure, kind: qs.kind ?? qs.type ?? (graphic === 'chart' ? 'bar' : 'points'), by: qs.by, size: qs.size, title: qs.title, subtitle: qs.subtitle, top: qs.top, country: qs.country };
}

const slug = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'graphic';

export function graphicRoutes(app: FastifyInstance): void {
  const { gt } = app;

  const answer = async (graphic: 'chart' | 'map', format: Format, qs: GraphicQuery, request: FastifyRequest, reply: FastifyReply) => {
    const r = requestOf(graphic, qs);
    const version = await gt.results.version();
    await checkFilterScope(gt, version, actorOf(request), [r.q]);
    // Drawing (and PNG above all) is the slow part: kept, like the figures, until the data changes.
    const { bytes, title } = await gt.graphics.get(version, ['graphic', r, format], async () => {
      const g = await makeGraphic(gt.reads, r);
      return { bytes: encode(g, format), title: g.title };
    });
    reply.type(CONTENT_TYPES[format]);
    if (format === 'html') useGraphicPolicy(reply, "'self'");
    if (qs.download) reply.header('content-disposition', `attachment; filename="${slug(title)}.${format}"`);
    return reply.send(bytes);
  };

  for (const graphic of ['chart', 'map'] as const) {
    const doc = {
      summary: graphic === 'chart' ? 'a chart of a filter' : 'a map of a filter',
      description:
        graphic === 'chart'
          ? 'A breakdown of the filter drawn as a framed chart with its source line (Vega-Lite rendered on the server). The same graphic at /api/chart.{format}.'
          : 'The events of the filter as points or hex bins, or a breakdown as a choropleth, on an offline Natural Earth base map. The same graphic at /api/map.{format}.',
      tags: ['graphics'],
      responses: {
        200: {
          description: 'the graphic',
          content: Object.fromEntries(FORMATS.map((f) => [CONTENT_TYPES[f].split(';')[0]!, { schema: f === 'png' ? { type: 'string', format: 'binary' } : { type: 'string' } }])),
        },
        403: { description: 'the filter selects incidents of investigations you are not a member of' },
      },
    };
    app.get<{ Querystring: GraphicQuery }>(`/api/${graphic}`, { schema: { querystring: graphicQuery(graphic, true) }, config: { doc } }, (request, reply) =>
      answer(graphic, request.query.format ?? 'svg', request.query, request, reply),
    );
    app.get<{ Params: { format: Format }; Querystring: GraphicQuery }>(
      `/api/${graphic}.:format`,
      { schema: { params: formatParams, querystring: graphicQuery(graphic, false) }, config: { doc: { ...doc, summary: `${doc.summary}, in the format its name ends with` } } },
      (request, reply) => answer(graphic, request.params.format, request.query, request, reply),
    );
  }
}
