// Claim checks on every engine: Frontex's published cumulative figures against its monthly series, derived claims
// over the months the series covers, and a claim about events against the UCDP subset.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkClaim, type ClaimCheck } from '../../src/analysis/claims.js';
import { loadMapping, MappedCsvReader } from '../../src/ingest/mapping.js';
import { runImport } from '../../src/ingest/run-import.js';
import { importSeries, loadSeriesMapping } from '../../src/ingest/series.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { ENGINES, type TestStoreLocation } from '../helpers/stores.js';

const data = (p: string) => new URL(`../../data/${p}`, import.meta.url).pathname;
const MONTHLY = data('demo/frontex_ibc_monthly_by_route_2009_2025.csv');
const PRESS = data('demo/frontex_press_release_cumulative_2025.csv');
const UCDP = data('demo/ucdp_ged_afghanistan_subset_2001_2018.csv');

const csv = (file: string) => Papa.parse<Record<string, string>>(readFileSync(file, 'utf8').trim(), { header: true }).data;

// The monthly file read independently: totals by month (optionally for one route), and the months it has.
const monthly = csv(MONTHLY).map((r) => ({ month: r.month!, route: r.route!, n: Number(r.n) }));
const monthsLoaded = new Set(monthly.map((r) => r.month));
const monthsOf = (start: string, end: string) => {
  const out: string[] = [];
  for (let d = new Date(`${start.slice(0, 7)}-01T00:00:00Z`); d.toISOString().slice(0, 10) <= end; d.setUTCMonth(d.getUTCMonth() + 1)) out.push(d.toISOString().slice(0, 7));
  return out;
};
const total = (start: string, end: string, route?: string) =>
  monthly.filter((r) => r.month >= start.slice(0, 7) && r.month <= end.slice(0, 7) && (!route || r.route === route)).reduce((s, r) => s + r.n, 0);
