// Investigations and incidents in Chromium: the dashboard with its figure, an incident's page, an edit
// with its reason, the conflict of a stale edit, a status move, evidence uploaded with its hash and
// custody, and a new incident recorded.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIncident, listIncidents, updateIncident } from '../../src/store/desk/incidents.js';
import { photoWithGps } from '../evidence/photo.js';
import { screenshot, signIn, startDesk, type Desk } from './desk.js';

describe('investigations and incidents in the browser', () => {
  let desk: Desk;
  let incidentId: number;
  beforeAll(async () => {
    desk = await startDesk();
    await signIn(desk);
    const first = (await listIncidents(desk.actor, desk.store.db, 'boat-strikes')).find((i) => i.ref === 'strike-2025-09-02')!;
    incidentId = first.id;
  }, 120_000);
  afterAll(async () => {
    const seen = { foreignRequests: desk?.foreignRequests ?? [], cspViolations: desk?.cspViolations ?? [] };
    await desk?.close();
    // Whatever the tests did, the desk asked no other site for anything and broke none of its own policy.
    expect(seen).toEqual({ foreignRequests: [], cspViolations: [] });
  });

  it('lists investigations and shows a dashboard with its figure, grades and statuses', async () => {
    const { page } = desk;
    await page.goto(`${desk.url}/investigations`);
    await page.getByRole('link', { name: /US military strikes on alleged drug boats/ }).click();
    await page.getByRole('heading', { name: /US military strikes/ }).waitFor();
    const sentence = page.locator('.figure .sentence');
    await expect.poll(() => sentence.textContent()).toMatch(/^At least [\d,]+ people were killed/);
    const all = await sentence.textContent();
    expect(await page.locator('tbody tr').count()).toBe(28);
    expect(await page.locator('tbody .badge.grade-confirmed').count()).toBeGreaterThan(0);
    await screenshot(page, 'investigation');
    // Choosing a status narrows the list and the figure.
    await page.getByRole('button', { name: /^verified \d+/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('verified');
    await expect.poll(() => sentence.textContent()).not.toBe(all);
    const verified = (await listIncidents(desk.actor, desk.store.db, 'boat-strikes')).filter((i) => i.status === 'verified').length;
    await expect.poll(() => page.locator('tbody tr').count()).toBe(verified);
  });

  it('opens an incident with its sources, checklist, disputes and history', async () => {
    const { page } = desk;
    await page.goto(`${desk.url}/investigations/boat-strikes`);
    await page.getByRole('link', { name: 'strike-2025-09-02' }).click();
    await page.getByRole('heading', { name: 'Incident strike-2025-09-02' }).waitFor();
    expect(await page.locator('.checklist li').allTextContents()).toEqual([expect.stringMatching(/^✓?○?Geolocated: not yet/), expect.stringMatching(/Chronolocated: not yet/), expect.stringMatching(/Corroborated: yes/)]);
    await expect.poll(() => page.locator('.audit li').count()).toBeGreaterThan(2);
    expect(await page.getByRole('heading', { name: /^Sources \(\d+\)$/ }).textContent()).toMatch(/Sources \([1-9]\d*\)/);
    await screenshot(page, 'incident');
  });

  it('edits a verified incident only with a reason, and shows it in the history', async () => {
    const { page } = desk;
    const before = await getIncident(desk.actor, desk.store.db, incidentId);
    await page.goto(`${desk.url}/incidents/${incidentId}`);
    await page.getByRole('button', { name: 'Edit incident' }).click();
    await page.getByLabel('Tags').fill('first-strike');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Reason (required: this incident is verified)');
    // An empty reason does not submit: the field is required.
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByLabel(/Reason/).fill('tagged for the first-strike story');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await expect.poll(() => page.getByText(`version ${before.version + 1}`, { exact: true }).count()).toBe(1);
    await expect.poll(() => page.locator('.audit').textContent()).toContain('Reason: tagged for the first-strike story');
    const after = await getIncident(desk.actor, desk.store.db, incidentId);
    expect(after.tags).toBe('first-strike');
  });

  it('says so when someone else changed the incident during an edit', async () => {
    const { page } = desk;
    await page.goto(`${desk.url}/incidents/${incidentId}`);
    await page.getByRole('button', { name: 'Edit incident' }).click();
    await page.getByLabel('Tags').fill('mine');
    // Meanwhile a colleague saves their own change.
    const now = await getIncident(desk.actor, desk.store.db, incidentId);
    await updateIncident(desk.actor, desk.store.db, incidentId, { tags: 'theirs' }, { version: now.version, reason: 'a colleague was faster' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Reason/).fill('my change');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Someone else changed this incident' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`it is now at version ${now.version + 1}`);
    // The edit stays on screen until the reader reloads.
    expect(await page.getByLabel('Tags').inputValue()).toBe('mine');
    await screenshot(page, 'incident-conflict');
    await page.getByRole('button', { name: 'Reload the incident' }).click();
    await expect.poll(() => page.getByText(`version ${now.version + 1}`, { exact: true }).count()).toBe(1);
    expect((await getIncident(desk.actor, desk.store.db, incidentId)).tags).toBe('theirs');
  });

  it('uploads evidence and shows its hash, metadata and custody', async () => {
    const { page } = desk;
    const photo = photoWithGps({ lat: 10.7, lon: -61.9, takenLocal: '2025:09:02 14:05:00', gpsDate: '2025:09:02', gpsTime: [18, 5, 0] });
    const file = join(desk.dir, 'strike-frame.jpg');
    writeFileSync(file, photo);
    const hash = `SHA-256:${createHash('sha256').update(photo).digest('hex')}`;
    await page.goto(`${desk.url}/incidents/${incidentId}`);
    await page.getByLabel('File', { exact: true }).setInputFiles(file);
    await page.getByLabel('Where it was found (URL)').fill('https://example.org/video-frame');
    await page.getByRole('button', { name: 'Add evidence' }).click();
    await page.getByRole('status').filter({ hasText: `Stored as ${hash}` }).waitFor();
    const card = page.locator('.gallery figure').filter({ hasText: hash });
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('image/jpeg');
    expect(text).toContain('strike-frame.jpg');
    expect(text).toMatch(/position \(metadata\)10\.7\d*, -61\.9/);
    await card.getByRole('button', { name: 'Custody log' }).click();
    await expect.poll(() => card.locator('.custody').textContent()).toMatch(/added by desk-editor/);
    await card.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => card.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(32);
    await screenshot(page, 'incident-evidence');
  });

  it('moves an incident along its status path, and records a new one', async () => {
    const { page } = desk;
    await page.goto(`${desk.url}/investigations/boat-strikes/new`);
    await page.getByLabel('Reference').fill('strike-e2e');
    await page.getByLabel('Date', { exact: true }).fill('2025-12-20');
    await page.getByLabel('Location, as sources describe it').fill('Eastern Pacific, international waters');
    await page.getByRole('group', { name: 'Killed', exact: true }).getByLabel('min').fill('2');
    await page.getByRole('group', { name: 'Killed', exact: true }).getByLabel('max').fill('3');
    await page.getByRole('button', { name: 'Record incident' }).click();
    await page.getByRole('heading', { name: 'Incident strike-e2e' }).waitFor();
    expect(await page.locator('.page-head').textContent()).toContain('unverified');
    expect(await page.locator('.fields').first().textContent()).toContain('Killed2–3');
    await page.getByRole('button', { name: 'Start review' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Start review' }).click();
    await page.getByRole('status').filter({ hasText: 'Status: in review.' }).waitFor();
    // The message shows as soon as the server answers; the badge follows once the incident is read again.
    await expect.poll(() => page.locator('.page-head .badge').first().textContent()).toBe('in review');
  });
});
