// What of the shared event tables an actor may see: everything except the incidents of investigations
// they are not a member of (each investigation keeps its incidents in a dataset of its own).
import type { Kysely } from 'kysely';
import { FilterError } from '../analysis/filter/error.js';
import { figure } from '../analysis/figure.js';
import type { ScopedStore } from '../analysis/filter/index.js';
import type { Actor } from '../model/desk.js';
import { readableInvestigationIds } from '../store/desk/access.js';
import type { Database } from '../store/schema.js';
import type { ServerContext } from './context.js';
import { forbidden } from './errors.js';

export interface HiddenDatasets {
  ids: number[];
  names: Set<string>;
}

export async function hiddenDatasets(db: Kysely<Database>, actor: Actor): Promise<HiddenDatasets> {
  const readable = await readableInvestigationIds(db, actor);
  if (readable === null) return { ids: [], names: new Set() };
  let q = db.selectFrom('investigations as i').innerJoin('datasets as d', 'd.id', 'i.dataset_id').select(['d.id', 'd.name']);
  if (readable.length > 0) q = q.where('i.id', 'not in', readable);
  const rows = await q.execute();
  return { ids: rows.map((r) => Number(r.id)).sort((a, b) => a - b), names: new Set(rows.map((r) => r.name)) };
}

/** The same, kept with the analysis answers: memberships change only with an audited change. */
export function hiddenAt(gt: ServerContext, version: string, actor: Actor): Promise<HiddenDatasets> {
  return gt.results.get(version, ['hidden', actor.name, actor.role], () => hiddenDatasets(gt.store.db, actor));
}

/** Said in the provenance of every analysis answered for a reader whose view is limited (anyone but an admin). */
export const SCOPE_NOTE = 'Scope: incidents of investigations you are not a member of are left out of this answer.';

/** An analysis as one reader may see it. */
export interface ReaderScope {
  hidden: HiddenDatasets;
  /** The store with the hidden datasets left out of every filter compiled over it. */
  store: ScopedStore;
  /** What answers depend on besides the request: part of every cache key. */
  key: string;
  /** SCOPE_NOTE for readers other than admins (whether or not anything is hidden from them right now). */
  note: string | null;
}

/**
 * The scope an actor's analyses run in. Answers leave out what is hidden instead of refusing: the
 * hidden datasets are excluded inside the compiled filter (events and rollups alike), so no number of
 * theirs is counted, and their names are unknown to the filter (an error never suggests them).
 */
export async function scopeOf(gt: ServerContext, version: string, actor: Actor): Promise<ReaderScope> {
  const hidden = await hiddenAt(gt, version, actor);
  const note = actor.role === 'admin' ? null : SCOPE_NOTE;
  return {
    hidden,
    store: hidden.ids.length > 0 ? { ...gt.reads, excludedDatasets: hidden.ids } : gt.reads,
    key: note === null ? 'all' : `reader:${hidden.ids.join(',')}`,
    note,
  };
}

/** An answer with the scope said in its provenance: a `scope` field, and (for figures) a line of the method note. */
export function withScopeNote<T extends object>(answer: T, scope: ReaderScope): T & { scope: string | null } {
  if (scope.note === null) return { ...answer, scope: null };
  const description = 'description' in answer && typeof answer.description === 'string' ? { description: `${answer.description}\n${scope.note}` } : {};
  return { ...answer, ...description, scope: scope.note };
}

/**
 * For what is published or drawn for others (graphics, embeds): a filter that would draw on
 * investigations the actor cannot read is refused whole (without naming them).
 */
export function assertNoHidden(hidden: HiddenDatasets, used: readonly string[]): void {
  if (used.some((name) => hidden.names.has(name))) {
    throw forbidden('this filter selects incidents of investigations you are not a member of: narrow it, e.g. with dataset:NAME for the datasets you may read');
  }
}

/** Runs an analysis; a filter error it raises never suggests the name of a hidden investigation. */
export async function withinScope<T>(hidden: HiddenDatasets, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof FilterError && hidden.names.size > 0) throw new FilterError(err.reason, err.filter, err.start, err.end, err.suggestions.filter((s) => !hidden.names.has(s)));
    throw err;
  }
}

/**
 * Checks, before a graphic is drawn, that its filters select nothing hidden from the actor. Free when
 * nothing is hidden (admins, members of every investigation); otherwise one events figure per filter
 * (cached, like the figures themselves, until the data changes).
 */
export async function checkFilterScope(gt: ServerContext, version: string, actor: Actor, filters: readonly string[]): Promise<HiddenDatasets> {
  const hidden = await hiddenAt(gt, version, actor);
  if (hidden.ids.length === 0) return hidden;
  for (const text of filters) {
    const f = await withinScope(hidden, () => gt.results.get(version, ['scope-check', text], () => figure(gt.reads, text, { measure: 'events' })));
    assertNoHidden(hidden, f.datasets.map((d) => d.name));
  }
  return hidden;
}
