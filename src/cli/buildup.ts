// groundtruth buildup --region R --by day|week: distinct assets present in a region per period.
import { buildup, DEFAULT_GAP_DAYS, type BuildupPeriod } from '../analysis/buildup.js';
import { loadRegion, RegionError } from '../analysis/regions.js';
import { CliError, type RegisterCommand } from './context.js';
import { table } from './format.js';
import { numberFlag } from './sighting.js';

interface BuildupFlags {
  region: string;
  by: string;
  type?: string;
  operator?: string;
  since?: string;
  until?: string;
  gap?: string;
  json?: boolean;
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('buildup')
    .description('count the distinct assets present in a region, day by day or week by week')
    .requiredOption('--region <region>', 'a shipped region (caribbean), a GeoJSON file, or bbox:WEST,SOUTH,EAST,NORTH')
    .option('--by <period>', 'day or week', 'week')
    .option('--type <type>', 'only assets of this kind or subtype (ship, aircraft, destroyer…)')
    .option('--operator <text>', 'only assets of this operator ("US Navy")')
    .option('--since <date>', 'first day counted (YYYY-MM-DD)')
    .option('--until <date>', 'last day counted (YYYY-MM-DD)')
    .option('--gap <days>', 'sightings in the region less than this many days apart count as present between', String(DEFAULT_GAP_DAYS))
    .option('--json', 'print [{period, assets, names}] as JSON')
    .action(async (flags: BuildupFlags) => {
      if (flags.by !== 'day' && flags.by !== 'week') throw new CliError(`--by is day or week, got ${JSON.stringify(flags.by)}`);
      let region;
      try {
        region = loadRegion(flags.region);
      } catch (err) {
        if (err instanceof RegionError) throw new CliError(err.message);
        throw err;
      }
      const store = await ctx.store();
      const result = await buildup(store.db, {
        region,
        by: flags.by as BuildupPeriod,
        type: flags.type,
        operator: flags.operator,
        since: flags.since,
        until: flags.until,
        gapDays: numberFlag('--gap', flags.gap),
      }).catch((err: unknown) => {
        throw err instanceof RangeError ? new CliError(err.message) : err;
      });
      if (flags.json) return ctx.printJson(result.rows.map(({ period, start, end, assets, names }) => ({ period, start, end, assets, names })));
      ctx.print(`${result.region}: ${result.region_description}`);
      ctx.print(`present: on the day of a sighting in the region, and between two sightings there less than ${result.gap_days} days apart\n`);
      ctx.print(table(result.rows.map((r) => ({ [result.by]: r.period, from: r.start, to: r.end, assets: r.assets, names: r.names.join(', ') }))));
    });
};
