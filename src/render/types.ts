// The shapes render accepts from the analysis layer, and the shape of a finished graphic.

export const BREAKDOWN_BYS = [
  'day', 'week', 'month', 'year', 'country', 'admin1', 'admin2', 'location', 'actor1', 'actor2', 'event_type', 'target',
] as const;
export type BreakdownBy = (typeof BREAKDOWN_BYS)[number];

export const MEASURES = ['events', 'fatalities', 'civilian_fatalities', 'units'] as const;
export type Measure = (typeof MEASURES)[number];

export interface Estimate {
  low: number;
  best: number;
  high: number;
}

/** One row of a breakdown: a key (a period, a place, an actor…) with its count and measure. */
export interface BreakdownRow {
  key: string;
  events: number;
  value: Estimate;
  /** Splits a row into series, for stacked bars and small multiples. */
  series?: string;
}

export interface Breakdown {
  by: BreakdownBy;
  measure: Measure;
  rows: BreakdownRow[];
}

/** One event to put on a map. */
export interface MapPoint {
  id: number | string;
  lat: number | null;
  lon: number | null;
  location: string | null;
  admin1: string | null;
  iso3: string | null;
  date: string;
  fatalities: number;
  category: string | null;
  label?: string;
}

export interface ProvenanceDataset {
  name: string;
  title: string | null;
  attribution: string | null;
  access_date: string | null;
}

/** Where the numbers came from, for the source line. */
export interface Provenance {
  datasets: ProvenanceDataset[];
  filter_english?: string;
}

/** A key event to mark on a time axis ("26 Aug: Kabul airport bombing"). */
export interface Annotation {
  date: string;
  label: string;
}

/** The data behind a graphic, as columns and rows (for CSV and the embed's table). */
export interface DataTable {
  columns: string[];
  rows: (string | number | null)[][];
}

/** The text around a graphic. */
export interface GraphicText {
  title?: string;
  subtitle?: string;
  notes?: string[];
  byline?: string;
  provenance?: Provenance;
}

/** A finished chart or map, ready to write in any format. */
export interface Graphic {
  kind: 'chart' | 'map';
  svg: string;
  width: number;
  height: number;
  title: string;
  /** One or two sentences: the subtitle and notes. */
  description: string;
  /** Written from the data, for screen readers and the embed. */
  altText: string;
  table: DataTable;
  csv: string;
  /** The Vega-Lite specification (charts only). */
  spec?: object;
}
