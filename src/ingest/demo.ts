// The demo store: the real public datasets shipped in data/demo, loaded the way a user would load them.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportRecord } from '../model/dataset.js';
import type { Actor } from '../model/desk.js';
import type { Store } from '../store/store.js';
import { buildBoatStrikesDemo } from './boat-strikes-demo.js';
import { loadMapping, MappedCsvReader } from './mapping.js';
import { runImport } from './run-import.js';
import { runTrackImport } from './run-track-import.js';
import { importSeries, loadSeriesMapping } from './series.js';

const here = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export const DEMO_FILES = {
  ucdpSubset: here('data/demo/ucdp_ged_afghanistan_subset_2001_2018.csv'),
  ucdpMapping: here('data/mappings/ucdp-ged-subset.json'),
  frontexMonthly: here('data/demo/frontex_ibc_monthly_by_route_2009_2025.csv'),
  frontexMapping: here('data/mappings/frontex-ibc-monthly.json'),
  aisLog: here('data/demo/ais_nmea_receiver_log_nl_2020.nmea'),
  adsbCarrierFlight: here('data/demo/adsb_traffic_sample_aircraft_carrier.csv'),
  adsbTrace: here('data/demo/adsb_readsb_trace_full_ac671b.json'),
};

export interface DemoStep {
  name: string;
  summary: string;
}

/** Loads every demo dataset; safe to run again (re-imports change nothing). */
export async function buildDemo(store: Store, rejectsDir: string, owner: Actor): Promise<DemoStep[]> {
  const steps: DemoStep[] = [];
  const strikes = await buildBoatStrikesDemo(owner, store.db);
  steps.push({
    name: strikes.investigation,
    summary: `investigation of the 2025 US strikes on boats: ${strikes.incidents} incidents, ${strikes.sources} sources, ${strikes.disputes} disputes (owner: ${owner.name})`,
  });

  const mapping = await loadMapping(DEMO_FILES.ucdpMapping);
  const ucdp: ImportRecord = await runImport(store, DEMO_FILES.ucdpSubset, new MappedCsvReader(DEMO_FILES.ucdpSubset, mapping), {
    dataset: { ...mapping.dataset, format: 'csv' },
    rejectsPath: `${rejectsDir}/ucdp-subset.rejects.csv`,
  });
  steps.push({ name: ucdp.dataset, summary: `${ucdp.inserted + ucdp.updated + ucdp.unchanged} UCDP GED events in Afghanistan, 2001–2018 (${ucdp.rejected} rejected)` });

  const frontex = await importSeries(store, DEMO_FILES.frontexMonthly, await loadSeriesMapping(DEMO_FILES.frontexMapping), {
    rejectsPath: `${rejectsDir}/frontex.rejects.csv`,
  });
  steps.push({ name: frontex.series, summary: `${frontex.inserted + frontex.updated + frontex.unchanged} monthly values of Frontex detections of illegal border crossings, by route` });

  for (const [format, file, label] of [
    ['ais', DEMO_FILES.aisLog, 'AIS receiver log, Netherlands, 7 April 2020'],
    ['adsb', DEMO_FILES.adsbCarrierFlight, 'ADS-B track of a US Navy flight to a carrier, 14–15 September 2020'],
    ['adsb', DEMO_FILES.adsbTrace, 'ADS-B trace of one airliner (readsb format)'],
  ] as const) {
    const r = await runTrackImport(store, file, format, { rejectsPath: `${rejectsDir}/${basename(file)}.rejects.csv` });
    steps.push({ name: basename(file), summary: `${label}: ${r.assets} assets, ${r.sightings + r.duplicates} sightings` });
  }
  return steps;
}

export function demoFilesPresent(): boolean {
  return Object.values(DEMO_FILES).every((f) => existsSync(f));
}
