// Names in a filter → what the store holds: actor spellings through the alias table, places through the
// gazetteer, dataset names to ids. Unknown names fail with the nearest known ones.
import { sql } from 'kysely';
import countries from 'i18n-iso-countries';
import { countryName, toIso3 } from '../../model/country.js';
import { foldName } from '../../model/names.js';
import type { Engine } from '../../store/store.js';
import { findPlaces, suggestPlaces, type Place } from '../gazetteer.js';
import { rollupFacts, type NameKind } from '../rollups.js';
import { suggest } from '../suggest.js';
import type { AnalysisDb } from '../tables.js';
import { requiredTerms, termsOf, type FilterNode, type NameField, type TermNode, type Value } from './ast.js';
import { FilterError } from './error.js';
import { listTextMatches, textPrefilter } from './text-matches.js';

/** What a term resolved to: the values SQL compares with, and the labels English prints. */
export type Resolution =
  | { kind: 'names'; values: string[]; labels: string[] }
  | { kind: 'ids'; ids: number[]; labels: string[] }
  | { kind: 'point'; lat: number; lon: number; label: string; place: Place | null }
  /** A text: term's matches, when few (see text-matches.ts); labels are its phrases. */
  | { kind: 'matches'; ids: number[]; labels: string[] };

export interface ResolvedFilter {
  text: string;
  root: FilterNode | null;
  resolutions: Map<TermNode, Resolution>;
  engine: Engine;
  /** Whether the rollups are up to date with every import (else analysis reads the events). */
  rollupsFresh: boolean;
  /** The longest event span in days, when known: lets "ends after A" also say "starts after A - span". */
  maxSpanDays: number | null;
  /** Datasets left out whatever the filter says (a reader's hidden investigations): unknown to its names too. */
  excludedDatasets?: readonly number[];
}

const NAME_KIND: Record<NameField, NameKind> = {
  actor: 'actor', actor1: 'actor', actor2: 'actor', admin1: 'admin1', admin2: 'admin2', location: 'location',
  type: 'event_type', subtype: 'sub_event_type', disorder: 'disorder_type', target: 'target',
};

const KIND_WORDS: Record<NameKind, string> = {
  actor: 'actor', admin1: 'admin1 area', admin2: 'admin2 area', location: 'location', event_type: 'event type',
  sub_event_type: 'sub-event type', disorder_type: 'disorder type', target: 'target',
};

export async function resolveFilter(db: AnalysisDb, engine: Engine, text: string, root: FilterNode | null, excludedDatasets: readonly number[] = []): Promise<ResolvedFilter> {
  const resolutions = new Map<TermNode, Resolution>();
  const fail = (reason: string, v: { start: number; end: number }, suggestions: string[] = []): never => {
    throw new FilterError(reason, text, v.start, v.end, suggestions);
  };
  let datasets: { id: number; name: string; format: string }[] | null = null;
  const loadDatasets = async () =>
    (datasets ??= (await db.selectFrom('datasets').select(['id', 'name', 'format']).execute()).map((d) => ({ ...d, id: Number(d.id) })).filter((d) => !excludedDatasets.includes(d.id)));

  for (const term of termsOf(root)) {
    switch (term.field) {
      case 'actor': case 'actor1': case 'actor2': case 'admin1': case 'admin2': case 'location':
      case 'type': case 'subtype': case 'disorder': case 'target': {
        const kind = NAME_KIND[term.field];
        const values: string[] = [];
        const labels: string[] = [];
        for (const v of term.values) {
          const found = kind === 'actor' ? await resolveActor(db, v.text) : await resolveName(db, kind, v.text);
          if (found.length === 0) fail(`unknown ${KIND_WORDS[kind]} "${v.text}"`, v, await suggestNames(db, kind, v.text));
          values.push(...found);
          labels.push(found[0]!);
        }
        resolutions.set(term, { kind: 'names', values: [...new Set(values)], labels });
        break;
      }
      case 'country': {
        const values: string[] = [];
        for (const v of term.values) {
          const iso3 = toIso3(v.text);
          if (!iso3) fail(`unknown country "${v.text}"`, v, suggest(v.text, countryNames()));
          values.push(iso3!);
        }
        resolutions.set(term, { kind: 'names', values, labels: values.map((c) => countryName(c) ?? c) });
        break;
      }
      case 'dataset':
      case 'investigation': {
        const all = await loadDatasets();
        const pool = term.field === 'investigation' ? all.filter((d) => d.format === 'desk') : all;
        const ids = term.values.map((v) => {
          const d = pool.find((x) => x.name === v.text) ?? pool.find((x) => x.name.toLowerCase() === v.text.toLowerCase());
          if (!d) fail(`unknown ${term.field} "${v.text}"`, v, suggest(v.text, pool.map((x) => x.name)));
          return d!.id;
        });
        resolutions.set(term, { kind: 'ids', ids, labels: term.values.map((v) => pool.find((x) => x.id === ids[term.values.indexOf(v)])!.name) });
        break;
      }
      case 'near': {
        if (term.point) {
          resolutions.set(term, { kind: 'point', ...term.point, label: `${term.point.lat}, ${term.point.lon}`, place: null });
          break;
        }
        const candidates = findPlaces(term.place.text);
        if (candidates.length === 0) fail(`unknown place "${term.place.text}"`, term.place, suggestPlaces(term.place.text));
        const place = await pickPlace(db, root, resolutions, candidates);
        const ambiguous = new Set(candidates.map((c) => c.iso3)).size > 1;
        resolutions.set(term, { kind: 'point', lat: place.lat, lon: place.lon, label: ambiguous && place.country ? `${place.plain} (${place.country})` : place.plain, place });
        break;
      }
      case 'grade':
      case 'status':
        if (!(await hasIncidents(db))) fail(`${term.field}: applies to desk incidents, and this store has no incidents table yet`, term);
        break;
      default:
        break;
    }
  }
  const facts = await rollupFacts(db);
  await listTextTerms(db, engine, root, resolutions, facts.maxSpanDays);
  return { text, root, resolutions, engine, rollupsFresh: facts.fresh, maxSpanDays: facts.maxSpanDays, ...(excludedDatasets.length > 0 ? { excludedDatasets } : {}) };
}

