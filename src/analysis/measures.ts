// What can be counted, and how each low / best / high is read from an event row.
import { sql, type RawBuilder } from 'kysely';
import type { DatasetFormat } from '../model/dataset.js';

export const MEASURES = ['events', 'fatalities', 'civilian_fatalities', 'units'] as const;
export type Measure = (typeof MEASURES)[number];

export interface Range {
  low: number;
  best: number;
  high: number;
}

export const ZERO: Range = { low: 0, best: 0, high: 0 };

export function isMeasure(s: string): s is Measure {
  return (MEASURES as readonly string[]).includes(s);
}

/**
 * Per-row values, as SQL over the events table (alias e). Best falls back to low and high to best, so a
 * source that gives one number counts it in all three; a row that gives only a best counts it as its low
 * too (one reported figure is the conservative one).
 */
export const ROW_VALUES = {
  events: { low: 'e.event_count', best: 'e.event_count', high: 'e.event_count' },
  fatalities: {
    low: 'coalesce(e.fatalities_low, e.fatalities_best, 0)',
    best: 'coalesce(e.fatalities_best, e.fatalities_low, 0)',
    high: 'coalesce(e.fatalities_high, e.fatalities_best, e.fatalities_low, 0)',
  },
  civilian_fatalities: {
    low: 'coalesce(e.civilian_fatalities_low, 0)',
    best: 'coalesce(e.civilian_fatalities_low, 0)',
    high: 'coalesce(e.civilian_fatalities_high, e.civilian_fatalities_low, 0)',
  },
  units: {
    low: 'coalesce(e.units_low, 0)',
    best: 'coalesce(e.units_low, 0)',
    high: 'coalesce(e.units_high, e.units_low, 0)',
  },
} as const satisfies Record<Measure, Record<keyof Range, string>>;

/** The rollup column holding the sum of each bound (rollups keep best only where it differs from low). */
export const ROLLUP_COLUMNS: Record<Measure, Record<keyof Range, string>> = {
  events: { low: 'events', best: 'events', high: 'events' },
  fatalities: { low: 'fatalities_low', best: 'fatalities_best', high: 'fatalities_high' },
  civilian_fatalities: { low: 'civilian_fatalities_low', best: 'civilian_fatalities_low', high: 'civilian_fatalities_high' },
  units: { low: 'units_low', best: 'units_low', high: 'units_high' },
};

/** A per-row expression as raw SQL (the strings above are fixed text, never user input). */
export function rowValue(measure: Measure, bound: keyof Range): RawBuilder<number> {
  return sql.raw<number>(ROW_VALUES[measure][bound]);
}

/** What civilian fatalities mean in each kind of dataset: printed in the method note. */
export const CIVILIAN_DEFINITIONS: Record<DatasetFormat, string> = {
  acled: 'ACLED: the fatalities of events coded as civilian targeting (ACLED does not split fatalities by status).',
  ucdp: 'UCDP GED: deaths_civilians, the civilians killed in the event (low and high from the same estimate).',
  desk: 'Desk incidents: civilian casualties as the minimum and maximum the sources support.',
  csv: 'Mapped CSV: the civilian fatalities the mapping names, as given by the source.',
};

export const MEASURE_DEFINITIONS: Record<Measure, string> = {
  events: 'events: the attacks each row stands for (a row recording three strikes counts three).',
  fatalities: 'fatalities: people killed; the low sums each event\'s lowest figure, best its best estimate, high its highest.',
  civilian_fatalities: 'civilian fatalities: as each dataset defines them (below).',
  units: 'units: what was hit, as recorded (e.g. vessels).',
};

/** Sums of rows read back from either engine (PostgreSQL returns sums as strings). */
export function toRange(low: unknown, best: unknown, high: unknown): Range {
  return { low: Number(low ?? 0), best: Number(best ?? 0), high: Number(high ?? 0) };
}

/** A measure named on a command line or in a URL; throws naming the choices. */
export function parseMeasure(s: string | undefined, fallback: Measure): Measure {
  if (s === undefined) return fallback;
  const m = s.replace(/-/g, '_');
  if (!isMeasure(m)) throw new Error(`unknown measure "${s}": use one of ${MEASURES.join(', ')}`);
  return m;
}
