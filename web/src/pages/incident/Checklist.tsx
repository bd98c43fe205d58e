// The verification checklist: geolocated and chronolocated by a recorded check that confirmed (or was
// consistent with) the incident, corroborated by two or more independent sources. A form records a check.
import { useState, type FormEvent } from 'react';
import type { ApiError} from '../../api/client.js';
import { sendJson } from '../../api/client.js';
import type { CheckKind, CheckResult, Incident } from '../../api/types.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { formatTime } from '../../lib/format.js';

const SUPPORTS: CheckResult[] = ['confirmed', 'consistent'];
const RESULTS: CheckResult[] = ['confirmed', 'consistent', 'inconclusive', 'contradicted'];

function Step({ done, label, detail }: { done: boolean; label: string; detail: string }) {
  return (
    <li className={done ? 'done' : 'todo'}>
      <span className="mark" aria-hidden="true">
        {done ? '✓' : '○'}
      </span>
      <span>
        <strong>{label}</strong>: {done ? 'yes' : 'not yet'} <span className="muted">— {detail}</span>
      </span>
    </li>
  );
}

function CheckForm({ incidentId, onDone }: { incidentId: number; onDone(): void }) {
  const [kind, setKind] = useState<CheckKind>('geolocation');
  const [method, setMethod] = useState('');
  const [result, setResult] = useState<CheckResult>('confirmed');
  const [finding, setFinding] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await sendJson('POST', `/api/incidents/${incidentId}/checks`, { kind, method, result, finding: finding || null });
      setMethod('');
      setFinding('');
      setError(null);
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <details>
      <summary>Record a check</summary>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <div className="row">
          <label>
            Kind
            <select value={kind} onChange={(e) => setKind(e.target.value as CheckKind)}>
              <option value="geolocation">geolocation</option>
              <option value="chronolocation">chronolocation</option>
            </select>
          </label>
          <label>
            Result
            <select value={result} onChange={(e) => setResult(e.target.value as CheckResult)}>
              {RESULTS.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
        </div>
        <label>
          Method
          <input value={method} onChange={(e) => setMethod(e.target.value)} required placeholder="shoreline match against Sentinel-2, shadow length…" />
        </label>
        <label>
          Finding
          <textarea value={finding} onChange={(e) => setFinding(e.target.value)} rows={2} />
        </label>
        <ErrorMessage error={error} />
        <div>
          <button type="submit">Record check</button>
        </div>
      </form>
    </details>
  );
}

export function Checklist({ incident, onChange }: { incident: Incident; onChange(): void }) {
  const supported = (kind: CheckKind) => incident.checks.filter((c) => c.kind === kind && SUPPORTS.includes(c.result));
  const geo = supported('geolocation');
  const chrono = supported('chronolocation');
  const outlets = new Set(incident.sources.map((s) => s.who.trim().toLowerCase()));
  return (
    <section className="card" aria-labelledby="checklist-title">
      <h2 id="checklist-title">Verification</h2>
      <ul className="checklist">
        <Step done={geo.length > 0} label="Geolocated" detail={geo[0] ? `${geo[0].method} (${geo[0].result}, ${geo[0].analyst})` : 'no check confirms the place'} />
        <Step done={chrono.length > 0} label="Chronolocated" detail={chrono[0] ? `${chrono[0].method} (${chrono[0].result}, ${chrono[0].analyst})` : 'no check confirms the time'} />
        <Step done={outlets.size >= 2} label="Corroborated" detail={`${outlets.size} independent source${outlets.size === 1 ? '' : 's'}`} />
      </ul>
      {incident.checks.length > 0 && (
        <>
          <h3>Checks recorded</h3>
          <ul>
            {incident.checks.map((c) => (
              <li key={c.id}>
                {c.kind}: <strong>{c.result}</strong> — {c.method}
                {c.finding ? `. ${c.finding}` : ''} <span className="muted">({c.analyst}, {formatTime(c.performed_at)})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <CheckForm incidentId={incident.id} onDone={onChange} />
    </section>
  );
}
