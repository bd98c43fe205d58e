// Server benchmark: GET /api/figure under 20 concurrent clients for a few seconds (autocannon, loopback
// only), on a store built by the foundation benchmark (bench/out/bench.db, or a postgres:// URL).
// The server runs in a child process (bench/server-child.ts), the load generator here.
// Usage: node --import tsx bench/server.ts [SQLITE_PATH] [POSTGRES_URL] [--seconds 5] [--connections 20]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { rebuildAllRollups } from '../src/analysis/rollups.js';
import { rollupsFresh } from '../src/analysis/rollups.js';
import { addUser } from '../src/server/accounts/users.js';
import { getUser } from '../src/store/desk/users.js';
import { openStore } from '../src/store/open.js';
import { benchArgs } from './args.js';

export interface ServerBenchOptions {
  /** SQLite paths and postgres:// URLs of stores the foundation benchmark built. */
  locations: string[];
  connections?: number;
  seconds?: number;
  /** The figures asked for, in turn by every client. */
  paths?: string[];
  /** p99 latency to meet, in ms. */
  targetP99Ms?: number;
}

export interface ServerBenchRow {
  engine: string;
  /** repeated: the same few figures (a desk's dashboards, answered from the cache); distinct: a new filter every request. */
  requests_are: 'repeated' | 'distinct';
  store: string;
  events: number;
  requests: number;
  rps: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  max_ms: number;
  errors: number;
  /** CPU the server process spent per request, all its threads (Linux): steadier than latency on a busy machine. */
  cpu_ms_per_request: number | null;
  load_1min: number;
  target: string;
  met: boolean;
}

/** CPU time of a process so far, in ms (Linux's /proc, in its fixed 100 ticks a second); null elsewhere. */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Figures a desk asks for all day: a country-year (month rollups), a half-year (days), a window of days, a flag over all time. */
export const FIGURE_PATHS = [
  '/api/figure?q=country:AFG%20date:2021&measure=fatalities',
  '/api/figure?q=country:SYR,YEM%20date:2020-01..2020-06&measure=events',
  '/api/figure?q=date:2019-03-01..2019-03-15&measure=civilian_fatalities',
  '/api/figure?q=country:COL%20civilian:yes&measure=fatalities',
];

/** A figure nobody asked for before: a random window of days in a random country, so the cache cannot answer. */
export function distinctFigurePath(random: () => number = Math.random): string {
  const day = (n: number) => new Date(Date.UTC(2018, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const start = Math.floor(random() * 2400);
  const end = start + 1 + Math.floor(random() * 150);
  const country = ['AFG', 'SYR', 'YEM', 'MLI', 'COL'][Math.floor(random() * 5)];
  return `/api/figure?q=${encodeURIComponent(`country:${country} date:${day(start)}..${day(end)}`)}&measure=fatalities`;
}

const BENCH_USER = 'server-bench';

export async function runServerBench(opts: ServerBenchOptions): Promise<{ rows: ServerBenchRow[] }> {
  const connections = opts.connections ?? 20;
  const seconds = opts.seconds ?? 5;
  const paths = opts.paths ?? FIGURE_PATHS;
  const target = opts.targetP99Ms ?? 50;
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const rows: ServerBenchRow[] = [];

  for (const location of opts.locations) {
    const store = await openStore(location);
    const events = Number((await store.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    if (!(await rollupsFresh(store))) {
      // Figures are served from rollups an import keeps; a store whose rollups lag would be measured on raw events.
      log(`${store.engine}: rollups older than the last import: rebuilding them first`);
      await rebuildAllRollups(store);
    }
    // A viewer, so each request pays for the access checks a real reader's does.
    if (!(await getUser(store.db, BENCH_USER))) await addUser(store.db, BENCH_USER, 'viewer', `bench-${Math.random().toString(36).slice(2)}-password`);
    const engine = store.engine;
    const where = store.location;
    await store.close();
    // The server runs in a process of its own, so the load generator here does not take its thread.
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./server-child.ts', import.meta.url)), location, BENCH_USER], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    const { url: base, token } = JSON.parse(line) as { url: string; token: string };
    try {
      const headers = { authorization: `Bearer ${token}` };
      for (const path of paths) {
        const res = await fetch(base + path, { headers });
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      }
      for (const mode of ['repeated', 'distinct'] as const) {
        log(`${engine}: ${connections} clients for ${seconds} s on ${events.toLocaleString('en-GB')} events, ${mode} figures…`);
        const cpuBefore = cpuMs(child.pid);
        const result = await autocannon({
          url: base,
          connections,
          duration: seconds,
          headers,
          requests: (mode === 'repeated'
            ? paths.map((path) => ({ method: 'GET', path }))
            : [{ method: 'GET', setupRequest: (req: Record<string, unknown>) => ({ ...req, path: distinctFigurePath() }) }]) as autocannon.Request[],
        });
        const failures = result.errors + result.non2xx + result.timeouts;
        const cpuAfter = cpuMs(child.pid);
        const cpu = cpuBefore === null || cpuAfter === null || result.requests.total === 0 ? null : Math.round(((cpuAfter - cpuBefore) / result.requests.total) * 100) / 100;
        rows.push({
          engine,
          requests_are: mode,
          store: where,
          events,
          requests: result.requests.total,
          rps: Math.round(result.requests.average),
          p50_ms: result.latency.p50,
          p90_ms: result.latency.p90,
          p99_ms: result.latency.p99,
          max_ms: result.latency.max,
          errors: failures,
          cpu_ms_per_request: cpu,
          load_1min: Math.round(loadavg()[0]! * 100) / 100,
          target: `p99 ≤ ${target} ms`,
          met: result.latency.p99 <= target && failures === 0,
        });
      }
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }
  return { rows };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { flag, locations: rest } = benchArgs();
  const seconds = Number(flag('seconds') ?? 5);
  const connections = Number(flag('connections') ?? 20);
  const locations = rest();
  const { rows } = await runServerBench({ locations, seconds, connections });
  console.log(`\n## GET /api/figure, ${connections} concurrent clients, ${seconds} s each`);
  console.table(rows);
}
