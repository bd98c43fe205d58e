// Facets: the largest groups of the current selection by dataset, country, event type and actor, each a
// toggle that adds its term to the filter (or takes it out again).
import type { Breakdown, BreakdownRow } from '../../api/types.js';
import { formatInt } from '../../lib/format.js';
import { hasTerm, term } from '../../lib/filter-terms.js';
import { useApi } from '../../lib/use-api.js';
import { facetPath, type FacetKey } from './requests.js';

interface FacetSpec {
  by: FacetKey;
  title: string;
  /** The filter term a row stands for; null when it cannot be filtered on (no value, "others"). */
  termOf(row: BreakdownRow): string | null;
}

const valueOf = (row: BreakdownRow, key: string): string | null => {
  const v = (row.keys as Record<string, unknown>)[key];
  return row.other || v === null || v === undefined || v === '' ? null : String(v);
};

const FACETS: FacetSpec[] = [
  // The dataset key is its id; the filter takes its name, which is the row's label.
  { by: 'dataset', title: 'Datasets', termOf: (r) => (valueOf(r, 'dataset') === null ? null : term('dataset', r.label)) },
  { by: 'country', title: 'Countries', termOf: (r) => (valueOf(r, 'country') === null ? null : term('country', valueOf(r, 'country')!)) },
  { by: 'event_type', title: 'Event types', termOf: (r) => (valueOf(r, 'event_type') === null ? null : term('type', valueOf(r, 'event_type')!)) },
  // actor1, not actor: the count beside the name is of the events where it is the first side.
  { by: 'actor1', title: 'Actors (first side)', termOf: (r) => (valueOf(r, 'actor1') === null ? null : term('actor1', valueOf(r, 'actor1')!)) },
];

function Facet({ spec, filter, onToggle }: { spec: FacetSpec; filter: string; onToggle(t: string): void }) {
  const { data } = useApi<Breakdown>(facetPath(filter, spec.by));
  const id = `facet-${spec.by}`;
  return (
    <section className="facet" aria-labelledby={id}>
      <h3 id={id}>{spec.title}</h3>
      {data && data.rows.length === 0 && <p className="muted">none</p>}
      <ul>
        {data?.rows.map((row) => {
          const t = spec.termOf(row);
          const on = t !== null && hasTerm(filter, t);
          return (
            <li key={row.key ?? row.label}>
              {t === null ? (
                <span className="facet-value muted">
                  <span>{row.label}</span> <span className="count">{formatInt(row.events)}</span>
                </span>
              ) : (
                <button type="button" className="facet-value" aria-pressed={on} onClick={() => onToggle(t)} title={on ? `remove ${t}` : `add ${t}`}>
                  <span>{row.label}</span> <span className="count">{formatInt(row.events)}</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function Facets({ filter, onToggle }: { filter: string; onToggle(t: string): void }) {
  return (
    <aside className="facets" aria-label="Facets">
      {FACETS.map((spec) => (
        <Facet key={spec.by} spec={spec} filter={filter} onToggle={onToggle} />
      ))}
    </aside>
  );
}
