// groundtruth check "CLAIM" --series NAME | --filter F … --period A..B [--baseline C..D] --expect X: a published number against the data.
import { checkClaim, type ClaimCheck, type ClaimTarget } from '../analysis/claims.js';
import { parseTolerance } from '../analysis/series/expectation.js';
import { parseWhere } from '../analysis/series/total.js';
import { isMeasure, MEASURES } from '../analysis/measures.js';
import { CliError, type RegisterCommand } from './context.js';

interface CheckFlags {
  series?: string;
  where: string[];
  filter?: string;
  measure?: string;
  period: string;
  baseline?: string;
  expect: string;
  tolerance?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

const VERDICT_WORDS: Record<ClaimCheck['verdict'], string> = {
  accurate: 'ACCURATE',
  close: 'CLOSE',
  wrong: 'WRONG',
  cannot_check: 'CANNOT BE CHECKED with the data loaded',
};

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('check')
    .description('check a published number (a change, a level or a ratio) against a loaded series or the events: verdict, numbers, reasoning and sources')
    .argument('<claim>', 'the claim as published, in quotes')
    .option('--series <name>', 'check against this time series (see `series`)')
    .option('--where <dim=value>', 'with --series: only these dimension values (route=Central Mediterranean Route); repeatable', collect, [])
    .option('--filter <filter>', 'check against the events this filter selects (country:AFG type:…)')
    .option('--measure <measure>', `with --filter: ${MEASURES.join(', ')} (default fatalities)`)
    .requiredOption('--period <A..B>', 'the window the claim is about (2025-01..2025-10)')
    .option('--baseline <C..D>', 'what a change or ratio is measured against (2024-01..2024-10)')
    .requiredOption('--expect <value>', 'what the claim says: -22% (change), 152000 (level) or 2x (ratio)')
    .option('--tolerance <n>', 'how far off still counts as accurate: points for a change (default 1), % for a level (default 2) or ratio (default 5)')
    .option('--json', 'print JSON')
    .action(async (claim: string, flags: CheckFlags) => {
      if (Boolean(flags.series) === Boolean(flags.filter)) throw new CliError('give either --series NAME or --filter "…" (what to check the claim against)');
      if (flags.where.length && !flags.series) throw new CliError('--where selects values of a series: use it with --series (with --filter, put conditions in the filter)');
      if (flags.measure && !flags.filter) throw new CliError('--measure applies to events: use it with --filter');
      const measure = flags.measure ?? 'fatalities';
      if (!isMeasure(measure)) throw new CliError(`--measure ${measure}: one of ${MEASURES.join(', ')}`);
      const target: ClaimTarget = flags.series
        ? { kind: 'series', series: flags.series, where: parseWhere(flags.where) }
        : { kind: 'events', filter: flags.filter!, measure };
      const store = await ctx.store();
      const result = await checkClaim(store, {
        claim,
        expect: flags.expect,
        period: flags.period,
        baseline: flags.baseline ?? null,
        tolerance: flags.tolerance === undefined ? null : parseTolerance(flags.tolerance),
        target,
      });
      if (flags.json) {
        ctx.printJson(result);
        return;
      }
      ctx.print(`Claim: “${result.claim}”`);
      ctx.print(`Verdict: ${VERDICT_WORDS[result.verdict]}`);
      ctx.print('');
      ctx.print(result.reasoning);
      if (result.notes.length) {
        ctx.print('');
        for (const note of result.notes) ctx.print(`Note: ${note}`);
      }
      ctx.print('');
      ctx.print(`Tolerance: ${result.tolerance.text}${result.tolerance.default ? ' (default)' : ''}`);
      ctx.print('Sources:');
      for (const s of result.sources) {
        const parts = [s.title ?? s.name, s.attribution, s.licence && `licence: ${s.licence}`, s.access_date, s.url].filter(Boolean);
        ctx.print(`- ${s.name}: ${parts.join('; ')}`);
        for (const i of s.imports) ctx.print(`  imported from ${i.file_name} (sha256 ${i.sha256.slice(0, 16)}…) on ${i.finished_at.slice(0, 10)}`);
      }
    });
};
