// The desk in Chromium: sign in, explore with the filter language and facets, watch the figure change,
// sort and page the table, and open a shared link to the same view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, insertEvents } from '../analysis/stores.js';
import { screenshot, signIn, startDesk, USER, type Desk } from './desk.js';

describe('explore in the browser', () => {
  let desk: Desk;
  beforeAll(async () => {
    desk = await startDesk();
  }, 120_000);
  afterAll(async () => {
    const seen = { foreignRequests: desk?.foreignRequests ?? [], cspViolations: desk?.cspViolations ?? [] };
    await desk?.close();
    // Whatever the tests did, the desk asked no other site for anything and broke none of its own policy.
    expect(seen).toEqual({ foreignRequests: [], cspViolations: [] });
  });

  it('refuses a wrong password, then signs in', async () => {
    const { page } = desk;
    await page.goto(`${desk.url}/explore?q=country:AFG`);
    await page.getByLabel('Name').fill(USER.name);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('wrong name or password');
    await screenshot(page, 'login');
    await signIn(desk);
  });

  it('filters, and the figure and its provenance follow', async () => {
    const { page } = desk;
    const sentence = page.locator('.figure .sentence');
    await sentence.waitFor();
    const everything = await sentence.textContent();
    await page.getByRole('searchbox', { name: 'Filter' }).fill('country:AFG date:2015..2016');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => sentence.textContent()).toBe('At least 5,052 people were killed in 93 events in Afghanistan from 2015 to 2016.');
    expect(everything).not.toBe(await sentence.textContent());
    expect(new URL(page.url()).searchParams.get('q')).toBe('country:AFG date:2015..2016');
    await page.getByText('Provenance').click();
    await expect.poll(() => page.locator('.provenance').textContent()).toContain('sha256 4d64a18fd57d53de6717dd987bcf14e04c342fb1a22287a57c79f906be49f0a1');
  });

  it('shows the caret message of a malformed filter', async () => {
    const { page } = desk;
    await page.getByRole('searchbox', { name: 'Filter' }).fill('actr:ISKP date:2015');
    await page.getByRole('button', { name: 'Apply' }).click();
    const alert = page.locator('#filter-error');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('unknown field "actr"');
    expect(text).toContain('^^^^');
    expect(text).toContain('did you mean "actor"');
    await screenshot(page, 'explore-filter-error');
  });

  it('toggles a facet into the filter and counts with another measure', async () => {
    const { page } = desk;
    await page.goto(`${desk.url}/explore?q=date:2015..2018`);
    const sentence = page.locator('.figure .sentence');
    await expect.poll(() => sentence.textContent()).toContain('from 2015 to 2018');
    await page.getByRole('button', { name: /Islamic State Khorasan Province/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('date:2015..2018 actor1:"Islamic State Khorasan Province (ISKP)"');
    await expect.poll(() => sentence.textContent()).toBe('At least 166 people were killed in seven events by Islamic State Khorasan Province (ISKP) from 2015 to 2018.');
    await page.getByRole('combobox', { name: 'Measure' }).selectOption('events');
    await expect.poll(() => sentence.textContent()).toMatch(/^There were at least seven events by Islamic State Khorasan Province/);
    expect(new URL(page.url()).searchParams.get('measure')).toBe('events');
  });

  it('draws the clustered events on the offline base map, and the timeline', async () => {
    const { page } = desk;
    await page.goto(`${desk.url}/explore?q=country:AFG`);
    await page.locator('.map-canvas[data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.locator('.cluster-count').first().waitFor();
    await expect.poll(() => page.locator('.map-note').textContent()).toBe('310 events placed.');
    const bars = await page.locator('.timeline-svg rect.bar').count();
    expect(bars).toBeGreaterThan(50);
    await page.getByRole('button', { name: 'by week' }).click();
    await expect.poll(() => page.locator('.timeline-svg rect.bar').count()).toBeGreaterThan(bars);
    await screenshot(page, 'explore');
  });

  it('maps a filter of many events as cells read for each view, never every row', async () => {
    const { page } = desk;
    // 3,000 events on a grid over Mali: more than the map takes one by one.
    const records = Array.from({ length: 3000 }, (_, i) =>
      event({ source_id: `MAP-${i}`, date_start: `2024-0${1 + (i % 9)}-1${i % 10}`, iso3: 'MLI', country: 'Mali', lat: 11 + (i % 60) * 0.1, lon: -11 + Math.floor(i / 60) * 0.15, fatalities_best: i % 4 }),
    );
    await insertEvents({ store: desk.store, where: { engine: 'sqlite', location: '', dir: desk.dir, cleanup: async () => undefined }, close: async () => undefined }, { name: 'mali-grid', format: 'csv' }, records);
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/events')) asked.push(r.url());
    });
    await page.goto(`${desk.url}/explore?q=country:MLI`);
    const canvas = page.locator('.map-canvas[data-ready="true"]');
    await canvas.waitFor({ timeout: 30_000 });
    expect(await canvas.getAttribute('data-mode')).toBe('cells');
    await expect.poll(() => page.locator('.map-note').textContent()).toMatch(/^3,000 events in this view, summed in \d+ cells: zoom in to see single events\.$/);
    const counts = page.locator('.cluster-count');
    await counts.first().waitFor();
    const cells = await counts.count();
    expect(cells).toBeGreaterThan(4);
    // The map's first view was read framed, in one request (and the table's page of 25), never pages of a thousand rows.
    expect(asked.filter((u) => u.includes('/api/events/geojson')).map((u) => new URL(u).searchParams.has('fit'))).toEqual([true]);
    expect(asked.filter((u) => /[?&]limit=1000/.test(u))).toEqual([]);
    await screenshot(page, 'explore-cells');
    // A cell zooms into its events: finer cells, or the events themselves.
    await counts.first().click();
    await expect.poll(async () => (await page.locator('.map-note').textContent()) ?? '', { timeout: 15_000 }).not.toMatch(/^3,000 events/);
    // Zoomed in past the framed zoom, the view is read on its own.
    expect(asked.filter((u) => u.includes('/api/events/geojson') && new URL(u).searchParams.has('bbox')).length).toBeGreaterThanOrEqual(1);
  });

  it('sorts and pages the table, opens an event, and restores all of it from the link', async () => {
    const { page } = desk;
    await page.goto(`${desk.url}/explore?q=country:AFG`);
    const fatalities = async () => (await page.locator('.events tbody tr td:nth-child(5)').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
    await page.getByRole('button', { name: /^Fatalities/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('-fatalities');
    // The deadliest event of the subset first (UCDP's best estimate), then down from there.
    await expect.poll(async () => (await fatalities())[0]).toBe(1899);
    const column = await fatalities();
    expect(column).toEqual([...column].sort((a, b) => b - a));
    await page.getByRole('button', { name: 'Next →' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('page')).toBe('2');
    await expect.poll(() => page.getByText('Page 2 of 13', { exact: true }).count()).toBe(1);
    await page.locator('.events tbody tr').first().getByRole('button').click();
    const panel = page.locator('.event-panel');
    await panel.waitFor();
    await expect.poll(() => panel.textContent()).toContain('Revision 1');
    const shared = page.url();
    expect(new URL(shared).searchParams.get('event')).toMatch(/^\d+$/);
    await screenshot(page, 'explore-event');

    // The same link in a fresh page opens the same view.
    const other = await desk.context.newPage();
    await other.goto(shared);
    await other.locator('.event-panel').waitFor();
    await expect.poll(() => other.getByText('Page 2 of 13', { exact: true }).count()).toBe(1);
    const heading = await panel.locator('h2').textContent();
    await expect.poll(() => other.locator('.event-panel h2').textContent()).toBe(heading);
    await other.close();
  });

  it('works from the keyboard', async () => {
    const { page } = desk;
    await page.goto(`${desk.url}/explore?q=country:AFG`);
    await page.locator('.events tbody tr').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.locator(':focus').getAttribute('id')).toBe('main');
    await page.getByRole('button', { name: /^Fatalities/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('-fatalities');
    await page.locator('.events tbody tr').first().getByRole('button').focus();
    await page.keyboard.press('Enter');
    await page.locator('.event-panel').waitFor();
  });
});
