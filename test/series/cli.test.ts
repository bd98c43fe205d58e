// The import series, series and check commands, run as a person would run them.
import { join } from 'node:path';
import { Command } from 'commander';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register as checkCommand } from '../../src/cli/check.js';
import { CliError, type CliContext } from '../../src/cli/context.js';
import { registerImportSeries, register as seriesCommand } from '../../src/cli/series.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { sqliteLocation, type TestStoreLocation } from '../helpers/stores.js';

const MONTHLY = new URL('../../data/demo/frontex_ibc_monthly_by_route_2009_2025.csv', import.meta.url).pathname;
const MAPPING = new URL('../../data/mappings/frontex-ibc-monthly.json', import.meta.url).pathname;
const monthly = Papa.parse<Record<string, string>>(readFileSync(MONTHLY, 'utf8').trim(), { header: true }).data;

describe('import series, series and check commands', () => {
  let where: TestStoreLocation;
  let store: Store;
  let out: string[];
  let ctx: CliContext;

  async function run(...args: string[]): Promise<string> {
    out = [];
    const program = new Command('groundtruth').exitOverride();
    registerImportSeries(program.command('import'), ctx);
    for (const register of [seriesCommand, checkCommand]) register(program, ctx);
    await program.parseAsync(args, { from: 'user' });
    return out.join('\n');
  }
  const json = async <T>(...args: string[]) => JSON.parse(await run(...args, '--json')) as T;

  beforeAll(async () => {
    where = await sqliteLocation();
    store = await openStore(where.location);
    ctx = {
      store: async () => store,
      print: (t) => void out.push(t),
      printJson: (v) => void out.push(JSON.stringify(v)),
      warn: () => undefined,
      interactive: false,
      fail: () => undefined,
    };
  });
  afterAll(async () => {
    await store?.close();
    await where?.cleanup();
  });

  it('imports a series and lists it', async () => {
    const record = await json<{ series: string; inserted: number }>('import', 'series', MONTHLY, '--mapping', MAPPING, '--rejects', join(where.dir, 'r.csv'));
    expect(record).toMatchObject({ series: 'frontex-ibc', inserted: monthly.length });
    const months = monthly.map((r) => r.month!).sort();
    const name = (ym: string) => new Date(`${ym}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const listed = (await run('series')).split('\n').find((l) => l.startsWith('frontex-ibc'))!;
    expect(listed.split(/\s{2,}/).slice(0, 5)).toEqual(['frontex-ibc', 'month × route', monthly.length.toLocaleString('en-GB'), name(months[0]!), name(months.at(-1)!)]);
  });

  it('prints a series by route over a window, and by month for one route', async () => {
    const byRoute = await json<{ total: number; rows: { key: string; value: number }[] }>('series', 'frontex-ibc', '--period', '2024', '--by', 'route');
    const sum = (route?: string) => monthly.filter((r) => r.month!.startsWith('2024-') && (!route || r.route === route)).reduce((s, r) => s + Number(r.n), 0);
    expect(byRoute.total).toBe(sum());
    expect(byRoute.rows.find((r) => r.key === 'Eastern Mediterranean Route')!.value).toBe(sum('Eastern Mediterranean Route'));
    const text = await run('series', 'frontex-ibc', '--period', '2024', '--where', 'route=Western African Route');
    expect(text).toContain(`2024, route = Western African Route: ${sum('Western African Route').toLocaleString('en-GB')} detections of illegal border crossings`);
    expect(text).toMatch(/January 2024\s+\d/);
    expect(text).toContain('licence: © Frontex, reuse authorised with attribution');
    expect(await run('series', 'frontex-ibc', '--history')).toContain('no value has been replaced or removed');
    await expect(run('series', 'frontex-ibc', '--by', 'country')).rejects.toThrow(/can be broken down by period, route/);
  });

  it('checks a claim, for people and as JSON', async () => {
    const args = ['check', 'Irregular crossings down 22% in January–October 2025', '--series', 'frontex-ibc', '--period', '2025-01..2025-10', '--baseline', '2024-01..2024-10', '--expect', '-22%', '--tolerance', '1.5'];
    const text = await run(...args);
    expect(text).toContain('Verdict: CANNOT BE CHECKED with the data loaded');
    expect(text).toContain('May–October 2025 are missing');
    expect(text).toContain('Tolerance: 1.5 points');
    const result = await json<{ verdict: string; expected: { value: number }; tolerance: { value: number }; computed: { missing: unknown[] } }>(...args);
    expect(result).toMatchObject({ verdict: 'cannot_check', expected: { value: -22 }, tolerance: { value: 1.5 } });
    expect(result.computed.missing).toHaveLength(6);
  });

  it('refuses checks that name no target, or two', async () => {
    const base = ['check', 'x', '--period', '2024', '--expect', '5'];
    await expect(run(...base)).rejects.toThrow(CliError);
    await expect(run(...base, '--series', 'frontex-ibc', '--filter', 'country:AFG')).rejects.toThrow(/either --series NAME or --filter/);
    await expect(run(...base, '--filter', 'country:AFG', '--measure', 'bodies')).rejects.toThrow(/--measure bodies/);
    await expect(run(...base, '--series', 'frontex-ibc', '--where', 'route')).rejects.toThrow(/dimension=value/);
  });
});
