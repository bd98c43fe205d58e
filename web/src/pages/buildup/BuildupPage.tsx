// Asset build-up: how many distinct ships or aircraft were present in a region each week (or day), from
// the sightings on record. Region, period and asset type live in the URL.
import { useState, type FormEvent } from 'react';
import { qs } from '../../api/client.js';
import type { Buildup } from '../../api/types.js';
import { useQueryState } from '../../app/router.js';
import { BarChart } from '../../components/BarChart.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { formatInt } from '../../lib/format.js';
import { useApi } from '../../lib/use-api.js';

const FIELDS = ['region', 'since', 'until', 'type', 'operator', 'by'] as const;
type Field = (typeof FIELDS)[number];

export default function BuildupPage() {
  const state = useQueryState();
  const current = Object.fromEntries(FIELDS.map((f) => [f, state.get(f)])) as Record<Field, string>;
  const [draft, setDraft] = useState(current);
  const set = (f: Field, v: string) => setDraft((d) => ({ ...d, [f]: v }));
  const url = current.region ? `/api/buildup${qs({ region: current.region, since: current.since, until: current.until, type: current.type, operator: current.operator, by: current.by || 'week' })}` : null;
  const { data, error, loading } = useApi<Buildup>(url);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    state.set(draft);
  };
  const rows = data?.rows ?? [];
  const peak = rows.reduce((m, r) => Math.max(m, r.assets), 0);
  const grain = data?.by ?? 'week';

  return (
    <div className="stack">
      <h1>Asset build-up</h1>
      <form className="card stack" onSubmit={submit} aria-label="Region and period">
        <div className="row">
          <label className="grow">
            Region (a shipped region or bbox:WEST,SOUTH,EAST,NORTH)
            <input name="region" value={draft.region} onChange={(e) => set('region', e.target.value)} required list="regions" placeholder="caribbean" spellCheck={false} />
          </label>
          <datalist id="regions">
            <option value="caribbean" />
          </datalist>
          <label>
            From
            <input type="date" name="since" value={draft.since} onChange={(e) => set('since', e.target.value)} />
          </label>
          <label>
            Until
            <input type="date" name="until" value={draft.until} onChange={(e) => set('until', e.target.value)} />
          </label>
        </div>
        <div className="row">
          <label>
            Asset type
            <input name="type" value={draft.type} onChange={(e) => set('type', e.target.value)} placeholder="ship, aircraft, destroyer…" />
          </label>
          <label>
            Operator
            <input name="operator" value={draft.operator} onChange={(e) => set('operator', e.target.value)} placeholder="US Navy" />
          </label>
          <label>
            Per
            <select name="by" value={draft.by || 'week'} onChange={(e) => set('by', e.target.value)}>
              <option value="week">week</option>
              <option value="day">day</option>
            </select>
          </label>
          <button type="submit">Show</button>
        </div>
      </form>
      <ErrorMessage error={error} />
      {data && (
        <section className="card" aria-labelledby="bu-title" aria-busy={loading}>
          <h2 id="bu-title">
            Assets present in {data.region}, per {grain}
          </h2>
          <p className="muted">{data.region_description}</p>
          {rows.length === 0 ? (
            <p>No sightings in this region and period.</p>
          ) : (
            <>
              <BarChart bars={rows.map((r) => ({ key: r.period, label: `${r.start} – ${r.end}`, value: r.assets }))} unit="assets" label={`Distinct assets present in ${data.region} per ${grain}: ${rows.length} ${grain}s, at most ${peak}.`} />
              <p className="muted">
                An asset counts as present between two sightings in the region less than {data.gap_days} days apart.
              </p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{grain === 'day' ? 'Day' : 'Week'}</th>
                    <th scope="col" className="num">
                      Assets
                    </th>
                    <th scope="col">Which</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.period}>
                      <td className="nowrap">
                        {r.start}
                        {r.end !== r.start ? ` – ${r.end}` : ''}
                      </td>
                      <td className="num">{formatInt(r.assets)}</td>
                      <td>{r.names.join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      )}
    </div>
  );
}
