// Rendering speed, warm: a chart's SVG, its PNG, a country map's SVG; against a bare Vega render of a trivial spec.
// Run alone with `node --import tsx bench/render.ts`, or through bench/run.ts via runRenderBench().
import { pathToFileURL } from 'node:url';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { afghanistanProvinces, renderChart, renderMap, svgToPng } from '../src/render/index.js';
import type { Breakdown } from '../src/render/index.js';
import { UCDP_PROVENANCE, ucdpByYear, ucdpEvents, ucdpPoints } from '../test/render/demo.js';

export interface RenderBenchResult {
  name: string;
  /** Median of the warm runs, in milliseconds. */
  medianMs: number;
  runs: number;
  targetMs: number | null;
}

async function median(runs: number, task: () => unknown): Promise<number> {
  for (let i = 0; i < 3; i++) await task(); // warm up: load data, compile code paths
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await task();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 10) / 10;
}

function provinceBreakdown(): Breakdown {
  const provinces = afghanistanProvinces();
  const totals = new Map<string, number>();
  for (const e of ucdpEvents()) {
    const name = provinces.at(e.lon, e.lat)?.name;
    if (name) totals.set(name, (totals.get(name) ?? 0) + e.deaths);
  }
  return { by: 'admin1', measure: 'fatalities', rows: [...totals].map(([key, n]) => ({ key, events: 1, value: { low: n, best: n, high: n } })) };
}

export async function runRenderBench(runs = 15): Promise<RenderBenchResult[]> {
  const byYear = ucdpByYear();
  const points = ucdpPoints();
  const byProvince = provinceBreakdown();
  const trivial = compile({ data: { values: [{ a: 'x', b: 1 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } } } as TopLevelSpec).spec;
  const chart = await renderChart(byYear, { kind: 'bar', provenance: UCDP_PROVENANCE });

  return [
    { name: 'baseline: bare vega View.toSVG, trivial spec', medianMs: await median(runs, () => new vega.View(vega.parse(trivial), { renderer: 'none' }).toSVG()), runs, targetMs: null },
    { name: 'chart SVG: UCDP deaths by year (bar)', medianMs: await median(runs, () => renderChart(byYear, { kind: 'bar', provenance: UCDP_PROVENANCE })), runs, targetMs: 30 },
    { name: 'chart PNG 1× from its SVG (resvg)', medianMs: await median(runs, () => svgToPng(chart.svg)), runs, targetMs: 100 },
    { name: 'chart PNG 2× from its SVG (resvg)', medianMs: await median(runs, () => svgToPng(chart.svg, { scale: 2 })), runs, targetMs: null },
    { name: 'country map SVG: Afghanistan choropleth (34 provinces)', medianMs: await median(runs, () => renderMap({ kind: 'choropleth', breakdown: byProvince }, { country: 'AFG' })), runs, targetMs: 300 },
    { name: 'country map SVG: 310 UCDP points', medianMs: await median(runs, () => renderMap({ kind: 'points', points }, { country: 'AFG' })), runs, targetMs: 300 },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runRenderBench();
  for (const r of results) {
    const verdict = r.targetMs === null ? '' : r.medianMs <= r.targetMs ? `  (target ≤ ${r.targetMs} ms: met)` : `  (target ≤ ${r.targetMs} ms: MISSED)`;
    console.log(`${r.medianMs.toFixed(1).padStart(7)} ms  ${r.name}${verdict}`);
  }
}
