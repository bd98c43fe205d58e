// Analysis benchmark on an existing store (the foundation benchmark's 2.5M-row one): seed figures,
// a month × country breakdown against DuckDB's GROUP BY over the same rows, and clusters over a country-year.
// Standalone: node --import tsx bench/analysis.ts --sqlite FILE [--postgres URL] [--csv ACLED_FILE]
import { sql } from 'kysely';
import { breakdown } from '../src/analysis/breakdown.js';
import { clusters } from '../src/analysis/clusters.js';
import { compare } from '../src/analysis/compare.js';
import { figure } from '../src/analysis/figure.js';
import { nearestPlace } from '../src/analysis/gazetteer.js';
import { rebuildAllRollups } from '../src/analysis/rollups.js';
import { analysisDb } from '../src/analysis/tables.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';

export interface AnalysisBenchOptions {
  /** An existing SQLite store and/or PostgreSQL URL, already holding events. */
  sqlite?: string;
  postgres?: string;
  /** The ACLED-layout CSV the store was built from, for DuckDB's baseline GROUP BY. */
  csv?: string;
  /** Timed runs per measurement (the median is reported). */
  runs?: number;
  /** A word that occurs in some notes, for the text: seed (the generated notes quote "Amaq" claims in about 3%). */
  word?: string;
  /** A word in a large share of notes, measured beside the seed as the worst case. */
  commonWord?: string;
  log?: (line: string) => void;
}

export interface AnalysisBenchRow {
  engine: string;
  name: string;
  filter: string;
  median_ms: number;
  result: string;
  target: string;
  met: boolean;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function timed<T>(runs: number, work: () => Promise<T>): Promise<{ ms: number; last: T }> {
  let last = await work(); // warm: caches, prepared plans, the gazetteer
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await work();
    times.push(performance.now() - t);
  }
  return { ms: Math.round(median(times) * 100) / 100, last };
}

/** Seeds drawn from the store itself: its busiest country, that country's busiest actor, a busy place. */
async function seeds(store: Store, word: string, commonWord: string) {
  const db = analysisDb(store.db);
  const country = await sql<{ iso3: string; n: number }>`select iso3, sum(events) as n from rollup_months where iso3 is not null group by iso3 order by 2 desc limit 1`.execute(db);
  const iso3 = country.rows[0]!.iso3;
  const actor = await sql<{ actor: string }>`select actor1_id as actor from rollup_days where iso3 = ${iso3} and actor1_id is not null
    group by actor1_id order by sum(events) desc limit 1`.execute(db);
  const last = await sql<{ d: string }>`select max(date_start) as d from rollup_days where iso3 = ${iso3}`.execute(db);
  const lastYear = Number(last.rows[0]!.d.slice(0, 4)) - 1;
  const spot = await sql<{ lat: number; lon: number }>`select lat, lon from events where iso3 = ${iso3} and lat is not null and date_start >= ${`${lastYear}-01-01`} order by id limit 1`.execute(db);
  const place = nearestPlace(Number(spot.rows[0]!.lat), Number(spot.rows[0]!.lon), 200);
  const quote = (s: string) => `"${s.replace(/"/g, '\\"')}"`;
  return {
    iso3,
    lastYear,
    figures: [
      { name: 'actor in a country since a date', filter: `actor:${quote(actor.rows[0]!.actor)} country:${iso3} date:${lastYear}-08-26..` },
      { name: 'window with civilian:yes', filter: `country:${iso3} date:${lastYear}-01..${lastYear}-06 civilian:yes` },
      { name: 'near a place in a window', filter: `near:${quote(`${place!.name}, ${iso3}`)}~25km date:${lastYear}` },
      { name: 'text search', filter: `country:${iso3} date:${lastYear} text:${word}` },
      { name: 'text search, common word (not a seed)', filter: `country:${iso3} date:${lastYear} text:${commonWord}` },
    ],
    compare: { filter: `country:${iso3}`, period: `${lastYear}-10`, baseline: `${lastYear - 1}-01..${lastYear - 1}-09` },
  };
}

async function duckdbGroupBy(csv: string, runs: number): Promise<{ ms: number; groups: number }> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`CREATE TABLE events AS SELECT * FROM read_csv('${csv.replace(/'/g, "''")}', header = true)`);
  const query = `SELECT strftime(event_date, '%Y-%m') AS month, country, count(*) AS events, sum(fatalities) AS fatalities FROM events GROUP BY 1, 2`;
  const r = await timed(runs, async () => (await conn.runAndReadAll(query)).getRows().length);
  conn.closeSync();
  return { ms: r.ms, groups: r.last };
}

