// The demo store: the real public datasets shipped in data/demo, loaded the way a user would load them.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ImportRecord } from '../model/dataset.js';
import type { Store } from '../store/store.js';
import { loadMapping, MappedCsvReader } from './mapping.js';
import { runImport } from './run-import.js';

const here = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export const DEMO_FILES = {
  ucdpSubset: here('data/demo/ucdp_ged_afghanistan_subset_2001_2018.csv'),
  ucdpMapping: here('data/mappings/ucdp-ged-subset.json'),
};

export interface DemoStep {
  name: string;
  summary: string;
}

/** Loads every demo dataset; safe to run again (re-imports change nothing). */
export async function buildDemo(store: Store, rejectsDir: string): Promise<DemoStep[]> {
  const steps: DemoStep[] = [];
  const mapping = await loadMapping(DEMO_FILES.ucdpMapping);
  const ucdp: ImportRecord = await runImport(store, DEMO_FILES.ucdpSubset, new MappedCsvReader(DEMO_FILES.ucdpSubset, mapping), {
    dataset: { ...mapping.dataset, format: 'csv' },
    rejectsPath: `${rejectsDir}/ucdp-subset.rejects.csv`,
  });
  steps.push({ name: ucdp.dataset, summary: `${ucdp.inserted + ucdp.updated + ucdp.unchanged} UCDP GED events in Afghanistan, 2001–2018 (${ucdp.rejected} rejected)` });
  return steps;
}

export function demoFilesPresent(): boolean {
  return Object.values(DEMO_FILES).every((f) => existsSync(f));
}
