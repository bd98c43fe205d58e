// The incident's sources: who said what, with links; add a new source, link one the investigation
// already holds, or unlink one (with a reason for the audit log).
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError} from '../../api/client.js';
import { qs, sendJson } from '../../api/client.js';
import type { Incident, Source } from '../../api/types.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { ReasonDialog } from '../../components/ReasonDialog.js';
import { useApi } from '../../lib/use-api.js';

/** Only web links become <a>: a javascript: URL from a source record must never be clickable. */
export function SafeLink({ url, children }: { url: string | null; children: ReactNode }) {
  if (!url || !/^https?:\/\//i.test(url)) return <>{children}</>;
  return (
    <a href={url} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

function AddSource({ incident, onDone }: { incident: Incident; onDone(): void }) {
  const [who, setWho] = useState('');
  const [url, setUrl] = useState('');
  const [published, setPublished] = useState('');
  const [claim, setClaim] = useState('');
  const [role, setRole] = useState('report');
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await sendJson('POST', `/api/investigations/${incident.investigation}/sources`, { who, url: url || null, published_at: published || null, claim: claim || null, incident_id: incident.id, role: role || null });
      setWho('');
      setUrl('');
      setPublished('');
      setClaim('');
      setError(null);
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <details>
      <summary>Add a source</summary>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <div className="row">
          <label className="grow">
            Who (outlet, official, account)
            <input value={who} onChange={(e) => setWho(e.target.value)} required />
          </label>
          <label>
            Role
            <input value={role} onChange={(e) => setRole(e.target.value)} list="source-roles" />
          </label>
        </div>
        <datalist id="source-roles">
          <option value="announcement" />
          <option value="report" />
          <option value="corroboration" />
        </datalist>
        <div className="row">
          <label className="grow">
            URL
            <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} />
          </label>
          <label>
            Published
            <input type="date" value={published} onChange={(e) => setPublished(e.target.value)} />
          </label>
        </div>
        <label>
          Claim, as the source put it
          <textarea value={claim} onChange={(e) => setClaim(e.target.value)} rows={2} />
        </label>
        <ErrorMessage error={error} />
        <div>
          <button type="submit">Add source</button>
        </div>
      </form>
    </details>
  );
}

function LinkSource({ incident, onDone }: { incident: Incident; onDone(): void }) {
  const { data } = useApi<Source[]>(`/api/investigations/${incident.investigation}/sources`);
  const [pick, setPick] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const linked = new Set(incident.sources.map((s) => s.source_id));
  const options = (data ?? []).filter((s) => !linked.has(s.id));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await sendJson('PUT', `/api/incidents/${incident.id}/sources/${pick}${qs({ role: 'corroboration' })}`);
      setPick('');
      setError(null);
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  if (options.length === 0) return null;
  return (
    <form className="row" onSubmit={(e) => void submit(e)}>
      <label className="grow">
        Link a source of this investigation
        <select value={pick} onChange={(e) => setPick(e.target.value)} required>
          <option value="">choose…</option>
          {options.map((s) => (
            <option key={s.id} value={s.id}>
              {s.who}
              {s.title ? `: ${s.title}` : ''}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Link</button>
      <ErrorMessage error={error} />
    </form>
  );
}

export function SourcesPanel({ incident, onChange }: { incident: Incident; onChange(): void }) {
  const [unlinking, setUnlinking] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const unlink = async (reason: string | null) => {
    const id = unlinking;
    setUnlinking(null);
    try {
      await sendJson('DELETE', `/api/incidents/${incident.id}/sources/${id}${qs({ reason })}`);
      onChange();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <section className="card" aria-labelledby="sources-title">
      <h2 id="sources-title">Sources ({incident.sources.length})</h2>
      <ul className="sources">
        {incident.sources.map((s) => (
          <li key={s.source_id}>
            <SafeLink url={s.url}>{s.who}</SafeLink> {s.role && <span className="muted">({s.role})</span>}{' '}
            <button type="button" className="link" onClick={() => setUnlinking(s.source_id)}>
              unlink<span className="visually-hidden"> {s.who}</span>
            </button>
          </li>
        ))}
      </ul>
      <ErrorMessage error={error} />
      <LinkSource incident={incident} onDone={onChange} />
      <AddSource incident={incident} onDone={onChange} />
      <ReasonDialog open={unlinking !== null} title="Unlink this source?" required={incident.status === 'verified'} confirmLabel="Unlink" onConfirm={(r) => void unlink(r)} onCancel={() => setUnlinking(null)} />
    </section>
  );
}
