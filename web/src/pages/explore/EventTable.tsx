// The events of the filter, a page at a time, sortable by the keys the server sorts by. A row opens the
// event in the side panel; the row is a button for keyboards and screen readers.
import type { EventsPage, FlatEvent } from '../../api/types.js';
import { formatInt } from '../../lib/format.js';

const SORTABLE = { date: 'Date', fatalities: 'Fatalities', id: 'Id' } as const;
type SortKey = keyof typeof SORTABLE;

interface Props {
  page: EventsPage | null;
  loading: boolean;
  sort: string;
  pageSize: number;
  selected: number | null;
  onSort(sort: string): void;
  onPage(page: number): void;
  onSelect(id: number): void;
}

function SortHeader({ k, sort, onSort }: { k: SortKey; sort: string; onSort(sort: string): void }) {
  const active = sort.replace(/^-/, '') === k;
  const desc = sort.startsWith('-');
  // A first click on a new column sorts it from the highest: the newest date, the deadliest event.
  const next = active ? (desc ? k : `-${k}`) : `-${k}`;
  return (
    <th scope="col" aria-sort={active ? (desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort" onClick={() => onSort(next)}>
        {SORTABLE[k]}
        <span aria-hidden="true">{active ? (desc ? ' ▼' : ' ▲') : ' ↕'}</span>
      </button>
    </th>
  );
}

const place = (e: FlatEvent) => [e.location, e.admin2, e.admin1, e.country].filter((v) => v !== null && v !== '').slice(0, 2).join(', ');
const fatalities = (e: FlatEvent) => {
  const low = e.fatalities_low ?? e.fatalities_best;
  const high = e.fatalities_high ?? e.fatalities_best;
  if (low === null && high === null) return '–';
  return low === high ? formatInt(Number(low)) : `${formatInt(Number(low))}–${formatInt(Number(high))}`;
};

export function EventTable({ page, loading, sort, pageSize, selected, onSort, onPage, onSelect }: Props) {
  const total = page?.total ?? 0;
  const current = page ? Math.floor(page.offset / pageSize) + 1 : 1;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <section className="events card" aria-labelledby="events-title" aria-busy={loading}>
      <div className="card-head">
        <h2 id="events-title">Events</h2>
        <span className="muted">{formatInt(total)} selected</span>
      </div>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Events of the filter, page {current} of {pages}</caption>
          <thead>
            <tr>
              <SortHeader k="date" sort={sort} onSort={onSort} />
              <th scope="col">Dataset</th>
              <th scope="col">Place</th>
              <th scope="col">Actors</th>
              <SortHeader k="fatalities" sort={sort} onSort={onSort} />
              <SortHeader k="id" sort={sort} onSort={onSort} />
            </tr>
          </thead>
          <tbody>
            {page?.events.map((e) => (
              <tr key={String(e.id)} aria-selected={selected === e.id} className={selected === e.id ? 'selected' : undefined}>
                <td>
                  <button type="button" className="link" onClick={() => onSelect(Number(e.id))}>
                    {String(e.date_start)}
                    {e.date_end && e.date_end !== e.date_start ? ` – ${String(e.date_end)}` : ''}
                  </button>
                </td>
                <td>{String(e.dataset)}</td>
                <td>{place(e) || '–'}</td>
                <td>{[e.actor1, e.actor2].filter(Boolean).join(' v. ') || '–'}</td>
                <td className="num">{fatalities(e)}</td>
                <td className="num">{String(e.id)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label="Pages of events">
        <button type="button" disabled={current <= 1} onClick={() => onPage(current - 1)}>
          ← Previous
        </button>
        <span>
          Page {current} of {pages}
        </span>
        <button type="button" disabled={current >= pages} onClick={() => onPage(current + 1)}>
          Next →
        </button>
      </nav>
    </section>
  );
}