export async function runAnalysisBench(opts: AnalysisBenchOptions): Promise<{ rows: AnalysisBenchRow[] }> {
  const runs = opts.runs ?? 9;
  const log = opts.log ?? ((s: string) => process.stderr.write(`${s}\n`));
  const rows: AnalysisBenchRow[] = [];
  let duck: { ms: number; groups: number } | null = null;
  if (opts.csv) {
    log('DuckDB GROUP BY month × country (baseline)…');
    duck = await duckdbGroupBy(opts.csv, runs);
    rows.push({ engine: 'duckdb', name: 'breakdown month × country', filter: '(all)', median_ms: duck.ms, result: `${duck.groups} groups`, target: 'baseline', met: true });
  }
  for (const [engine, location] of [['sqlite', opts.sqlite], ['postgres', opts.postgres]] as const) {
    if (!location) continue;
    log(`${engine}: opening (and migrating) ${engine === 'sqlite' ? 'the store file' : 'the database'}…`);
    let t = performance.now();
    const store = await openStore(location);
    const opened = performance.now() - t;
    const db = analysisDb(store.db);
    const count = await sql<{ n: number }>`select count(*) as n from rollup_days`.execute(db);
    if (Number(count.rows[0]!.n) === 0) {
      log(`${engine}: building rollups…`);
      t = performance.now();
      await rebuildAllRollups(store);
      rows.push({ engine, name: 'rollup rebuild (all events)', filter: '', median_ms: Math.round(performance.now() - t), result: '', target: 'one-off', met: true });
    }
    rows.push({ engine, name: 'open + migrate', filter: '', median_ms: Math.round(opened), result: '', target: 'one-off', met: true });
    if (engine === 'postgres') {
      // Planner statistics, as autovacuum would gather after a large load (without them PostgreSQL guesses one row).
      t = performance.now();
      await sql`analyze`.execute(db);
      rows.push({ engine, name: 'analyze (planner statistics)', filter: '', median_ms: Math.round(performance.now() - t), result: '', target: 'one-off', met: true });
    }
    const s = await seeds(store, opts.word ?? 'Amaq', opts.commonWord ?? 'hospital');
    const figureTarget = engine === 'sqlite' ? 10 : 20;
    for (const seed of s.figures) {
      log(`${engine}: ${seed.name}…`);
      const r = await timed(runs, () => figure(store, seed.filter, { measure: 'fatalities' }));
      rows.push({ engine, name: seed.name, filter: seed.filter, median_ms: r.ms, result: `${r.last.events} events, ${r.last.value.low} killed`, target: `≤ ${figureTarget} ms`, met: r.ms <= figureTarget });
    }
    log(`${engine}: compare…`);
    const c = await timed(runs, () => compare(store, s.compare.filter, null, { measure: 'fatalities', period: s.compare.period, baseline: s.compare.baseline }));
    rows.push({ engine, name: 'compare period with baseline', filter: `${s.compare.filter} ${s.compare.period} vs ${s.compare.baseline}`, median_ms: c.ms, result: `${c.last.a.value.low} vs ${c.last.b.value.low}`, target: `≤ ${figureTarget} ms`, met: c.ms <= figureTarget });

    log(`${engine}: breakdown month × country…`);
    const b = await timed(Math.min(runs, 5), () => breakdown(store, '', { by: ['month', 'country'], measure: 'fatalities' }));
    rows.push({ engine, name: 'breakdown month × country', filter: '(all)', median_ms: b.ms, result: `${b.last.rows.length} groups from ${b.last.source}`, target: duck ? `≤ DuckDB ${duck.ms} ms` : 'DuckDB not run', met: duck !== null && b.ms <= duck.ms });

    log(`${engine}: clusters over one country-year…`);
    const k = await timed(Math.min(runs, 5), () => clusters(store, `country:${s.iso3} date:${s.lastYear}`, { km: 25, days: 3, min: 5 }));
    const clusterEvents = await figure(store, `country:${s.iso3} date:${s.lastYear}`, { measure: 'events' });
    rows.push({ engine, name: 'clusters 25 km / 3 days', filter: `country:${s.iso3} date:${s.lastYear}`, median_ms: k.ms, result: `${k.last.clusters.length} clusters over ${clusterEvents.events} events`, target: '≤ 200 ms', met: k.ms <= 200 });
    await store.close();
  }
  return { rows };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows } = await runAnalysisBench({ sqlite: arg('sqlite'), postgres: arg('postgres'), csv: arg('csv'), runs: arg('runs') ? Number(arg('runs')) : undefined, word: arg('word') });
  console.table(rows);
}
