// Annotations of key events on a chart: written by hand ("2021-08-26: Kabul airport bombing"), or drawn from
// the deadliest events a filter selects.
import { sql } from 'kysely';
import { compileFilter, prepareFilter } from '../../analysis/filter/index.js';
import { countryName } from '../../model/country.js';
import { isRealDate } from '../../model/event.js';
import type { Store } from '../../store/store.js';
import type { Annotation } from '../types.js';
import { badGraphic } from './error.js';

/** "2021-08-26: Kabul airport bombing" (or with "=" or a tab between them). */
export function parseAnnotation(text: string): Annotation {
  const m = /^\s*(\d{4}-\d{2}-\d{2})\s*[:=\t]\s*(.+?)\s*$/.exec(text);
  if (!m || !isRealDate(m[1]!)) throw badGraphic(`annotation ${JSON.stringify(text)}: write it as YYYY-MM-DD: label`, 'annotate');
  if (m[2]!.length > 120) throw badGraphic(`annotation ${JSON.stringify(text)}: a label of at most 120 characters`, 'annotate');
  return { date: m[1]!, label: m[2]! };
}

/** The `top` deadliest events a filter selects, each labelled with its day, place and toll. */
export async function annotationsFromFilter(store: Pick<Store, 'db' | 'engine'>, filterText: string, top = 3): Promise<Annotation[]> {
  const filter = await prepareFilter(store, filterText);
  const where = compileFilter(filter, 'strict');
  const rows = await store.db
    .selectFrom('events as e')
    .select(['e.date_start', 'e.location', 'e.admin2', 'e.admin1', 'e.iso3', 'e.fatalities_best', 'e.fatalities_low'])
    .where('e.deleted_at', 'is', null)
    .where(() => where)
    .orderBy(sql`coalesce(e.fatalities_best, e.fatalities_low, 0)`, 'desc')
    .orderBy('e.date_start')
    .limit(top)
    .execute();
  return rows.map((r) => {
    // The chart prints the date before each label: the label says where and how many.
    const place = r.location ?? r.admin2 ?? r.admin1 ?? (r.iso3 ? countryName(r.iso3) : null);
    const dead = Number(r.fatalities_best ?? r.fatalities_low ?? 0);
    const label = [place, dead ? `${dead.toLocaleString('en-GB')} killed` : null].filter(Boolean).join(', ');
    return { date: r.date_start, label: label || 'event' };
  });
}
