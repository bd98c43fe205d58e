// Saved figures: a story's numbers, kept with the value it published, re-evaluated after every import so
// a change never goes unnoticed ("figures stale"), with the events behind each change.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { figure } from './figure.js';
import { isMeasure, type Measure, type Range } from './measures.js';

export interface FigureValue {
  value: Range;
  events: number;
  event_ids: number[];
  at: string;
}

export interface SavedFigure {
  name: string;
  filter: string;
  measure: Measure;
  created_by: string | null;
  created_at: string;
  /** The value as saved (published), or as last accepted. */
  saved: FigureValue;
  /** The value after the latest import. */
  current: FigureValue;
  stale: boolean;
}

export interface FigureChange {
  figure: string;
  import_id: number | null;
  at: string;
  before: { value: Range; events: number };
  after: { value: Range; events: number };
  added_event_ids: number[];
  removed_event_ids: number[];
}

export class SavedFigureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SavedFigureError';
  }
}

const NAME = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

async function evaluate(store: Pick<Store, 'db' | 'engine'>, filter: string, measure: Measure): Promise<FigureValue> {
  const f = await figure(store, filter, { measure, ids: true });
  return { value: f.value, events: f.events, event_ids: [...(f.event_ids ?? [])].sort((a, b) => a - b), at: new Date().toISOString() };
}

function stageColumns(prefix: 'saved' | 'current', v: FigureValue) {
  return {
    [`${prefix}_low`]: v.value.low,
    [`${prefix}_best`]: v.value.best,
    [`${prefix}_high`]: v.value.high,
    [`${prefix}_events`]: v.events,
    [`${prefix}_event_ids`]: JSON.stringify(v.event_ids),
    [`${prefix}_at`]: v.at,
  } as Record<string, string | number>;
}

function stage(row: Record<string, unknown>, prefix: 'saved' | 'current'): FigureValue {
  const n = (k: string) => Number(row[`${prefix}_${k}`]);
  return {
    value: { low: n('low'), best: n('best'), high: n('high') },
    events: n('events'),
    event_ids: JSON.parse(String(row[`${prefix}_event_ids`])) as number[],
    at: String(row[`${prefix}_at`]),
  };
}

function sameValue(a: FigureValue, b: FigureValue): boolean {
  return a.value.low === b.value.low && a.value.best === b.value.best && a.value.high === b.value.high && a.events === b.events && a.event_ids.join() === b.event_ids.join();
}

function toSaved(r: Record<string, unknown>): SavedFigure {
  const saved = stage(r, 'saved');
  const current = stage(r, 'current');
  return {
    name: String(r.name),
    filter: String(r.filter),
    measure: r.measure as Measure,
    created_by: (r.created_by as string | null) ?? null,
    created_at: String(r.created_at),
    saved,
    current,
    stale: !sameValue(saved, current),
  };
}

/** Saves a figure under a name with its value now (the value a story publishes). */
export async function saveFigure(store: Pick<Store, 'db' | 'engine'>, name: string, filter: string, measure: string, opts: { by?: string | null; replace?: boolean } = {}): Promise<SavedFigure> {
  if (!NAME.test(name)) throw new SavedFigureError(`figure name ${JSON.stringify(name)}: lower-case letters, digits, "-", "_" or "." (at most 64)`);
  if (!isMeasure(measure)) throw new SavedFigureError(`unknown measure ${JSON.stringify(measure)}`);
  const value = await evaluate(store, filter, measure);
  const existing = await store.db.selectFrom('saved_figures').select('id').where('name', '=', name).executeTakeFirst();
  if (existing && !opts.replace) throw new SavedFigureError(`a figure named ${name} exists: choose another name, or replace it`);
  const columns = { filter, measure, ...stageColumns('saved', value), ...stageColumns('current', value) };
  if (existing) {
    await store.db.updateTable('saved_figures').set(columns).where('id', '=', existing.id).execute();
  } else {
    await store.db
      .insertInto('saved_figures')
      .values({ name, created_by: opts.by ?? null, created_at: value.at, ...columns } as never)
      .execute();
  }
  return (await getSavedFigure(store.db, name))!;
}

