// Disputes: competing claims about one point of an incident (the death toll, the place), each claim with
// its source, and how the dispute was settled. New disputes need at least two claims.
import { useState, type FormEvent } from 'react';
import type { ApiError} from '../../api/client.js';
import { sendJson } from '../../api/client.js';
import type { Dispute, Incident } from '../../api/types.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';

interface ClaimDraft {
  claim: string;
  source: string;
}

function AddDispute({ incident, onDone }: { incident: Incident; onDone(): void }) {
  const [topic, setTopic] = useState('');
  const [claims, setClaims] = useState<ClaimDraft[]>([
    { claim: '', source: '' },
    { claim: '', source: '' },
  ]);
  const [error, setError] = useState<ApiError | null>(null);
  const setClaim = (i: number, change: Partial<ClaimDraft>) => setClaims((cs) => cs.map((c, j) => (j === i ? { ...c, ...change } : c)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await sendJson('POST', `/api/incidents/${incident.id}/disputes`, { topic, claims: claims.filter((c) => c.claim.trim()).map((c) => ({ claim: c.claim.trim(), source_id: c.source ? Number(c.source) : null })) });
      setTopic('');
      setClaims([
        { claim: '', source: '' },
        { claim: '', source: '' },
      ]);
      setError(null);
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <details>
      <summary>Record a dispute</summary>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <label>
          What is disputed
          <input value={topic} onChange={(e) => setTopic(e.target.value)} required placeholder="killed, location, attribution…" />
        </label>
        {claims.map((c, i) => (
          <fieldset key={i}>
            <legend>Claim {i + 1}</legend>
            <div className="row">
              <label className="grow">
                Claim
                <input value={c.claim} onChange={(e) => setClaim(i, { claim: e.target.value })} required={i < 2} />
              </label>
              <label>
                Source
                <select value={c.source} onChange={(e) => setClaim(i, { source: e.target.value })}>
                  <option value="">(none)</option>
                  {incident.sources.map((s) => (
                    <option key={s.source_id} value={s.source_id}>
                      {s.who}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </fieldset>
        ))}
        <div className="row">
          <button type="button" className="secondary" onClick={() => setClaims([...claims, { claim: '', source: '' }])}>
            Another claim
          </button>
          <button type="submit">Record dispute</button>
        </div>
        <ErrorMessage error={error} />
      </form>
    </details>
  );
}

function Resolve({ dispute, onDone }: { dispute: Dispute; onDone(): void }) {
  const [resolution, setResolution] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await sendJson('POST', `/api/disputes/${dispute.id}/resolution`, { resolution });
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <form className="row" onSubmit={(e) => void submit(e)}>
      <label className="grow">
        How it was settled
        <input value={resolution} onChange={(e) => setResolution(e.target.value)} required />
      </label>
      <button type="submit">Resolve</button>
      <ErrorMessage error={error} />
    </form>
  );
}

export function DisputesPanel({ incident, onChange }: { incident: Incident; onChange(): void }) {
  const who = (id: number | null) => incident.sources.find((s) => s.source_id === id)?.who ?? null;
  return (
    <section className="card" aria-labelledby="disputes-title">
      <h2 id="disputes-title">Disputes ({incident.disputes.length})</h2>
      {incident.disputes.map((d) => (
        <article key={d.id} className="dispute">
          <h3>
            {d.topic} {d.resolution ? <span className="badge status-verified">resolved</span> : <span className="badge status-disputed">open</span>}
          </h3>
          <ul>
            {d.claims.map((c) => (
              <li key={c.id}>
                “{c.claim}”{who(c.source_id) && <span className="muted"> — {who(c.source_id)}</span>}
                {c.note && <span className="muted"> ({c.note})</span>}
              </li>
            ))}
          </ul>
          {d.resolution ? <p>Settled: {d.resolution}</p> : <Resolve dispute={d} onDone={onChange} />}
        </article>
      ))}
      <AddDispute incident={incident} onDone={onChange} />
    </section>
  );
}
