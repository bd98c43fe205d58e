import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultTheme, embedHtml, embedSnippet, loadTheme, pngSize, renderChart, renderMap, svgToPng, writeGraphic } from '../../src/render/index.js';
import { STRIKES_PROVENANCE, strikePoints, strikesByArea, ucdpByYear } from './demo.js';

const dir = mkdtempSync(join(tmpdir(), 'groundtruth-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PNG', () => {
  it('decodes to the SVG size at 1× and twice that at 2×', async () => {
    const chart = await renderChart(ucdpByYear(), { kind: 'bar', size: 'mobile', title: 'Deaths by year' });
    const one = pngSize(svgToPng(chart.svg, { scale: 1 }));
    const two = pngSize(svgToPng(chart.svg, { scale: 2 }));
    expect(one).toEqual({ width: chart.width, height: chart.height });
    expect(two).toEqual({ width: chart.width * 2, height: chart.height * 2 });
  });

  it('draws text in the house font (a font file was found)', () => {
    const svg = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"><rect width="120" height="30" fill="#fff"/><text x="4" y="21" font-family="DejaVu Sans" font-size="16" fill="#000">${text}</text></svg>`;
    // The image data, inflated: with no font found, text would draw nothing and every image would be the blank one.
    const pixels = (png: Buffer) => {
      const chunks: Buffer[] = [];
      for (let at = 8; at < png.length; ) {
        const length = png.readUInt32BE(at);
        if (png.subarray(at + 4, at + 8).toString('latin1') === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
        at += length + 12;
      }
      return inflateSync(Buffer.concat(chunks));
    };
    const blank = pixels(svgToPng(svg('')));
    expect(pixels(svgToPng(svg('Kabul'))).equals(blank)).toBe(false);
    expect(pixels(svgToPng(svg('Kabul'))).equals(pixels(svgToPng(svg('Kabol'))))).toBe(false);
    expect(() => pngSize(Buffer.from('not a png'))).toThrow(/not a PNG/);
    expect(() => svgToPng(svg('x'), { scale: 0 })).toThrow(/scale/);
  });
});

describe('HTML embed', () => {
  it('is self-contained, accessible and escapes text from data', async () => {
    const chart = await renderChart(strikesByArea(), { kind: 'bar', title: 'Killed by area <script>alert(1)</script>', provenance: STRIKES_PROVENANCE });
    const html = embedHtml(chart);
    // Nothing is fetched from anywhere: the only URLs are XML namespaces.
    const urls = [...html.matchAll(/https?:\/\/[^\s"'<>)]*/g)].map((m) => m[0]);
    expect(urls.every((u) => u.startsWith('http://www.w3.org/'))).toBe(true);
    expect(html).toMatch(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    expect(html).not.toMatch(/<link\b/);
    expect(html).not.toMatch(/cookie/i);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(/<details>\s*<summary>/);
    expect(html).toContain('<table>');
    expect(html).toContain('Caribbean</td>');
    expect(html).toContain('postMessage');
    expect(html).toMatch(/<svg [^>]*role="img"[^>]*aria-labelledby=/);
    expect(html).toContain(`<desc id=`);
    expect(html).toContain('data:text/csv;charset=utf-8;base64,');
    expect(html).toContain('.vl.json');
    const csv = Buffer.from(/data:text\/csv;charset=utf-8;base64,([^"]+)/.exec(html)![1]!, 'base64').toString('utf8');
    expect(csv).toBe(chart.csv);
  });

  it('prints an iframe snippet with a listener for the height messages', () => {
    const snippet = embedSnippet('https://example.org/graphics/strikes.html', { title: 'Boat strikes' });
    expect(snippet).toMatch(/<iframe [^>]*src="https:\/\/example\.org\/graphics\/strikes\.html"/);
    expect(snippet).toContain("addEventListener('message'");
    expect(snippet).toContain('event.source !== frame.contentWindow');
    expect(snippet).toContain('groundtruth:height');
    expect(() => embedSnippet('javascript:alert(1)')).toThrow();
  });
});

describe('writeGraphic', () => {
  it('writes each format from the file extension', async () => {
    const chart = await renderChart(ucdpByYear(), { kind: 'bar', title: 'Deaths by year' });
    for (const ext of ['svg', 'png', 'html', 'vl.json', 'csv']) writeGraphic(chart, join(dir, `chart.${ext}`));
    expect(readFileSync(join(dir, 'chart.svg'), 'utf8')).toBe(chart.svg);
    expect(pngSize(readFileSync(join(dir, 'chart.png')))).toEqual({ width: chart.width, height: chart.height });
    expect(readFileSync(join(dir, 'chart.html'), 'utf8')).toContain('<!doctype html>');
    expect(JSON.parse(readFileSync(join(dir, 'chart.vl.json'), 'utf8')).$schema).toMatch(/vega-lite/);
    expect(readFileSync(join(dir, 'chart.csv'), 'utf8')).toBe(chart.csv);
    writeGraphic(chart, join(dir, 'chart@2x.png'), { scale: 2 });
    expect(pngSize(readFileSync(join(dir, 'chart@2x.png'))).width).toBe(chart.width * 2);
    expect(() => writeGraphic(chart, join(dir, 'chart.gif'))).toThrow(/format/);
  });

  it('has no Vega-Lite spec for a map', () => {
    const map = renderMap({ kind: 'points', points: strikePoints() }, { inset: false });
    expect(() => writeGraphic(map, join(dir, 'map.vl.json'))).toThrow(/no Vega-Lite/);
    writeGraphic(map, join(dir, 'map.html'));
    expect(readFileSync(join(dir, 'map.html'), 'utf8')).toContain('placed_in');
  });
});

describe('themes', () => {
  it('validates a theme file and reports what is wrong', () => {
    expect(defaultTheme().colors.categorical.length).toBeGreaterThanOrEqual(8);
    const bad = { ...defaultTheme(), colors: { ...defaultTheme().colors, accent: 'blue' }, sizes: { mobile: { width: 10 } } };
    const file = join(dir, 'bad-theme.json');
    writeFileSync(file, JSON.stringify(bad));
    expect(() => loadTheme(file)).toThrow(/colors\.accent[^]*sizes\.mobile/);
  });

  it('restyles a chart', async () => {
    const custom = { ...defaultTheme(), colors: { ...defaultTheme().colors, accent: '#cc79a7' } };
    const file = join(dir, 'pink.json');
    writeFileSync(file, JSON.stringify(custom));
    const chart = await renderChart(ucdpByYear(), { kind: 'bar', theme: loadTheme(file) });
    expect(chart.svg).toContain('fill="#cc79a7"');
    expect(chart.svg).not.toContain('fill="#0072b2"');
  });
});
