// The figure: the "at least" sentence, its range and margin, and where it comes from — datasets, the
// files imported with their SHA-256 and the access dates a citation needs.
import type { Figure } from '../../api/types.js';
import { formatInt, formatTime, MEASURE_LABELS } from '../../lib/format.js';

export function FigureBox({ figure, loading }: { figure: Figure | null; loading: boolean }) {
  if (!figure) return <section className="figure card" aria-busy={loading} aria-label="Figure"><p className="muted">{loading ? 'Counting…' : 'No figure'}</p></section>;
  const { value } = figure;
  const spread = value.low !== value.high;
  return (
    <section className="figure card" aria-labelledby="figure-title" aria-busy={loading}>
      <h2 id="figure-title" className="visually-hidden">
        Figure
      </h2>
      <p className="sentence" aria-live="polite">
        {figure.sentence}
      </p>
      <dl className="numbers">
        <div>
          <dt>{MEASURE_LABELS[figure.measure]}, at least</dt>
          <dd className="big">{formatInt(value.low)}</dd>
        </div>
        {spread && (
          <div>
            <dt>best / high</dt>
            <dd>
              {formatInt(value.best)} / {formatInt(value.high)}
            </dd>
          </div>
        )}
        <div>
          <dt>events counted</dt>
          <dd>{formatInt(figure.events)}</dd>
        </div>
        {figure.margin.events > 0 && (
          <div>
            <dt>margin (not counted)</dt>
            <dd>{formatInt(figure.margin.events)} events</dd>
          </div>
        )}
      </dl>
      {figure.margin_note && <p className="muted">{figure.margin_note}</p>}
      {figure.scope && <p className="muted scope-note">{figure.scope}</p>}
      <details>
        <summary>Provenance</summary>
        <p>
          <span className="muted">Filter:</span> <code>{figure.filter || '(every event)'}</code>
        </p>
        <ul className="provenance">
          {figure.datasets.map((d) => (
            <li key={d.name}>
              <strong>{d.title ?? d.name}</strong> <span className="muted">({d.name})</span>
              {d.licence && <div>Licence: {d.licence}</div>}
              {d.attribution && <div className="muted">{d.attribution}</div>}
              {d.access_date && <div>Accessed {d.access_date}</div>}
              <ul>
                {d.imports.map((i) => (
                  <li key={i.id}>
                    {i.file_name} <span className="muted">imported {formatTime(i.finished_at)}</span>
                    <div>
                      <code className="hash">sha256 {i.sha256}</code>
                    </div>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
        <h3>Method</h3>
        <pre className="method">{figure.description}</pre>
      </details>
    </section>
  );
}
