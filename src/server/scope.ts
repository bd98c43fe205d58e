// What of the shared event tables an actor may see: everything except the incidents of investigations
// they are not a member of (each investigation keeps its incidents in a dataset of its own).
import type { Kysely } from 'kysely';
import { FilterError } from '../analysis/filter/error.js';
import { figure } from '../analysis/figure.js';
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
  return { ids: rows.map((r) => Number(r.id)), names: new Set(rows.map((r) => r.name)) };
}

/** The same, kept with the analysis answers: memberships change only with an audited change. */
export function hiddenAt(gt: ServerContext, version: string, actor: Actor): Promise<HiddenDatasets> {
  return gt.results.get(version, ['hidden', actor.name, actor.role], () => hiddenDatasets(gt.store.db, actor));
}

/**
 * The analysis layer counts every dataset a filter selects and takes no actor, so a figure that would
 * draw on investigations the actor cannot read is refused whole (without naming them) rather than
 * answered with private incidents inside it.
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
 * Checks, before an analysis runs, that its filters select nothing hidden from the actor. Free when
 * nothing is hidden (admins, members of every investigation); otherwise one events figure per filter
 * (cached, like the figures themselves, until the data changes).
 */
export async function checkFilterScope(gt: ServerContext, version: string, actor: Actor, filters: readonly string[]): Promise<HiddenDatasets> {
  const hidden = await hiddenAt(gt, version, actor);
  if (hidden.ids.length === 0) return hidden;
  for (const text of filters) {
    const f = await withinScope(hidden, () => gt.results.get(version, ['figure', text, 'events'], () => figure(gt.store, text, { measure: 'events' })));
    assertNoHidden(hidden, f.datasets.map((d) => d.name));
  }
  return hidden;
}
