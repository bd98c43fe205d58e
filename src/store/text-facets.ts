// Tokens indexed beside each event's notes: its country, its month and year (of date_start), and the country with
// each. A text: search inside a country and a window adds them to the match, so the index intersects short lists
// instead of returning every event that mentions the words for the database to sift; a whole year is one token
// rather than twelve (each token is a list the index reads).

/** The transaction setting under which PostgreSQL's insert trigger leaves indexing to the catch-up. */
export const TEXT_DEFER_SETTING = 'groundtruth.defer_text_index';

const month = (row: string) => `substr(${row}.date_start, 1, 4) || substr(${row}.date_start, 6, 2)`;
const year = (row: string) => `substr(${row}.date_start, 1, 4)`;

/** The facets text of a row, as SQL (`row` is the alias: new, e): "gtm202403 gty2024 gtiafg gtcafg202403 gtdafg2024". */
function facetsText(row: string): string {
  const iso = `lower(${row}.iso3)`;
  return `'gtm' || ${month(row)} || ' gty' || ${year(row)} || case when ${row}.iso3 is null then '' else ' gti' || ${iso} || ' gtc' || ${iso} || ${month(row)} || ' gtd' || ${iso} || ${year(row)} end`;
}

/** SQLite's indexed document (migration 012): the notes, then the facets, in one column. */
export const TEXT_BODY_SQL = (row: string) => `coalesce(${row}.notes, '') || ' ' || ${facetsText(row)}`;

export const FACETS_SQL = {
  /** The facets text (SQLite's events_fts of migration 008 kept it in a column of its own). */
  sqlite: facetsText,
  /** PostgreSQL's whole document: the notes in English, then the facets as plain tokens. */
  postgres: (row: string) => `to_tsvector('english', coalesce(${row}.notes, '')) || to_tsvector('simple', ${facetsText(row)})`,
};

/** More tokens than this and the prefilter costs more than it saves: it is left out. */
const MAX_TOKENS = 240;

/**
 * The facet tokens of which an event must carry one to match: its country among `countries`, its month of
 * date_start among `months` (YYYY-MM), or both. Null when neither narrows anything or the list would be too long.
 */
export function facetTokens(countries: readonly string[] | null, months: readonly string[] | null): string[] | null {
  const isoKey = (iso3: string) => iso3.toLowerCase().replace(/[^a-z0-9]/g, '');
  const periods = months ? byYears(months) : null;
  let tokens: string[] | null = null;
  if (countries && periods) tokens = countries.flatMap((c) => periods.map((p) => (p.length === 4 ? `gtd${isoKey(c)}${p}` : `gtc${isoKey(c)}${p}`)));
  if (tokens === null || tokens.length > MAX_TOKENS) tokens = countries ? countries.map((c) => `gti${isoKey(c)}`) : null;
  if (tokens === null && periods) tokens = periods.map((p) => (p.length === 4 ? `gty${p}` : `gtm${p}`));
  return tokens !== null && tokens.length > 0 && tokens.length <= MAX_TOKENS ? tokens : null;
}

/** Months (YYYY-MM) as the years they fill whole ("2023") and the months left over ("202212"). */
function byYears(months: readonly string[]): string[] {
  const perYear = new Map<string, number>();
  for (const m of new Set(months)) perYear.set(m.slice(0, 4), (perYear.get(m.slice(0, 4)) ?? 0) + 1);
  const out: string[] = [];
  for (const m of new Set(months)) {
    const y = m.slice(0, 4);
    if (perYear.get(y) !== 12) out.push(m.replace('-', ''));
    else if (!out.includes(y)) out.push(y);
  }
  return out;
}

/** The months (YYYY-MM) from one date to another, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while ((y < endY || (y === endY && m <= endM)) && out.length <= MAX_TOKENS) {
    out.push(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
