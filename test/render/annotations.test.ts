// Annotations written by hand or drawn from the deadliest events of a filter, on the demo UCDP subset.
import { join } from 'node:path';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMapping, MappedCsvReader } from '../../src/ingest/mapping.js';
import { runImport } from '../../src/ingest/run-import.js';
import { annotationsFromFilter, parseAnnotation } from '../../src/render/of-filter/annotations.js';
import { makeGraphic } from '../../src/render/of-filter/graphic.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { sqliteLocation, type TestStoreLocation } from '../helpers/stores.js';

const subset = new URL('../../data/demo/ucdp_ged_afghanistan_subset_2001_2018.csv', import.meta.url).pathname;

describe('chart annotations', () => {
  let where: TestStoreLocation;
  let store: Store;
  beforeAll(async () => {
    where = await sqliteLocation();
    store = await openStore(where.location);
    const mapping = await loadMapping(new URL('../../data/mappings/ucdp-ged-subset.json', import.meta.url).pathname);
    await runImport(store, subset, new MappedCsvReader(subset, mapping), { dataset: { ...mapping.dataset, format: 'csv' }, rejectsPath: join(where.dir, 'r.csv') });
  });
  afterAll(async () => {
    await store?.close();
    await where?.cleanup();
  });

  it('reads a hand-written annotation and refuses an impossible date', () => {
    expect(parseAnnotation('2021-08-26: Kabul airport bombing')).toEqual({ date: '2021-08-26', label: 'Kabul airport bombing' });
    expect(() => parseAnnotation('2021-02-30: nothing')).toThrow(/YYYY-MM-DD/);
  });

  it('labels the deadliest events a filter selects', async () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(subset, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const deadliest = rows
      .filter((r) => r.side_a === 'IS' || r.side_b === 'IS')
      .map((r) => ({ date: r.date_start!, dead: Number(r.deaths_a) + Number(r.deaths_b) }))
      .sort((a, b) => b.dead - a.dead || a.date.localeCompare(b.date))
      .slice(0, 2);
    const notes = await annotationsFromFilter(store, 'actor:ISKP', 2);
    expect(notes.map((n) => n.date)).toEqual(deadliest.map((d) => d.date));
    expect(notes[0]!.label).toContain(`${deadliest[0]!.dead} killed`);
  });

  it('draws them on the chart', async () => {
    const annotations = [parseAnnotation('2015-09-28: Taliban take Kunduz <b>')];
    const g = await makeGraphic(store, { graphic: 'chart', q: '', measure: 'fatalities', kind: 'bar', by: 'year', size: 'desktop', annotations });
    expect(g.svg).toContain('Taliban take Kunduz &lt;b&gt;');
  });
});
