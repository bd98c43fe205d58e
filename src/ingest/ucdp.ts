// Reader for the UCDP Georeferenced Event Dataset (GED) in its full 49-column CSV layout.
import type { DatePrecision } from '../model/event.js';
import { toIso3 } from '../model/country.js';
import { InputFileError } from '../model/reject.js';
import type { CsvRow } from './csv.js';
import { draftBatches } from './draft-batches.js';
import type { EventReader, ReadBatch } from './reader.js';
import { FieldError } from './validate.js';
import { blank, floatField, intField, parseDate } from './values.js';

/** The GED columns in UCDP's order (codebook versions 19.1 onwards). */
export const UCDP_GED_COLUMNS = [
  'id', 'relid', 'year', 'active_year', 'code_status', 'type_of_violence', 'conflict_dset_id', 'conflict_new_id',
  'conflict_name', 'dyad_dset_id', 'dyad_new_id', 'dyad_name', 'side_a_dset_id', 'side_a_new_id', 'side_a',
  'side_b_dset_id', 'side_b_new_id', 'side_b', 'number_of_sources', 'source_article', 'source_office', 'source_date',
  'source_headline', 'source_original', 'where_prec', 'where_coordinates', 'where_description', 'adm_1', 'adm_2',
  'latitude', 'longitude', 'geom_wkt', 'priogrid_gid', 'country', 'country_id', 'region', 'event_clarity', 'date_prec',
  'date_start', 'date_end', 'deaths_a', 'deaths_b', 'deaths_civilians', 'deaths_unknown', 'best', 'high', 'low',
  'gwnoa', 'gwnob',
] as const;

/** The columns the record is built from: a file without them is not GED. */
const REQUIRED = [
  'id', 'type_of_violence', 'side_a', 'side_b', 'source_article', 'source_headline', 'source_original', 'where_prec',
  'where_coordinates', 'adm_1', 'adm_2', 'latitude', 'longitude', 'country', 'date_prec', 'date_start', 'date_end',
  'deaths_civilians', 'best', 'high', 'low',
] as const;

/** Record field → the GED column it comes from, for naming columns in rejects. */
const COLUMN_OF: Record<string, string> = {
  source_id: 'id', date_start: 'date_start', date_end: 'date_end', date_precision: 'date_prec', event_type: 'type_of_violence',
  actor1: 'side_a', actor2: 'side_b', iso3: 'country', country: 'country', admin1: 'adm_1', admin2: 'adm_2',
  location: 'where_coordinates', lat: 'latitude', lon: 'longitude', geo_precision: 'where_prec', fatalities_low: 'low',
  fatalities_best: 'best', fatalities_high: 'high', civilian_fatalities_low: 'deaths_civilians',
  civilian_fatalities_high: 'deaths_civilians', sources: 'source_article',
};

/** Columns copied into `extra` as whole numbers; the other unmapped columns are kept as text. */
const INTEGER_EXTRAS = new Set([
  'year', 'conflict_new_id', 'dyad_new_id', 'side_a_new_id', 'side_b_new_id', 'number_of_sources', 'priogrid_gid',
  'country_id', 'event_clarity', 'date_prec', 'deaths_a', 'deaths_b', 'deaths_unknown',
]);

/** Columns fully carried by record fields. date_prec is not: codes 2 and 3 both become "week", so it stays in extra. */
const MAPPED = new Set([
  'id', 'type_of_violence', 'side_a', 'side_b', 'source_article', 'source_headline', 'where_prec', 'where_coordinates',
  'adm_1', 'adm_2', 'latitude', 'longitude', 'country', 'date_start', 'date_end', 'deaths_civilians', 'best', 'high', 'low',
]);

const VIOLENCE_TYPES: Record<string, string> = {
  '1': 'State-based conflict',
  '2': 'Non-state conflict',
  '3': 'One-sided violence',
};

/** GED date_prec: 1 exact day; 2 within 2–6 days; 3 within a week; 4 within a month; 5 within a year. */
const DATE_PRECISIONS: Record<string, DatePrecision> = { '1': 'day', '2': 'week', '3': 'week', '4': 'month', '5': 'year' };

export class UcdpReader implements EventReader {
  readonly format = 'ucdp';

  constructor(readonly file: string) {}

  layout(): string {
    return 'ucdp-ged';
  }

