// An investigation's dashboard: its figure (with provenance), counts by grade and status, and its
// incidents, filterable by status and grade through the URL.
import { qs } from '../../api/client.js';
import type { Figure, Incident, InvestigationDetail, Measure } from '../../api/types.js';
import { Link, useQueryState } from '../../app/router.js';
import { GradeBadge, StatusBadge } from '../../components/Badges.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { formatInt, formatRange, humanize, MEASURE_LABELS } from '../../lib/format.js';
import { useApi } from '../../lib/use-api.js';
import { FigureBox } from '../explore/FigureBox.js';

function tally<T extends string>(items: T[]): [T, number][] {
  const counts = new Map<T, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

function Tally({ title, rows, param, current, onPick }: { title: string; rows: [string, number][]; param: string; current: string; onPick(param: string, value: string | null): void }) {
  return (
    <section className="facet" aria-label={title}>
      <h3>{title}</h3>
      <ul>
        {rows.map(([value, n]) => (
          <li key={value}>
            <button type="button" className="facet-value" aria-pressed={current === value} onClick={() => onPick(param, current === value ? null : value)}>
              <span>{humanize(value)}</span> <span className="count">{n}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function InvestigationPage({ name }: { name: string }) {
  const state = useQueryState();
  const measureParam = state.get('measure', 'fatalities');
  const measure: Measure = measureParam in MEASURE_LABELS ? (measureParam as Measure) : 'fatalities';
  const status = state.get('status');
  const grade = state.get('grade');
  const inv = useApi<InvestigationDetail>(`/api/investigations/${name}`);
  const incidents = useApi<Incident[]>(`/api/investigations/${name}/incidents`);
  // "ungraded" is no grade the filter language knows: the list narrows, the figure counts them all.
  const filter = `investigation:${name}${status ? ` status:${status}` : ''}${grade && grade !== 'ungraded' ? ` grade:${grade}` : ''}`;
  const figure = useApi<Figure>(`/api/figure${qs({ q: filter, measure })}`);
  const all = incidents.data ?? [];
  const shown = all.filter((i) => (!status || i.status === status) && (!grade || (i.grade ?? 'ungraded') === grade));
  const pick = (param: string, value: string | null) => state.set({ [param]: value }, { replace: true });

  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>{inv.data?.title ?? name}</h1>
          <p className="muted">
            {name}
            {inv.data?.members && ` · members: ${inv.data.members.map((m) => `${m.user} (${m.role})`).join(', ')}`}
          </p>
          {inv.data?.description && <p>{inv.data.description}</p>}
        </div>
        <div className="row">
          <Link href={`/explore${qs({ q: filter })}`}>Explore these incidents</Link>
          <Link href={`/investigations/${name}/new`} className="button-link">
            New incident
          </Link>
        </div>
      </div>
      <ErrorMessage error={inv.error ?? incidents.error} />
      <div className="two-col">
        <div className="cards">
          <div className="row">
            <label>
              Measure
              <select value={measure} onChange={(e) => state.set({ measure: e.target.value }, { replace: true })}>
                {Object.entries(MEASURE_LABELS).map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <ErrorMessage error={figure.error} />
          <FigureBox figure={figure.error ? null : figure.data} loading={figure.loading} />
          <section className="card" aria-labelledby="incidents-title">
            <div className="card-head">
              <h2 id="incidents-title">Incidents</h2>
              <span className="muted">
                {shown.length} of {all.length}
              </span>
            </div>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Incident</th>
                    <th scope="col">Where</th>
                    <th scope="col" className="num">Killed</th>
                    <th scope="col">Grade</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((i) => (
                    <tr key={i.id}>
                      <td>{i.date_start}</td>
                      <td>
                        <Link href={`/incidents/${i.id}`}>{i.ref}</Link>
                      </td>
                      <td>{i.area ?? i.location_text ?? '–'}</td>
                      <td className="num">{formatRange(i.casualties.killed)}</td>
                      <td>
                        <GradeBadge grade={i.grade} />
                      </td>
                      <td>
                        <StatusBadge status={i.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>
        <aside className="facets" aria-label="Incidents by grade and status">
          <Tally title="Status" rows={tally(all.map((i) => i.status))} param="status" current={status} onPick={pick} />
          <Tally title="Grade" rows={tally(all.map((i) => i.grade ?? 'ungraded'))} param="grade" current={grade} onPick={pick} />
          <p className="muted facet">
            {formatInt(inv.data?.sources)} sources · {formatInt(inv.data?.evidence)} pieces of evidence
          </p>
        </aside>
      </div>
    </div>
  );
}
