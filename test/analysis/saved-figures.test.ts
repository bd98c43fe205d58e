// Saved figures: re-evaluated after every import, each change recorded with the events behind it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptFigure, figureChanges, getSavedFigure, saveFigure, SavedFigureError } from '../../src/analysis/saved-figures.js';
import { afterImport } from '../../src/ingest/after-import.js';
import { loadMapping, MappedCsvReader } from '../../src/ingest/mapping.js';
import { runImport } from '../../src/ingest/run-import.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { cli } from '../helpers/cli.js';
import { ENGINES, type TestStoreLocation } from '../helpers/stores.js';

const subset = new URL('../../data/demo/ucdp_ged_afghanistan_subset_2001_2018.csv', import.meta.url).pathname;
const mappingFile = new URL('../../data/mappings/ucdp-ged-subset.json', import.meta.url).pathname;
const FILTER = 'actor:ISKP dataset:ucdp-ged-afghanistan';

describe.each(ENGINES)('saved figures on $engine', ({ make }) => {
  let where: TestStoreLocation;
  let store: Store;
  let early: string;
  let isRows: Record<string, string>[];

  async function load(file: string) {
    const mapping = await loadMapping(mappingFile);
    const record = await runImport(store, file, new MappedCsvReader(file, mapping), { dataset: { ...mapping.dataset, format: 'csv' }, rejectsPath: join(where.dir, 'r.csv') });
    return afterImport.afterCommit(store, record);
  }

  beforeAll(async () => {
    where = await make();
    store = await openStore(where.location);
    // The file as it stood before its 2017–2018 events involving IS were added.
    const rows = Papa.parse<Record<string, string>>(readFileSync(subset, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const added = (r: Record<string, string>) => Number(r.year) >= 2017 && (r.side_a === 'IS' || r.side_b === 'IS');
    isRows = rows.filter(added);
    early = join(where.dir, 'early.csv');
    writeFileSync(early, Papa.unparse(rows.filter((r) => !added(r))));
  });
  afterAll(async () => {
    await store?.close();
    await where?.cleanup();
  });

  it('saves a figure with its value now', async () => {
    await load(early);
    const f = await saveFigure(store, 'is-deaths', FILTER, 'fatalities', { by: 'test' });
    expect(f.saved.events).toBeGreaterThan(0);
    expect(f.stale).toBe(false);
    await expect(saveFigure(store, 'is-deaths', FILTER, 'fatalities')).rejects.toBeInstanceOf(SavedFigureError);
    await expect(saveFigure(store, 'Bad Name', FILTER, 'fatalities')).rejects.toThrow(/lower-case/);
  });

  it('reports the change an import makes, with the events behind it', async () => {
    expect(isRows.length).toBeGreaterThan(0);
    const before = (await getSavedFigure(store.db, 'is-deaths'))!;
    const report = await load(subset);
    expect(report.figures_changed).toHaveLength(1);
    const change = report.figures_changed![0]!;
    expect(change.figure).toBe('is-deaths');
    expect(change.before.events).toBe(before.saved.events);
    expect(change.after.events - change.before.events).toBe(isRows.length);
    expect(change.added_event_ids).toHaveLength(isRows.length);
    expect(change.removed_event_ids).toEqual([]);
    // The mapping counts deaths_a + deaths_b as the best estimate.
    const addedDeaths = isRows.reduce((sum, r) => sum + Number(r.deaths_a) + Number(r.deaths_b), 0);
    expect(change.after.value.best - change.before.value.best).toBe(addedDeaths);
    const after = (await getSavedFigure(store.db, 'is-deaths'))!;
    expect(after.stale).toBe(true);
    expect((await figureChanges(store.db, 'is-deaths'))[0]!.import_id).toBe(change.import_id);
  });

  it('does not report a re-import that changes nothing', async () => {
    const report = await load(subset);
    expect(report.figures_changed).toBeUndefined();
  });

  it('accepts the new value as the published one', async () => {
    const f = await acceptFigure(store.db, 'is-deaths');
    expect(f.stale).toBe(false);
    expect(f.saved.value).toEqual(f.current.value);
  });

  it('lists stale figures on the command line and exits 3 when there are some', async () => {
    await saveFigure(store, 'deaths-2025', 'date:2025', 'fatalities');
    const none = await cli(['--db', where.location, 'figures', 'stale']);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toMatch(/No saved figure has changed/);
    const strikes = new URL('../../data/demo/us_boat_strikes_2025.csv', import.meta.url).pathname;
    const strikesMapping = new URL('../../data/mappings/us-boat-strikes-2025.json', import.meta.url).pathname;
    const imported = await cli(['--db', where.location, 'import', 'csv', strikes, '--mapping', strikesMapping, '--rejects', join(where.dir, 's.csv')]);
    expect(imported.stdout).toMatch(/saved figure deaths-2025 changed: 0 → \d+/);
    const stale = await cli(['--db', where.location, 'figures', 'stale']);
    expect(stale.code).toBe(3);
    expect(stale.stdout).toMatch(/deaths-2025 .*saved 0, now \d+/);
    expect(stale.stdout).toMatch(/added \d+/);
  });
});
