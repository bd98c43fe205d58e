// Importing and the build-up in Chromium: an ACLED file uploaded with progress, followed to the end with
// its rejects report, then found by the filter; sightings counted per week in a region.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAcled } from '../fixtures/acled-generate.js';
import { screenshot, signIn, startDesk, type Desk } from './desk.js';

describe('imports and build-ups in the browser', () => {
  let desk: Desk;
  beforeAll(async () => {
    desk = await startDesk();
    await signIn(desk);
  }, 120_000);
  afterAll(async () => {
    const seen = { foreignRequests: desk?.foreignRequests ?? [], cspViolations: desk?.cspViolations ?? [] };
    await desk?.close();
    // Whatever the tests did, the desk asked no other site for anything and broke none of its own policy.
    expect(seen).toEqual({ foreignRequests: [], cspViolations: [] });
  });

  it('uploads an ACLED export, follows the import and shows its rejects', async () => {
    const { page } = desk;
    const file = join(desk.dir, 'acled-e2e.csv');
    await generateAcled(file, { rows: 200, seed: 11, layout: 'current' });
    // One row without a date, after the 200 good ones.
    const bad = readFileSync(file, 'utf8').split('\n')[1]!.split(',');
    bad[0] = 'ZZZ9001';
    bad[1] = '';
    appendFileSync(file, `${bad.join(',')}\n`);

    await page.goto(`${desk.url}/import`);
    await page.getByLabel('Format').selectOption('acled');
    await page.getByLabel(/^Dataset/).fill('acled-e2e');
    await page.getByLabel('Filters used for the export').fill('generated for the browser tests');
    await page.getByLabel('File', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Upload and import' }).click();
    const job = page.locator('section').filter({ has: page.getByRole('heading', { name: 'acled-e2e.csv → acled-e2e' }) });
    await job.getByRole('status').filter({ hasText: /^done/ }).waitFor({ timeout: 60_000 });
    const numbers = await job.locator('.numbers').textContent();
    expect(numbers).toContain('inserted200');
    expect(numbers).toContain('rejected1');
    const reject = job.locator('tbody tr').first();
    expect(await reject.locator('td').nth(1).textContent()).toBe('event_date');
    await screenshot(page, 'import');

    // The rejects file downloads as CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), job.getByRole('link', { name: 'Download the rejects file (CSV)' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^line,field,reason,row/);
    expect(csv).toContain('ZZZ9001');

    // The new events are there for the filter, with the file's hash in the figure's provenance.
    await page.goto(`${desk.url}/explore?q=dataset:acled-e2e&measure=events`);
    await expect.poll(() => page.locator('.figure .sentence').textContent()).toMatch(/^There were at least 200 events/);
    // The table answers beside the figure (reads run in parallel), so it may come a moment later.
    await expect.poll(() => page.locator('.events .card-head .muted').textContent()).toBe('200 selected');
  });

  it('counts the ships present in a region per week', async () => {
    const { page } = desk;
    await page.goto(`${desk.url}/buildup`);
    await page.getByLabel(/^Region \(/).fill('bbox:3,51,7,54');
    await page.getByLabel('From').fill('2020-04-01');
    await page.getByLabel('Until').fill('2020-04-30');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('heading', { name: 'Assets present in bbox:3,51,7,54, per week' }).waitFor();
    expect(new URL(page.url()).searchParams.get('region')).toBe('bbox:3,51,7,54');
    const counts = await page.locator('tbody tr td.num').allTextContents();
    expect(counts.map(Number)).toContain(30);
    expect(await page.locator('svg rect.bar').count()).toBe(counts.length);
    await screenshot(page, 'buildup');
  });
});
