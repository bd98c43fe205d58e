// groundtruth chart FILTER and groundtruth map FILTER: a figure drawn, in the format the output file names.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import Papa from 'papaparse';
import type { Command } from 'commander';
import { isMeasure, MEASURES, type Measure } from '../analysis/measures.js';
import { embedSnippet } from '../render/embed.js';
import { annotationsFromFilter, parseAnnotation } from '../render/of-filter/annotations.js';
import type { Annotation } from '../render/types.js';
import { CHART_KINDS, MAP_KINDS, makeGraphic, SIZES, type GraphicRequest } from '../render/of-filter/graphic.js';
import { writeGraphic } from '../render/write.js';
import { CliError, type CliContext, type RegisterCommand } from './context.js';

interface GraphicFlags {
  output: string;
  by?: string;
  type?: string;
  kind?: string;
  measure: string;
  size: string;
  title?: string;
  subtitle?: string;
  top?: string;
  country?: string;
  scale?: string;
  annotate?: string[];
  annotateEvents?: string;
  annotateTop?: string;
  boundaries?: string;
  nameProperty?: string;
  population?: string;
  json?: boolean;
}

const OUTPUTS = /\.(svg|png|html|vl\.json|csv)$/i;

async function annotations(ctx: CliContext, flags: GraphicFlags): Promise<Annotation[]> {
  const byHand = (flags.annotate ?? []).map(parseAnnotation);
  if (flags.annotateEvents === undefined) return byHand;
  const top = Number(flags.annotateTop ?? 3);
  if (!Number.isInteger(top) || top < 1 || top > 20) throw new CliError('--annotate-top takes a whole number from 1 to 20');
  return [...byHand, ...(await annotationsFromFilter(await ctx.store(), flags.annotateEvents, top))];
}

/** A CSV of region name and population (a header row, then "name,population"). */
function readPopulation(file: string): Record<string, number> {
  const rows = Papa.parse<string[]>(readFileSync(file, 'utf8'), { skipEmptyLines: true }).data.slice(1);
  const out: Record<string, number> = {};
  rows.forEach((r, i) => {
    const n = Number(r[1]);
    if (!r[0] || !Number.isFinite(n) || n <= 0) throw new CliError(`${file}: line ${i + 2}: expected a region name and a population above 0`);
    out[r[0]] = n;
  });
  return out;
}

async function draw(ctx: CliContext, graphic: 'chart' | 'map', filter: string, flags: GraphicFlags) {
  if (!OUTPUTS.test(flags.output)) throw new CliError(`-o ${flags.output}: the file must end in .svg, .png, .html, .vl.json or .csv`);
  if (!isMeasure(flags.measure)) throw new CliError(`--measure must be one of ${MEASURES.join(', ')}`);
  if (!(SIZES as readonly string[]).includes(flags.size)) throw new CliError(`--size must be one of ${SIZES.join(', ')}`);
  const top = flags.top === undefined ? undefined : Number(flags.top);
  if (top !== undefined && (!Number.isInteger(top) || top < 1)) throw new CliError('--top takes a whole number above 0');
  const scale = flags.scale === undefined ? 1 : Number(flags.scale);
  if (!(scale > 0 && scale <= 4)) throw new CliError('--scale takes a number from 0.5 to 4 (PNG only)');
  const request: GraphicRequest = {
    graphic,
    q: filter,
    measure: flags.measure as Measure,
    kind: flags.type ?? flags.kind ?? (graphic === 'chart' ? 'bar' : 'points'),
    by: flags.by,
    size: flags.size as GraphicRequest['size'],
    title: flags.title,
    subtitle: flags.subtitle,
    top,
    country: flags.country,
    annotations: await annotations(ctx, flags),
    boundaries: flags.boundaries ? { geojson: flags.boundaries, nameProperty: flags.nameProperty } : undefined,
    population: flags.population ? readPopulation(flags.population) : undefined,
  };
  const result = await makeGraphic(await ctx.store(), request);
  const bytes = writeGraphic(result, flags.output, { scale });
  if (flags.json) {
    ctx.printJson({ file: flags.output, bytes, width: result.width, height: result.height, title: result.title, alt_text: result.altText });
    return;
  }
  ctx.print(`${flags.output}: ${result.title} (${result.width}×${result.height}, ${bytes.toLocaleString('en-GB')} bytes)`);
  ctx.print(`alt text: ${result.altText}`);
  if (flags.output.toLowerCase().endsWith('.html')) {
    ctx.print('\nPaste where the graphic should appear, once the file is online (replace the address):');
    ctx.print(embedSnippet(`https://example.org/graphics/${basename(flags.output)}`, { title: result.title }));
  }
}

const common = (cmd: Command) =>
  cmd
    .requiredOption('-o, --output <file>', 'output file: .svg, .png, .html (self-contained embed), .vl.json (Vega-Lite spec) or .csv')
    .option('--measure <measure>', MEASURES.join(', '), 'events')
    .option('--size <size>', SIZES.join(', '), 'desktop')
    .option('--title <text>', 'title (default: written from the filter)')
    .option('--subtitle <text>', 'subtitle')
    .option('--scale <n>', 'PNG pixel ratio, e.g. 2 for high-density screens')
    .option('--json', 'print what was written as JSON');

export const register: RegisterCommand = (program, ctx) => {
  common(program.command('chart').argument('<filter>', 'filter expression ("" for everything)'))
    .description('draw a chart of a breakdown: bars, line, stacked, ranked, cumulative, step or small multiples')
    .option('--by <keys>', 'day, week, month, year, or a place/actor/type key; "month,actor1" for stacked bars and multiples', 'month')
    .option('--type <kind>', CHART_KINDS.join(', '), 'bar')
    .option('--top <n>', 'keep the largest N groups')
    .option('--annotate <date:label>', 'mark a key event, e.g. "2021-08-26: Kabul airport bombing" (repeatable)', (v: string, all: string[] = []) => [...all, v])
    .option('--annotate-events <filter>', 'mark the deadliest events this filter selects')
    .option('--annotate-top <n>', 'how many of them (default 3)')
    .action(async (filter: string, flags: GraphicFlags) => draw(ctx, 'chart', filter, flags));

  common(program.command('map').argument('<filter>', 'filter expression ("" for everything)'))
    .description('draw a map: points sized by fatalities, a choropleth by admin1, or hex-bin density')
    .option('--kind <kind>', MAP_KINDS.join(', '), 'points')
    .option('--by <key>', 'choropleth areas: admin1 or country', 'admin1')
    .option('--country <country>', 'the country the map is about (name or ISO code)')
    .option('--boundaries <file>', 'admin boundaries (GeoJSON polygons) for a country other than Afghanistan')
    .option('--name-property <name>', 'the property holding each boundary feature’s name (default "name")')
    .option('--population <file>', 'choropleth per 100,000 people: a CSV of region name and population')
    .action(async (filter: string, flags: GraphicFlags) => draw(ctx, 'map', filter, flags));
};