/** Each text: term whose matches are few, as the list of them (the index is searched once per filter, not per reading). */
async function listTextTerms(db: AnalysisDb, engine: Engine, root: FilterNode | null, resolutions: Map<TermNode, Resolution>, maxSpanDays: number | null): Promise<void> {
  const texts = termsOf(root).filter((t) => t.field === 'text');
  if (texts.length === 0) return;
  const countries = (t: TermNode) => {
    const r = resolutions.get(t);
    return r?.kind === 'names' ? r.values : [];
  };
  const tokens = textPrefilter(root, countries, maxSpanDays);
  for (const term of texts) {
    const phrases = term.values.map((v) => v.text);
    const ids = await listTextMatches(db, engine, phrases, tokens);
    if (ids !== null) resolutions.set(term, { kind: 'matches', ids, labels: phrases });
  }
}

/** An actor spelling → the canonical names events carry: through the alias table, then as written. */
async function resolveActor(db: AnalysisDb, written: string): Promise<string[]> {
  const key = foldName(written);
  const aliases = await db.selectFrom('actor_aliases').select('canonical').where('alias_key', '=', key).execute();
  // A canonical name given as written (e.g. one a user just made with `actors alias`) resolves to itself.
  const canonicals = (await db.selectFrom('actor_aliases').select('canonical').distinct().execute()).map((a) => a.canonical).filter((c) => foldName(c) === key);
  const byAlias = [...new Set([...aliases.map((a) => a.canonical), ...canonicals])];
  const direct = await resolveName(db, 'actor', written);
  // A canonical name that no event carries yet still resolves (its figures are simply zero).
  return [...new Set([...byAlias, ...direct])];
}

async function resolveName(db: AnalysisDb, kind: NameKind, written: string): Promise<string[]> {
  const rows = await db.selectFrom('analysis_names').select('name').where('kind', '=', kind).where('name_key', '=', foldName(written)).execute();
  return rows.map((r) => r.name);
}

async function suggestNames(db: AnalysisDb, kind: NameKind, written: string): Promise<string[]> {
  const names = (await db.selectFrom('analysis_names').select('name').where('kind', '=', kind).execute()).map((r) => r.name);
  if (kind === 'actor') names.push(...(await db.selectFrom('actor_aliases').select('alias').execute()).map((r) => r.alias));
  return suggest(written, names);
}

let countryList: string[] | null = null;
function countryNames(): string[] {
  countryList ??= Object.values(countries.getNames('en', { select: 'official' }));
  return countryList;
}

/**
 * Several places share a name (there are five Jalalabads): prefer one in a country the filter names,
 * then one in a country the store has events in, then the gazetteer's first.
 */
async function pickPlace(db: AnalysisDb, root: FilterNode | null, resolutions: Map<TermNode, Resolution>, candidates: Place[]): Promise<Place> {
  if (candidates.length === 1) return candidates[0]!;
  const named = new Set<string>();
  for (const t of requiredTerms(root)) {
    if (t.field !== 'country') continue;
    const r = resolutions.get(t) ?? { kind: 'names', values: t.values.map((v: Value) => toIso3(v.text) ?? '') };
    if (r.kind === 'names') r.values.forEach((c) => named.add(c));
  }
  const inNamed = candidates.find((c) => c.iso3 !== null && named.has(c.iso3));
  if (inNamed) return inNamed;
  const active = await db.selectFrom('rollup_months').select('iso3').distinct().where('iso3', 'in', candidates.map((c) => c.iso3 ?? '')).execute();
  const activeSet = new Set(active.map((a) => a.iso3));
  return candidates.find((c) => c.iso3 !== null && activeSet.has(c.iso3)) ?? candidates[0]!;
}

const incidentTables = new WeakMap<AnalysisDb, boolean>();
async function hasIncidents(db: AnalysisDb): Promise<boolean> {
  const known = incidentTables.get(db);
  if (known !== undefined) return known;
  let exists = true;
  try {
    await sql`select 1 from incidents where 1 = 0`.execute(db);
  } catch {
    exists = false;
  }
  if (exists) incidentTables.set(db, true);
  return exists;
}
