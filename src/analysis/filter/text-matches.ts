// text: terms. A figure reads its filter several times in one statement (the sums, and the tests that pick the noun),
// and each reading would search the full-text index again: so a term whose matches are few is searched once, when
// the filter is resolved, and compiles to its list of event ids; a term with many keeps its search in the SQL.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { addDays } from '../../ingest/values.js';
import type { Engine } from '../../store/store.js';
import { facetTokens, monthsBetween } from '../../store/text-facets.js';
import type { AnalysisDb } from '../tables.js';
import { requiredTerms, type FilterNode, type TermNode } from './ast.js';

/** Up to this many matches a term becomes a list of ids; past it, the search stays in the statement. */
export const MAX_LISTED_MATCHES = 5000;

/**
 * The facet tokens (src/store/text-facets.ts) an event must carry to pass the filter's required country and date
 * terms, even loosely: the full-text index then intersects them with the words itself. Null when nothing narrows.
 * Adding them to a text term anywhere in the filter (even under NOT) changes nothing for the events that pass the
 * required terms, and the rest fail those anyway.
 */
export function textPrefilter(root: FilterNode | null, countriesOf: (t: TermNode) => string[], maxSpanDays: number | null): string[] | null {
  const required = requiredTerms(root);
  const country = required.find((t) => t.field === 'country');
  const date = required.find((t): t is Extract<TermNode, { field: 'date' }> => t.field === 'date');
  const countries = country ? countriesOf(country) : null;
  const { start, end } = date?.window ?? { start: null, end: null };
  // An event overlapping the window started at most the longest span before it (unknown while rollups are stale).
  const months = start !== null && end !== null && maxSpanDays !== null ? monthsBetween(addDays(start, -maxSpanDays), end) : null;
  return facetTokens(countries, months);
}

/** The ids of the events whose notes hold the words as a phrase (and carry one of the tokens): FTS5 or tsvector. */
export function textSearchSql(engine: Engine, text: string, tokens: string[] | null): RawBuilder<{ id: number }> {
  if (engine === 'postgres') {
    const words = sql`phraseto_tsquery('english', ${text})`;
    const query = tokens ? sql`(${words} && to_tsquery('simple', ${tokens.join(' | ')}))` : words;
    return sql`select event_id as id from events_fts where tsv @@ ${query}`;
  }
  // One indexed column holds the notes and the facet tokens (migration 012): no column filter, which would make
  // FTS5 read the positions of every match.
  const phrase = `"${text.replace(/"/g, '""')}"`;
  const match = tokens ? `${phrase} AND (${tokens.join(' OR ')})` : phrase;
  return sql`select rowid as id from events_fts where events_fts match ${match}`;
}

/** The ids matching any of the term's phrases, or null when there are more than MAX_LISTED_MATCHES. */
export async function listTextMatches(db: AnalysisDb, engine: Engine, phrases: string[], tokens: string[] | null): Promise<number[] | null> {
  const ids = new Set<number>();
  for (const text of phrases) {
    const found = await sql<{ id: number | string }>`${textSearchSql(engine, text, tokens)} limit ${MAX_LISTED_MATCHES + 1}`.execute(db);
    for (const r of found.rows) ids.add(Number(r.id));
    if (ids.size > MAX_LISTED_MATCHES) return null;
  }
  return [...ids].sort((a, b) => a - b);
}

/** The condition on an event's id: in the listed matches (one bound value however long the list), or in the search. */
export function textMatchCondition(engine: Engine, id: RawBuilder<unknown>, match: { ids: number[] } | { phrases: string[]; tokens: string[] | null }): RawBuilder<SqlBool> {
  if ('ids' in match) {
    if (match.ids.length === 0) return sql<SqlBool>`1 = 0`;
    return engine === 'postgres'
      ? sql<SqlBool>`${id} = any(cast(${`{${match.ids.join(',')}}`} as bigint[]))`
      : sql<SqlBool>`${id} in (select value from json_each(${JSON.stringify(match.ids)}))`;
  }
  return sql<SqlBool>`(${sql.join(match.phrases.map((text) => sql`${id} in (${textSearchSql(engine, text, match.tokens)})`), sql` or `)})`;
}
