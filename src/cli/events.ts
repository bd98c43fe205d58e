// groundtruth events [FILTER] and groundtruth export FILTER: the events a filter selects, for people or files.
import { createWriteStream } from 'node:fs';
import { compileFilter, filterEnglish, prepareFilter } from '../analysis/filter/index.js';
import type { StoredEvent } from '../model/event.js';
import { EXPORT_FORMATS, writeEvents, type ExportFormat } from '../render/export/events.js';
import { eventPages } from '../store/event-pages.js';
import type { Store } from '../store/store.js';
import { CliError, type CliContext, type RegisterCommand } from './context.js';
import { table } from './format.js';

const TABLE_FORMATS = ['table', ...EXPORT_FORMATS] as const;
type EventsFormat = (typeof TABLE_FORMATS)[number];

async function selected(store: Store, filterText: string, limit?: number): Promise<{ events: AsyncGenerator<StoredEvent>; english: string }> {
  const filter = await prepareFilter(store, filterText);
  const where = compileFilter(filter, 'loose');
  return { events: eventPages(store.db, { where: () => where, limit }), english: filterEnglish(filter) };
}

function positiveInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new CliError(`${name} takes a whole number above 0, not ${JSON.stringify(v)}`);
  return Number(v);
}

/** Writes to a stream, waiting when it is full, so a large export keeps memory flat. */
function streamWriter(out: NodeJS.WritableStream) {
  return (chunk: string) => (out.write(chunk) ? undefined : new Promise<void>((r) => out.once('drain', () => r())));
}

async function write(ctx: CliContext, format: ExportFormat, events: AsyncIterable<StoredEvent>, english: string, output?: string) {
  const meta = { title: 'Groundtruth events', description: english };
  if (!output) return writeEvents(events, format, streamWriter(process.stdout), meta);
  const out = createWriteStream(output);
  const n = await writeEvents(events, format, streamWriter(out), meta);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  ctx.warn(`${n} events written to ${output}`);
  return n;
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('events')
    .description('list the events a filter selects (e.g. "country:Afghanistan date:2021-08-26.. actor:ISKP")')
    .argument('[filter]', 'filter expression', '')
    .option('--format <format>', `table, ${EXPORT_FORMATS.join(', ')}`, 'table')
    .option('--limit <n>', 'at most this many events (default 50 in a table)')
    .option('--json', 'same as --format json')
    .action(async (filterText: string, opts: { format: string; limit?: string; json?: boolean }) => {
      const format = (opts.json ? 'json' : opts.format) as EventsFormat;
      if (!TABLE_FORMATS.includes(format)) throw new CliError(`--format must be one of ${TABLE_FORMATS.join(', ')}`);
      const limit = positiveInt('--limit', opts.limit) ?? (format === 'table' ? 50 : undefined);
      const store = await ctx.store();
      const { events, english } = await selected(store, filterText, limit);
      if (format !== 'table') {
        await write(ctx, format, events, english);
        return;
      }
      const rows = [];
      for await (const e of events) {
        rows.push({ id: e.id, dataset: e.dataset, date: e.date_start === e.date_end ? e.date_start : `${e.date_start}..${e.date_end}`, type: e.event_type, actor1: e.actor1, actor2: e.actor2, country: e.iso3, admin1: e.admin1, location: e.location, fatalities: e.fatalities_best });
      }
      ctx.print(table(rows));
      ctx.warn(`${rows.length} events${limit && rows.length === limit ? ` (first ${limit}; --limit to see more)` : ''}${english ? `: ${english}` : ''}`);
    });

  program
    .command('export')
    .description('export the events a filter selects as CSV, JSON, GeoJSON or KML (Google Earth)')
    .argument('<filter>', 'filter expression ("" for everything)')
    .requiredOption('--format <format>', EXPORT_FORMATS.join(', '))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (filterText: string, opts: { format: string; output?: string }) => {
      if (!EXPORT_FORMATS.includes(opts.format as ExportFormat)) throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
      const store = await ctx.store();
      const { events, english } = await selected(store, filterText);
      await write(ctx, opts.format as ExportFormat, events, english, opts.output);
    });
};