  batches(): AsyncIterable<ReadBatch> {
    return draftBatches(this.file, { expected: 'a UCDP GED CSV file' }, {
      start: (header) => {
        const missing = REQUIRED.filter((c) => !header.includes(c));
        if (missing.length) {
          throw new InputFileError(this.file, `not a UCDP GED file: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
        }
        const extras = header.filter((c) => !MAPPED.has(c));
        return (row) => ucdpDraft(row, extras);
      },
      columnOf: (field) => COLUMN_OF[field],
    });
  }
}

function ucdpDraft(row: CsvRow, extraColumns: string[]): Record<string, unknown> {
  const v = row.values;
  const violence = blank(v.type_of_violence);
  const eventType = violence === null ? undefined : VIOLENCE_TYPES[violence];
  if (eventType === undefined) throw new FieldError('type_of_violence', `expected 1, 2 or 3, got ${JSON.stringify(v.type_of_violence)}`);
  const precisionCode = blank(v.date_prec);
  const datePrecision = precisionCode === null ? undefined : DATE_PRECISIONS[precisionCode];
  if (datePrecision === undefined) throw new FieldError('date_prec', `expected a code from 1 to 5, got ${JSON.stringify(v.date_prec)}`);

  const countryName = blank(v.country);
  const iso3 = countryName === null ? null : ucdpCountryIso3(countryName);
  if (countryName !== null && iso3 === null) throw new FieldError('country', `not a country we know: ${JSON.stringify(countryName)}`);

  const headline = blank(v.source_headline);
  const original = blank(v.source_original);
  const extra: Record<string, string | number | null> = {};
  for (const column of extraColumns) {
    if (column === 'source_original' && headline === null) continue; // it is the notes
    extra[column] = INTEGER_EXTRAS.has(column) ? intField(column, v[column]) : blank(v[column]);
  }
  const admin2 = adminName(v.adm_2, 'district');
  // UCDP qualifies some districts ("Nad Ali district (Marja)"): keep its spelling when the name alone loses that.
  if (admin2 !== null && /\(.*\)/.test(v.adm_2 ?? '')) extra.adm_2 = blank(v.adm_2);

  const civilians = intField('deaths_civilians', v.deaths_civilians);
  return {
    source_id: required('id', blank(v.id)),
    date_start: required('date_start', parseDate('date_start', v.date_start)),
    date_end: required('date_end', parseDate('date_end', v.date_end)),
    date_precision: datePrecision,
    disorder_type: null,
    event_type: eventType,
    sub_event_type: null,
    actor1: blank(v.side_a),
    assoc_actor1: null,
    actor2: blank(v.side_b),
    assoc_actor2: null,
    target: null,
    // One-sided violence is, by UCDP's definition, armed force against civilians; the other types say nothing either way.
    civilian_targeting: violence === '3' ? true : null,
    iso3,
    country: countryName,
    admin1: adminName(v.adm_1, 'province'),
    admin2,
    admin3: null,
    location: blank(v.where_coordinates),
    lat: floatField('latitude', v.latitude),
    lon: floatField('longitude', v.longitude),
    geo_precision: intField('where_prec', v.where_prec),
    fatalities_low: intField('low', v.low),
    fatalities_best: intField('best', v.best),
    fatalities_high: intField('high', v.high),
    civilian_fatalities_low: civilians,
    civilian_fatalities_high: civilians,
    units_low: null,
    units_high: null,
    notes: headline ?? original,
    sources: blank(v.source_article),
    tags: null,
    source_timestamp: null,
    event_count: 1,
    extra,
  };
}

function required(column: string, value: string | null): string {
  if (value === null) throw new FieldError(column, 'blank: every GED event has one');
  return value;
}

/** "Nangarhar province" → "Nangarhar"; "Nad Ali district (Marja)" → "Nad Ali". */
export function adminName(value: string | undefined, unit: 'province' | 'district'): string | null {
  const s = blank(value);
  if (s === null) return null;
  const name = s.replace(new RegExp(`\\s+${unit}(\\s*\\(.*\\))?$`, 'i'), '').trim();
  return name === '' ? s : name;
}

/**
 * UCDP writes former names in brackets ("DR Congo (Zaire)", "Russia (Soviet Union)") and some with a suffix
 * ("Macedonia, FYR"): try the whole name, then the name outside the brackets, then the one inside, then before the comma.
 */
export function ucdpCountryIso3(name: string): string | null {
  const bracket = name.match(/^(.*?)\s*\((.*)\)\s*$/);
  const candidates = [name];
  if (bracket) candidates.push(bracket[1]!, bracket[2]!);
  if (name.includes(',')) candidates.push(name.slice(0, name.indexOf(',')));
  for (const c of candidates) {
    const iso3 = toIso3(c);
    if (iso3) return iso3;
  }
  return null;
}
