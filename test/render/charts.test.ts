import { describe, expect, it } from 'vitest';
import { renderChart } from '../../src/render/index.js';
import type { Breakdown } from '../../src/render/index.js';
import { STRIKES_PROVENANCE, UCDP_PROVENANCE, strikes, strikesByArea, strikesByWeek, ucdpByYear, ucdpByYearAndOpponent, ucdpEvents } from './demo.js';
import { count, expectSnapshot, markGroup, words } from './snapshot.js';

describe('charts on the UCDP Afghanistan subset', () => {
  const byYear = ucdpByYear();

  it('draws one bar per year, with the source line and an annotation', async () => {
    const chart = await renderChart(byYear, {
      kind: 'bar',
      title: 'Deaths in UCDP events in Afghanistan, by year',
      subtitle: 'Deaths of both sides in events with more than 10 deaths',
      provenance: UCDP_PROVENANCE,
      annotations: [{ date: '2015-01-26', label: 'IS Khorasan Province announced' }],
      byline: 'Graphic: Groundtruth',
    });
    expectSnapshot('chart-bar-ucdp-year.svg', chart.svg);
    const years = new Set(ucdpEvents().map((e) => e.year));
    expect(count(markGroup(chart.svg, 'bars_marks'), /<path /)).toBe(years.size);
    expect(words(chart.svg)).toContain('UCDP Georeferenced Event Dataset 19.1');
    expect(chart.svg).toContain('26 Jan 2015: IS Khorasan Province announced');
    expect(words(chart.svg)).toContain('Graphic: Groundtruth');
    // UCDP best = low = high in this subset: no range, no range note.
    expect(words(chart.svg)).not.toContain('best estimate');
    expect(chart.width).toBe(640);
  });

  it('writes the alt text from the data: the peak year and the total', async () => {
    const chart = await renderChart(byYear, { kind: 'bar' });
    const top = [...byYear.rows].sort((a, b) => b.value.best - a.value.best)[0]!;
    const total = ucdpEvents().reduce((s, e) => s + e.deaths, 0);
    expect(chart.altText).toContain(`Bar chart: fatalities by year, from ${byYear.rows[0]!.key}`);
    expect(chart.altText).toContain(`highest in ${top.key} (${top.value.best.toLocaleString('en-GB')})`);
    expect(chart.altText).toContain(`${total.toLocaleString('en-GB')} in total`);
    expect(chart.svg).toContain(`<desc id=`);
  });

  it('draws a line and small multiples per opponent', async () => {
    const line = await renderChart(byYear, { kind: 'line', title: 'Deaths by year' });
    expectSnapshot('chart-line-ucdp-year.svg', line.svg);
    expect(markGroup(line.svg, 'lines_marks')).toContain('<path');

    const split = ucdpByYearAndOpponent();
    const multiples = await renderChart(split, { kind: 'multiples', title: 'Deaths by year and opponent of the government' });
    expectSnapshot('chart-multiples-ucdp-opponent.svg', multiples.svg);
    const series = new Set(split.rows.map((r) => r.series));
    expect(count(multiples.svg, /role-mark bars_marks"/)).toBe(series.size);
    expect(count(multiples.svg, /class="mark-rect role-mark bars_marks"[^]*?<\/g>/)).toBe(series.size);
  });

  it('fits the mobile width', async () => {
    const chart = await renderChart(byYear, { kind: 'bar', size: 'mobile', title: 'Deaths by year' });
    expectSnapshot('chart-bar-ucdp-year-mobile.svg', chart.svg);
    expect(chart.width).toBe(360);
    expect(chart.svg).toMatch(/^<svg [^>]*width="360"/);
  });
});

describe('charts on the boat strikes', () => {
  it('shows the range when low ≠ high and says bars show the best estimate', async () => {
    const byArea = strikesByArea();
    const chart = await renderChart(byArea, { kind: 'bar', title: 'Killed in boat strikes by area', provenance: STRIKES_PROVENANCE });
    expectSnapshot('chart-bar-strikes-area.svg', chart.svg);
    expect(count(markGroup(chart.svg, 'bars_marks'), /<path /)).toBe(byArea.rows.length);
    expect(words(chart.svg)).toContain('Bars show the best estimate');
    // The README's figures: 48 killed in the Caribbean, 38 in the Eastern Pacific, 87 counting the survivor presumed dead.
    expect(chart.altText).toContain('Caribbean 48');
    expect(chart.altText).toContain('Eastern Pacific 38');
    expect(chart.altText).toContain('from 86 to 87 in total');
  });

  it('ranks areas as horizontal bars with their values and ranges', async () => {
    const chart = await renderChart(strikesByArea(), { kind: 'ranked', title: 'Killed by area' });
    expectSnapshot('chart-ranked-strikes-area.svg', chart.svg);
    expect(count(markGroup(chart.svg, 'bars_marks'), /<path /)).toBe(2);
    expect(chart.svg).toContain('38 (38–39)');
  });

  it('stacks weeks by area, one bar segment per row', async () => {
    const weekly = strikesByWeek('fatalities', true);
    const chart = await renderChart(weekly, {
      kind: 'stacked',
      title: 'Killed per week, by area',
      annotations: [{ date: '2025-10-21', label: 'First strike in the Eastern Pacific' }],
    });
    expectSnapshot('chart-stacked-strikes-week.svg', chart.svg);
    expect(count(markGroup(chart.svg, 'bars_marks'), /<path /)).toBe(weekly.rows.length);
    expect(chart.svg).toContain('21 Oct: First strike in the Eastern Pacific');
    expect(chart.svg).toContain('Eastern Pacific</text>'); // legend
  });

  it('runs a cumulative total that ends at the sum', async () => {
    const weekly = strikesByWeek('fatalities');
    const chart = await renderChart(weekly, { kind: 'cumulative', title: 'Killed in boat strikes, running total' });
    expectSnapshot('chart-cumulative-strikes.svg', chart.svg);
    const killed = strikes().reduce((s, x) => s + x.killed, 0);
    expect(chart.altText).toContain(`reaching ${killed} in total`);
    expect(chart.svg).toContain(`>${killed}</text>`);
    expect(words(chart.svg)).toContain('shaded band shows the range');
  });

  it('draws the build-up as a step chart that drops to zero in weeks without strikes', async () => {
    const weekly = strikesByWeek('events');
    const chart = await renderChart(weekly, { kind: 'step', title: 'Strikes per week' });
    expectSnapshot('chart-step-strikes.svg', chart.svg);
    const data = (chart.spec as { data: { values: { best: number }[] } }).data.values;
    expect(data.some((d) => d.best === 0)).toBe(true);
    expect(data.reduce((s, d) => s + d.best, 0)).toBeGreaterThanOrEqual(strikes().reduce((s, x) => s + x.strikes, 0));
  });
});

describe('chart output and safety', () => {
  it('escapes text that comes from data', async () => {
    const hostile: Breakdown = {
      by: 'actor1',
      measure: 'events',
      rows: [
        { key: '<script>alert(1)</script>', events: 3, value: { low: 3, best: 3, high: 3 } },
        { key: 'A & B "quoted"', events: 2, value: { low: 2, best: 2, high: 2 } },
      ],
    };
    const chart = await renderChart(hostile, { kind: 'ranked', title: 'Actors <b>bold</b> & co', notes: ['Note with <tag>'] });
    expect(chart.svg).not.toContain('<script>');
    expect(chart.svg).not.toContain('<b>');
    expect(chart.svg).not.toContain('<tag>');
    expect(chart.svg).toContain('&lt;script&gt;');
    expect(chart.svg).toContain('Actors &lt;b&gt;bold&lt;/b&gt; &amp; co');
  });

  it('returns the Vega-Lite spec with its data and the CSV of the rows', async () => {
    const byYear = ucdpByYear();
    const chart = await renderChart(byYear, { kind: 'bar', title: 'By year', provenance: UCDP_PROVENANCE });
    const spec = chart.spec as { $schema: string; title: { text: string }; usermeta: { source: string[] } };
    expect(spec.$schema).toMatch(/vega-lite\/v6/);
    expect(spec.title.text).toBe('By year');
    expect(spec.usermeta.source[0]).toContain('UCDP');
    const lines = chart.csv.trim().split('\r\n');
    expect(lines[0]).toBe('year,events,fatalities_low,fatalities_best,fatalities_high');
    expect(lines.length).toBe(byYear.rows.length + 1);
  });

  it('refuses what it cannot draw', async () => {
    await expect(renderChart(ucdpByYear(), { kind: 'stacked' })).rejects.toThrow(/series/);
    await expect(renderChart(strikesByArea(), { kind: 'line' })).rejects.toThrow(/by day, week, month or year/);
    await expect(renderChart({ by: 'year', measure: 'events', rows: [] }, { kind: 'bar' })).rejects.toThrow(/no rows/);
  });
});
