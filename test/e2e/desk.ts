// The real desk for browser tests: the server over a fresh SQLite store with the demo data, the built
// web app, a signed-up user, and Debian's Chromium driven by playwright-core. Nothing is built here:
// `npm test` builds web/dist first.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildDemo } from '../../src/ingest/demo.js';
import type { Actor } from '../../src/model/desk.js';
import { addUser } from '../../src/server/accounts/users.js';
import { setMember } from '../../src/store/desk/investigations.js';
import { createServer } from '../../src/server/app.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';

export const CHROMIUM = '/usr/bin/chromium';
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../output/screenshots/', import.meta.url));
export const USER = { name: 'desk-editor', password: 'correct horse battery staple' };

const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface Desk {
  url: string;
  dir: string;
  store: Store;
  actor: Actor;
  app: FastifyInstance;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every request the page made to another origin (there must be none). */
  foreignRequests: string[];
  /** Console messages of the page about its Content Security Policy (there must be none). */
  cspViolations: string[];
  close(): Promise<void>;
}

/** Fails with what to do, never skips: a desk that was never opened in a browser is not tested. */
export function requireBrowserAndBuild(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`browser tests need Debian's Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium" (CI installs it)`);
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('browser tests need the built web app in web/dist: run "npm run build:web" (npm test builds it)');
}

export async function startDesk(): Promise<Desk> {
  requireBrowserAndBuild();
  const dir = mkdtempSync(join(tmpdir(), 'groundtruth-e2e-'));
  const store = await openStore(join(dir, 'store.db'));
  const user = await addUser(store.db, USER.name, 'editor', USER.password);
  const admin = await addUser(store.db, 'desk-admin', 'admin', USER.password);
  // The demo investigation is owned by an admin; the test user edits it as a member.
  await buildDemo(store, join(dir, 'rejects'), { name: admin.name, role: admin.role });
  await setMember({ name: admin.name, role: admin.role }, store.db, 'boat-strikes', user.name, 'editor');
  const app = await createServer({ store, staticDir: WEB_DIST, workDir: join(dir, 'server'), blobs: join(dir, 'blobs') });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const foreignRequests: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(url) && !u.startsWith('blob:') && !u.startsWith('data:')) foreignRequests.push(u);
  });
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url,
    dir,
    store,
    actor: { name: user.name, role: user.role },
    app,
    browser,
    context,
    page,
    foreignRequests,
    cspViolations,
    async close() {
      await browser.close().catch(() => undefined);
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function signIn(desk: Desk): Promise<void> {
  const { page } = desk;
  await page.goto(`${desk.url}/explore`);
  await page.getByLabel('Name').fill(USER.name);
  await page.getByLabel('Password').fill(USER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}
