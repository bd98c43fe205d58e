// Explore benchmark: Chromium signs in to the desk and opens the Explore page filtered to the busiest
// country of a store the foundation benchmark built, and times how long until the figure, the timeline
// and the map are each shown (the map: framed on the country, with the events of the view drawn).
// The server runs in a child process (bench/server-child.ts), serving the built web app.
// Usage: node --import tsx bench/explore.ts [SQLITE_PATH|POSTGRES_URL ...] [--runs 3]
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { chromium, type Page } from 'playwright-core';
import { rebuildAllRollups, rollupsFresh } from '../src/analysis/rollups.js';
import { addUser, setPassword } from '../src/server/accounts/users.js';
import { getUser } from '../src/store/desk/users.js';
import { openStore } from '../src/store/open.js';
import { benchArgs } from './args.js';

const CHROMIUM = '/usr/bin/chromium';
const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const USER = 'explore-bench';

export interface ExploreBenchOptions {
  /** SQLite paths and postgres:// URLs of stores the foundation benchmark built. */
  locations: string[];
  /** Warm runs after the first (the server's answers cached, the browser's files too). */
  runs?: number;
  /** Milliseconds until figure, timeline and map are all shown. */
  targetMs?: number;
}

export interface ExploreBenchRow {
  engine: string;
  store: string;
  events: number;
  filter: string;
  /** cold: the first opening after the server started (nothing cached); warm: the same again. */
  run: string;
  figure_ms: number;
  timeline_ms: number;
  map_ms: number;
  /** Until the map had its events' answer (before drawing them and the base map). */
  map_data_ms: number;
  /** Until all three are shown. */
  shown_ms: number;
  /** How the map drew the view: cells (sums on the grid) or events one by one. */
  map_mode: string;
  load_1min: number;
  target: string;
  met: boolean;
}

// Each part as a selector, and a script run in every page before its own that notes, in the page's
// clock, when each first matches. Playwright's waits poll the page with a growing pause (up to 500 ms)
// and would report a part up to half a second after it showed.
const PARTS = {
  figure: '.figure[aria-busy="false"] .sentence',
  timeline: '.timeline[aria-busy="false"] rect.bar',
  map: '.map-canvas[data-ready="true"]',
  // The map has its answer (drawn next, with the base map).
  mapData: '.map-canvas[data-mode]',
};
const WATCH_PARTS = `(() => {
  const parts = ${JSON.stringify(PARTS)};
  const shown = (window.__exploreShown = {});
  const check = () => {
    for (const [name, selector] of Object.entries(parts)) if (!(name in shown) && document.querySelector(selector)) shown[name] = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})()`;

type Part = keyof typeof PARTS;

/** Opens the page and waits for each part; resolves with the milliseconds each took from the request to open it. */
async function timeExplore(page: Page, url: string): Promise<Record<Part, number> & { mode: string }> {
  const start = performance.timeOrigin + performance.now();
  const timeout = 120_000;
  await page.goto(url, { waitUntil: 'commit' });
  await Promise.all(Object.values(PARTS).map((selector) => page.locator(selector).first().waitFor({ timeout, state: 'attached' })));
  // The page's clock starts at its navigation: moved to the benchmark's start.
  const { origin, shown } = (await page.evaluate('({ origin: performance.timeOrigin, shown: window.__exploreShown })')) as { origin: number; shown: Record<Part, number> };
  const since = (name: Part) => Math.round(origin + shown[name] - start);
  const mode = (await page.locator('.map-canvas').getAttribute('data-mode')) ?? '';
  if (process.env.GT_EXPLORE_TRACE) {
    // What the page fetched, when (ms from navigation start): where the time goes.
    const entries = (await page.evaluate(`performance.getEntriesByType('resource').map((e) => [Math.round(e.startTime), Math.round(e.responseEnd), e.name.replace(location.origin, '')])`)) as [number, number, string][];
    for (const [from, to, name] of entries) process.stderr.write(`  ${String(from).padStart(5)} → ${String(to).padStart(5)}  ${name}\n`);
  }
  return { figure: since('figure'), timeline: since('timeline'), map: since('map'), mapData: since('mapData'), mode };
}

async function busiestCountries(location: string): Promise<{ engine: string; events: number; countries: string[] }> {
  const store = await openStore(location);
  try {
    if (!(await rollupsFresh(store))) {
      process.stderr.write(`${store.engine}: rollups older than the last import: rebuilding them first\n`);
      await rebuildAllRollups(store);
    }
    const events = Number((await store.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = (await sql<{ iso3: string }>`select iso3 from rollup_months where iso3 is not null group by iso3 order by sum(events) desc limit 2`.execute(store.db)).rows;
    return { engine: store.engine, events, countries: rows.map((r) => r.iso3) };
  } finally {
    await store.close();
  }
}

export async function runExploreBench(opts: ExploreBenchOptions): Promise<{ rows: ExploreBenchRow[] }> {
  const runs = opts.runs ?? 3;
  const target = opts.targetMs ?? 1500;
  const log = (s: string) => process.stderr.write(`${s}\n`);
  if (!existsSync(CHROMIUM)) throw new Error(`the explore benchmark needs Debian's Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  if (!existsSync(`${WEB_DIST}index.html`)) {
    log('building the web app…');
    execFileSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
  }
  const password = `bench-${Math.random().toString(36).slice(2)}-password`;
  const rows: ExploreBenchRow[] = [];

  for (const location of opts.locations) {
    const { engine, events, countries } = await busiestCountries(location);
    const store = await openStore(location);
    if (await getUser(store.db, USER)) await setPassword(store.db, USER, password);
    else await addUser(store.db, USER, 'viewer', password);
    const where = store.location;
    await store.close();

    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./server-child.ts', import.meta.url)), location, USER, WEB_DIST], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    const { url: base } = JSON.parse(line) as { url: string };
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    try {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      await context.addInitScript(WATCH_PARTS);
      const page = await context.newPage();
      // Sign in through the login form, on a page that reads nothing of the store's events.
      await page.goto(`${base}/investigations`);
      await page.getByLabel('Name').fill(USER);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();

      const plan = [
        ...(countries[0] ? [{ iso3: countries[0], run: 'cold' }, ...Array.from({ length: runs }, (_, i) => ({ iso3: countries[0]!, run: `warm ${i + 1}` }))] : []),
        ...(countries[1] ? [{ iso3: countries[1], run: 'cold (2nd busiest)' }] : []),
      ];
      for (const { iso3, run } of plan) {
        const filter = `country:${iso3}`;
        log(`${engine}: Explore ${filter}, ${run}…`);
        const fresh = await context.newPage();
        const t = await timeExplore(fresh, `${base}/explore?q=${encodeURIComponent(filter)}`);
        await fresh.close();
        const shown = Math.max(t.figure, t.timeline, t.map);
        rows.push({
          engine,
          store: where,
          events,
          filter,
          run,
          figure_ms: t.figure,
          timeline_ms: t.timeline,
          map_ms: t.map,
          map_data_ms: t.mapData,
          shown_ms: shown,
          map_mode: t.mode,
          load_1min: Math.round(loadavg()[0]! * 100) / 100,
          target: `≤ ${target} ms`,
          met: shown <= target,
        });
      }
    } finally {
      await browser.close().catch(() => undefined);
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }
  return { rows };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { flag, locations: rest } = benchArgs();
  const runs = Number(flag('runs') ?? 3);
  const locations = rest();
  const { rows } = await runExploreBench({ locations, runs });
  console.log(`\n## Explore page in Chromium, the busiest country (load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  console.table(rows);
}
