// One event, opened from the table or the map: its fields, its sources, and every revision an import
// made. An incident of an investigation links to its own page.
import type { EventHistory, FlatEvent } from '../../api/types.js';
import { Link } from '../../app/router.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useApi } from '../../lib/use-api.js';

const FIELDS: (keyof FlatEvent)[] = ['dataset', 'source_id', 'date_start', 'date_end', 'date_precision', 'event_type', 'sub_event_type', 'actor1', 'actor2', 'country', 'admin1', 'admin2', 'location', 'lat', 'lon', 'fatalities_low', 'fatalities_best', 'fatalities_high', 'civilian_fatalities_low', 'civilian_fatalities_high', 'units_low', 'units_high', 'notes', 'sources'];

export function EventPanel({ id, onClose }: { id: number; onClose(): void }) {
  const { data, error } = useApi<EventHistory>(`/api/events/${id}/history`);
  const { data: investigations } = useApi<{ name: string; dataset: string }[]>('/api/investigations');
  const event = data?.event;
  const incidentOf = event && investigations?.find((i) => i.dataset === event.dataset);
  return (
    <section className="event-panel card" aria-labelledby="event-title">
      <div className="card-head">
        <h2 id="event-title">Event {id}</h2>
        <button type="button" className="link" onClick={onClose}>
          Close<span className="visually-hidden"> event {id}</span>
        </button>
      </div>
      <ErrorMessage error={error} />
      {incidentOf && (
        <p>
          <Link href={`/incidents/${id}`}>Open the incident in {incidentOf.name}</Link>
        </p>
      )}
      {event && (
        <dl className="fields">
          {FIELDS.filter((f) => event[f] !== null && event[f] !== '').map((f) => (
            <div key={f}>
              <dt>{f.replace(/_/g, ' ')}</dt>
              <dd>{String(event[f])}</dd>
            </div>
          ))}
        </dl>
      )}
      {data && (
        <>
          <h3>History</h3>
          <ol className="history">
            {data.revisions.map((r) => (
              <li key={r.revision}>
                Revision {r.revision}
                {r.import_id !== null ? ` (import ${r.import_id})` : ''}
                {r.deleted_at ? `, deleted ${r.deleted_at}` : ''}
                {r.changes.length > 0 && (
                  <ul>
                    {r.changes.map((c) => (
                      <li key={c.field}>
                        {c.field}: <del>{JSON.stringify(c.before)}</del> → <ins>{JSON.stringify(c.after)}</ins>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