const monthName = (ym: string) => new Date(`${ym}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const yearEarlier = (iso: string) => `${Number(iso.slice(0, 4)) - 1}${iso.slice(4)}`;
const en = (n: number) => n.toLocaleString('en-US');

/** The press release names routes with a gloss ("Eastern Borders Route (Belarus->PL/Baltics)"); the series without. */
const routeOf = (route: string) => (route === 'All' ? undefined : route.replace(/\s*\(.*\)$/, ''));

describe.each(ENGINES)('claim checks on $engine', ({ make }) => {
  let where: TestStoreLocation;
  let store: Store;

  beforeAll(async () => {
    where = await make();
    store = await openStore(where.location);
    await importSeries(store, MONTHLY, await loadSeriesMapping(data('mappings/frontex-ibc-monthly.json')), { rejectsPath: join(where.dir, 'frontex.rejects.csv') });
    const mapping = await loadMapping(data('mappings/ucdp-ged-subset.json'));
    await runImport(store, UCDP, new MappedCsvReader(UCDP, mapping), {
      dataset: { name: mapping.dataset.name, format: 'csv', title: mapping.dataset.title, licence: mapping.dataset.licence, attribution: mapping.dataset.attribution },
      rejectsPath: join(where.dir, 'ucdp.rejects.csv'),
    });
  });
  afterAll(async () => {
    await store?.close();
    await where?.cleanup();
  });

  it("checks every press-release figure the monthly data cover, and says which months are missing for the rest", async () => {
    const rows = csv(PRESS);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const route = routeOf(row.route!);
      const period = { start: row.period_start!, end: row.period_end! };
      const baseline = { start: yearEarlier(period.start), end: yearEarlier(period.end) };
      const selection: Record<string, string[]> = route ? { route: [route] } : {};
      const target = { kind: 'series' as const, series: 'frontex-ibc', where: selection };
      const missing = monthsOf(period.start, period.end).filter((m) => !monthsLoaded.has(m));
      const claims = [
        { expect: row.detections!, baseline: null },
        ...(row.change_vs_same_period_2024_pct ? [{ expect: `${row.change_vs_same_period_2024_pct}%`, baseline }] : []),
      ];
      for (const claim of claims) {
        const result = await checkClaim(store, { claim: `Frontex: ${row.detections} detections, ${row.route}`, expect: claim.expect, period, baseline: claim.baseline, target });
        if (missing.length > 0) {
          expect(result.verdict, `${row.period_end} ${row.route}`).toBe('cannot_check');
          expect(result.computed.value).toBeNull();
          expect(result.computed.missing.map((m) => m.start.slice(0, 7))).toEqual(missing);
          expect(result.reasoning).toContain(monthName(missing[0]!).replace(/^(\w+) (\d+)$/, '$1'));
          expect(result.reasoning).toContain(monthName(missing.at(-1)!));
          expect(result.reasoning).toContain('data as of 3 Jun 2025');
          if (claim.baseline) expect(result.computed.baseline?.value).toBe(total(baseline.start, baseline.end, route));
        } else {
          // Covered: the numbers must be the monthly file's, and the verdict must follow from them.
          const value = total(period.start, period.end, route);
          expect(result.computed.value).toBe(value);
          expect(result.verdict).not.toBe('cannot_check');
        }
      }
    }
  });

  it('judges claims about the months the series covers: accurate, close and wrong, with the numbers in words', async () => {
    const last = [...monthsLoaded].sort().at(-1)!;
    const period = { start: `${last.slice(0, 4)}-01-01`, end: new Date(Date.UTC(Number(last.slice(0, 4)), Number(last.slice(5)), 0)).toISOString().slice(0, 10) };
    const baseline = { start: yearEarlier(period.start), end: yearEarlier(period.end) };
    const now = total(period.start, period.end);
    const then = total(baseline.start, baseline.end);
    const change = ((now - then) / then) * 100;
    const target = { kind: 'series' as const, series: 'frontex-ibc' };
    const check = (expect: string, tolerance?: number) => checkClaim(store, { claim: 'crossings fell', expect, period, baseline, tolerance, target });
    const pct = (x: number) => `${x.toFixed(2)}%`;

    const accurate = await check(`${Math.round(change)}%`);
    expect(accurate.verdict).toBe('accurate');
    expect(accurate.computed).toMatchObject({ value: now, baseline: { value: then } });
    expect(accurate.computed.change_pct).toBeCloseTo(change, 9);
    expect(accurate.reasoning).toContain(`Frontex's monthly data give ${en(now)} detections of illegal border crossings for January–${monthName(last)} against ${en(then)} for January–${monthName(`${Number(last.slice(0, 4)) - 1}${last.slice(4)}`)}`);
    expect(accurate.reasoning).toMatch(/is accurate \(within 1 point/);

    const towardsZero = change < 0 ? 1 : -1;
    const close = await check(pct(change + towardsZero * 1.5 * 1.2), 1.2);
    expect(close.verdict).toBe('close');
    expect(close.difference).toBeCloseTo(1.8, 2);
    expect(close.reasoning).toContain('beyond the tolerance of 1.2 points');

    expect((await check(pct(change + towardsZero * 5))).verdict).toBe('wrong');
    const wrongWay = await check(pct(-change));
    expect(wrongWay.verdict).toBe('wrong');
    expect(wrongWay.reasoning).toMatch(change < 0 ? /a fall, not a rise/ : /a rise, not a fall/);

    // A change in the wrong direction stays wrong even when the gap is within twice the tolerance.
    const nearZero = await check(pct(towardsZero * 0.5), Math.abs(change) * 0.6);
    expect(nearZero.verdict).toBe('wrong');
  });

  it('checks levels, ratios and one route, counting months without a row as zero and saying so', async () => {
    const year = { start: '2024-01-01', end: '2024-12-31' };
    const target = { kind: 'series' as const, series: 'frontex-ibc' };
    const level = await checkClaim(store, { claim: '240,021 in 2024', expect: '240000', period: year, target });
    expect(level).toMatchObject({ verdict: 'accurate', computed: { value: total(year.start, year.end) } });
    const tooHigh = Math.round(total(year.start, year.end) * 1.05);
    expect((await checkClaim(store, { claim: 'x', expect: String(tooHigh), period: year, target })).verdict).toBe('wrong');

    const cmr = 'Central Mediterranean Route';
    const ratio = total('2024-01', '2024-12', cmr) / total('2023-01', '2023-12', cmr);
    const r = await checkClaim(store, { claim: 'x', expect: `${ratio.toFixed(2)}x`, period: '2024', baseline: '2023', target: { ...target, where: { route: ['central mediterranean route'] } } });
    expect(r.verdict).toBe('accurate');
    expect(r.computed.ratio).toBeCloseTo(ratio, 9);
    expect(r.reasoning).toContain(`(route: ${cmr})`);

    const absent = monthsOf('2024-01-01', '2024-12-31').filter((m) => !monthly.some((x) => x.month === m && x.route === 'Black Sea Route'));
    const blackSea = await checkClaim(store, { claim: 'x', expect: String(total('2024-01', '2024-12', 'Black Sea Route')), period: '2024', target: { ...target, where: { route: ['Black Sea Route'] } } });
    expect(blackSea.verdict).toBe('accurate');
    expect(absent.length).toBeGreaterThan(0);
    expect(blackSea.notes.join(' ')).toContain(`no row for Black Sea Route in ${absent.length} of 12 months: counted as zero`);
  });

  it('cannot check a window that cuts through a month, and refuses what it cannot read', async () => {
    const target = { kind: 'series' as const, series: 'frontex-ibc' };
    const cut = await checkClaim(store, { claim: 'x', expect: '1000', period: '2024-01-15..2024-02', target });
    expect(cut.verdict).toBe('cannot_check');
    expect(cut.reasoning).toContain('cuts through January 2024');
    await expect(checkClaim(store, { claim: 'x', expect: '-5%', period: '2024', target })).rejects.toThrow(/give --baseline/);
    await expect(checkClaim(store, { claim: 'x', expect: '5', period: '2024', target: { ...target, where: { route: ['Atlantic'] } } })).rejects.toThrow(/has no route "Atlantic"/);
    await expect(checkClaim(store, { claim: 'x', expect: '5', period: '2024', target: { ...target, where: { corridor: ['x'] } } })).rejects.toThrow(/no dimension "corridor"/);
    await expect(checkClaim(store, { claim: 'x', expect: '5', period: '2024', target: { kind: 'series', series: 'nope' } })).rejects.toThrow(/loaded: frontex-ibc/);
  });

  it('checks a claim about events against the events loaded, and cannot check years beyond them', async () => {
    const rows = csv(UCDP);
    const deaths = (start: string, end: string) =>
      rows.filter((r) => r.date_start! >= start && r.date_end! <= end).reduce((s, r) => s + Number(r.deaths_a || 0) + Number(r.deaths_b || 0), 0);
    const now = deaths('2016-01-01', '2016-12-31');
    const then = deaths('2015-01-01', '2015-12-31');
    const change = ((now - then) / then) * 100;
    const target = { kind: 'events' as const, filter: 'country:AFG', measure: 'fatalities' as const };
    const result = await checkClaim(store, { claim: 'deaths changed', expect: `${Math.round(change)}%`, period: '2016', baseline: '2015', target });
    expect(result.verdict).toBe('accurate');
    expect(result.computed).toMatchObject({ value: now, baseline: { value: then } });
    expect(result.reasoning).toContain(`give ${en(now)} deaths in Afghanistan for 2016 against ${en(then)} for 2015`);
    expect(result.sources.map((s) => s.name)).toEqual(['ucdp-ged-afghanistan']);
    expect(result.sources[0]!.imports[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);

    const events = rows.filter((r) => r.date_start! >= '2017-01-01' && r.date_end! <= '2017-12-31').length;
    const counted = await checkClaim(store, { claim: 'x', expect: String(events), period: '2017', target: { ...target, measure: 'events' } });
    expect(counted).toMatchObject({ verdict: 'accurate', computed: { value: events } });

    const lastDay = rows.map((r) => r.date_end!).sort().at(-1)!;
    const beyond = await checkClaim(store, { claim: 'x', expect: '2x', period: String(Number(lastDay.slice(0, 4)) + 1), baseline: lastDay.slice(0, 4), target });
    expect(beyond.verdict).toBe('cannot_check');
    expect(beyond.reasoning).toContain(`${lastDay.slice(0, 4)}, and ${Number(lastDay.slice(0, 4)) + 1} reaches beyond them`);
  });

  it('gives the JSON a machine expects, keys in order', async () => {
    const result: ClaimCheck = await checkClaim(store, { claim: 'x', expect: '-20%', period: '2025-01..2025-04', baseline: '2024-01..2024-04', target: { kind: 'series', series: 'frontex-ibc' } });
    const json = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['claim', 'expected', 'computed', 'tolerance', 'difference', 'verdict', 'reasoning', 'notes', 'sources']);
    expect(Object.keys(json.computed as object)).toEqual(expect.arrayContaining(['value', 'period', 'baseline', 'change_pct']));
    expect(json.sources).toEqual([expect.objectContaining({ kind: 'series', name: 'frontex-ibc', licence: '© Frontex, reuse authorised with attribution', access_date: 'data as of 3 Jun 2025' })]);
  });
});
