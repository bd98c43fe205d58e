// What is known of an incident, as recorded: place, time, counts (as ranges), actors and summary.
import type { Incident } from '../../api/types.js';
import { formatRange, formatTime } from '../../lib/format.js';

export function IncidentDetails({ incident: i }: { incident: Incident }) {
  const rows: [string, string | null][] = [
    ['Date', i.date_end && i.date_end !== i.date_start ? `${i.date_start} – ${i.date_end} (${i.date_precision})` : `${i.date_start} (${i.date_precision})`],
    ['Location', i.location_text],
    ['Area', i.area],
    ['Country', [i.country, i.iso3].filter(Boolean).join(', ') || null],
    ['Coordinates', i.lat !== null && i.lon !== null ? `${i.lat}, ${i.lon}` : null],
    ['Type', [i.event_type, i.sub_event_type].filter(Boolean).join(' / ') || null],
    ['Actor', i.actor1],
    ['Target / other side', i.actor2],
    ['Strikes', String(i.strikes)],
    ['Units hit', i.units.count ? `${formatRange(i.units.count)}${i.units.descriptions.length ? `: ${i.units.descriptions.join('; ')}` : ''}` : null],
    ['Killed', i.casualties.killed ? formatRange(i.casualties.killed) : null],
    ['Civilians killed', i.casualties.civilians_killed ? formatRange(i.casualties.civilians_killed) : null],
    ['Survivors', i.casualties.survivors ? formatRange(i.casualties.survivors) : null],
    ['Missing, presumed dead', i.casualties.missing_presumed_dead ? formatRange(i.casualties.missing_presumed_dead) : null],
    ['Tags', i.tags],
    ['Recorded', `${formatTime(i.created_at)} by ${i.created_by}`],
    ['Last changed', `${formatTime(i.updated_at)} by ${i.updated_by} (version ${i.version})`],
  ];
  return (
    <section className="card" aria-labelledby="details-title">
      <h2 id="details-title">Details</h2>
      <dl className="fields">
        {rows
          .filter(([, v]) => v !== null && v !== '')
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      {i.summary && (
        <>
          <h3>Summary</h3>
          <p className="summary">{i.summary}</p>
        </>
      )}
    </section>
  );
}
