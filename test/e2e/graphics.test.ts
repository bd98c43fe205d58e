// The chart and map builder in Chromium: a preview drawn by the server, exports as SVG, PNG and HTML
// downloaded as files, and a published embed with the snippet to paste into a story.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, signIn, startDesk, type Desk } from './desk.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('charts and maps in the browser', () => {
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

  const download = async (name: RegExp) => {
    const [file] = await Promise.all([desk.page.waitForEvent('download'), desk.page.getByRole('link', { name }).click()]);
    return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
  };

  it('previews a chart of a filter and exports it as SVG, PNG and HTML', async () => {
    const { page } = desk;
    await page.goto(`${desk.url}/charts`);
    await page.getByLabel('Filter').fill('country:AFG');
    await page.getByLabel('By').selectOption('year');
    await page.getByLabel('Title (default: from the measure and the split)').fill('Deaths in Afghanistan per year');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('by')).toBe('year');
    const img = page.getByRole('img', { name: 'Preview of the chart' });
    await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(300);
    await screenshot(page, 'charts');

    const svg = await download(/^SVG$/);
    expect(svg.name).toBe('deaths-in-afghanistan-per-year.svg');
    expect(svg.bytes.toString('utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.bytes.toString('utf8')).toContain('Deaths in Afghanistan per year');
    const png = await download(/^PNG$/);
    expect(png.bytes.subarray(0, 4).equals(PNG_MAGIC)).toBe(true);
    const html = await download(/^HTML/);
    expect(html.bytes.toString('utf8')).toMatch(/^<!doctype html>/i);
    const csv = await download(/^Data/);
    expect(csv.bytes.toString('utf8').split('\n')[0]).toContain('year');
  });

  it('shows a server refusal in place of the preview', async () => {
    const { page } = desk;
    await page.goto(`${desk.url}/charts?q=${encodeURIComponent('contry:AFG')}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('unknown field "contry"');
  });

  it('previews a map as an embed and publishes it with its snippet', async () => {
    const { page } = desk;
    await page.goto(`${desk.url}/charts?graphic=map&kind=points&q=${encodeURIComponent('country:AFG date:2015..2018')}&preview=html`);
    const frame = page.frameLocator('iframe[title="Preview of the map as an embed"]');
    await frame.locator('svg').first().waitFor();
    await page.getByRole('button', { name: 'Publish and get the embed code' }).click();
    const snippet = page.getByLabel('Embed code');
    await snippet.waitFor();
    const code = await snippet.inputValue();
    const url = /src="([^"]+\/embed\/[A-Za-z0-9_-]+)"/.exec(code)?.[1];
    expect(url).toBeDefined();
    expect(code).toContain('<iframe');
    await screenshot(page, 'charts-map-embed');
    // The published embed answers without a session, framable by any page.
    const res = await fetch(url!);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<svg');
  });
});