export async function getSavedFigure(db: Kysely<Database>, name: string): Promise<SavedFigure | null> {
  const row = await db.selectFrom('saved_figures').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? toSaved(row) : null;
}

export async function listSavedFigures(db: Kysely<Database>): Promise<SavedFigure[]> {
  return (await db.selectFrom('saved_figures').selectAll().orderBy('name').execute()).map(toSaved);
}

/** Takes the current value as the published one (after the story was updated). */
export async function acceptFigure(db: Kysely<Database>, name: string): Promise<SavedFigure> {
  const f = await getSavedFigure(db, name);
  if (!f) throw new SavedFigureError(`no saved figure named ${name}`);
  await db.updateTable('saved_figures').set(stageColumns('saved', f.current)).where('name', '=', name).execute();
  return (await getSavedFigure(db, name))!;
}

/** Every change recorded for a figure (or for all), newest first. */
export async function figureChanges(db: Kysely<Database>, name?: string): Promise<FigureChange[]> {
  let q = db.selectFrom('saved_figure_changes as c').innerJoin('saved_figures as f', 'f.id', 'c.figure_id').selectAll('c').select('f.name');
  if (name) q = q.where('f.name', '=', name);
  const rows = await q.orderBy('c.id', 'desc').execute();
  return rows.map((r) => ({
    figure: r.name,
    import_id: r.import_id === null ? null : Number(r.import_id),
    at: r.at,
    before: { value: { low: Number(r.before_low), best: Number(r.before_best), high: Number(r.before_high) }, events: Number(r.before_events) },
    after: { value: { low: Number(r.after_low), best: Number(r.after_best), high: Number(r.after_high) }, events: Number(r.after_events) },
    added_event_ids: JSON.parse(r.added_ids) as number[],
    removed_event_ids: JSON.parse(r.removed_ids) as number[],
  }));
}

/**
 * Re-evaluates every saved figure (after an import) and records each change with the events behind it.
 * A figure whose filter no longer resolves (a dataset dropped, a name gone) is reported, not fatal.
 */
export async function reevaluateSavedFigures(store: Pick<Store, 'db' | 'engine'>, importId: number | null): Promise<{ changes: FigureChange[]; failed: { figure: string; error: string }[] }> {
  const changes: FigureChange[] = [];
  const failed: { figure: string; error: string }[] = [];
  for (const f of await listSavedFigures(store.db)) {
    let now: FigureValue;
    try {
      now = await evaluate(store, f.filter, f.measure);
    } catch (err) {
      failed.push({ figure: f.name, error: err instanceof Error ? err.message : String(err) });
      continue;
    }
    if (sameValue(now, f.current)) continue;
    const before = new Set(f.current.event_ids);
    const after = new Set(now.event_ids);
    const change: FigureChange = {
      figure: f.name,
      import_id: importId,
      at: now.at,
      before: { value: f.current.value, events: f.current.events },
      after: { value: now.value, events: now.events },
      added_event_ids: now.event_ids.filter((id) => !before.has(id)),
      removed_event_ids: f.current.event_ids.filter((id) => !after.has(id)),
    };
    await store.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('saved_figures').select('id').where('name', '=', f.name).executeTakeFirstOrThrow();
      await trx
        .insertInto('saved_figure_changes')
        .values({
          figure_id: Number(row.id),
          import_id: importId,
          at: change.at,
          before_low: change.before.value.low,
          before_best: change.before.value.best,
          before_high: change.before.value.high,
          before_events: change.before.events,
          after_low: change.after.value.low,
          after_best: change.after.value.best,
          after_high: change.after.value.high,
          after_events: change.after.events,
          added_ids: JSON.stringify(change.added_event_ids),
          removed_ids: JSON.stringify(change.removed_event_ids),
        })
        .execute();
      await trx.updateTable('saved_figures').set(stageColumns('current', now)).where('id', '=', row.id).execute();
    });
    changes.push(change);
  }
  return { changes, failed };
}
