// The incident's evidence: each file with its hash, type, metadata and custody log, and an upload with
// progress. Opening a file is logged in its custody, so previews load only when asked for.
import { useState, type FormEvent } from 'react';
import type { ApiError} from '../../api/client.js';
import { upload } from '../../api/client.js';
import type { Evidence, EvidenceDetail } from '../../api/types.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { formatBytes, formatTime } from '../../lib/format.js';
import { useApi } from '../../lib/use-api.js';
import { SafeLink } from './SourcesPanel.js';

function Custody({ id }: { id: number }) {
  const { data, error } = useApi<EvidenceDetail>(`/api/evidence/${id}`);
  return (
    <>
      <ErrorMessage error={error} />
      <ol className="custody">
        {data?.custody.map((c) => (
          <li key={c.id}>
            {formatTime(c.at)}: <strong>{c.action}</strong> by {c.actor}
          </li>
        ))}
      </ol>
    </>
  );
}

function EvidenceCard({ e }: { e: Evidence }) {
  const [preview, setPreview] = useState(false);
  const [custody, setCustody] = useState(false);
  const file = `/api/evidence/${e.id}/file`;
  const isImage = /^image\/(png|jpeg|gif|webp)$/.test(e.mime ?? '');
  const m = e.metadata;
  return (
    <figure>
      {preview && isImage && <img src={file} alt={`Evidence ${e.id}: ${e.original_name ?? e.hash}`} />}
      <figcaption>
        <strong>{e.original_name ?? `evidence ${e.id}`}</strong>
        <div className="muted">
          {e.mime ?? 'unknown type'}, {formatBytes(e.size)}
        </div>
        <div>
          <code className="hash">{e.hash}</code>
        </div>
        <dl className="fields">
          {e.origin_url && (
            <div>
              <dt>origin</dt>
              <dd>
                <SafeLink url={e.origin_url}>{e.origin_url}</SafeLink>
              </dd>
            </div>
          )}
          {e.captured_at && (
            <div>
              <dt>captured</dt>
              <dd>{e.captured_at}</dd>
            </div>
          )}
          <div>
            <dt>acquired</dt>
            <dd>
              {formatTime(e.acquired_at)} by {e.acquired_by}
            </dd>
          </div>
          {m.taken_at && (
            <div>
              <dt>taken (metadata)</dt>
              <dd>{m.taken_at}</dd>
            </div>
          )}
          {m.lat !== null && m.lon !== null && (
            <div>
              <dt>position (metadata)</dt>
              <dd>
                {m.lat}, {m.lon}
              </dd>
            </div>
          )}
          {m.duration_s !== null && (
            <div>
              <dt>duration</dt>
              <dd>{m.duration_s} s</dd>
            </div>
          )}
          <div>
            <dt>metadata</dt>
            <dd>
              {m.status}
              {m.note ? ` (${m.note})` : ''}
            </dd>
          </div>
        </dl>
        <div className="row">
          {isImage && !preview && (
            <button type="button" className="secondary" onClick={() => setPreview(true)}>
              Preview
            </button>
          )}
          <a href={file} download={e.original_name ?? undefined}>
            Download
          </a>
          <button type="button" className="link" aria-expanded={custody} onClick={() => setCustody(!custody)}>
            Custody log
          </button>
        </div>
        {custody && <Custody id={e.id} />}
      </figcaption>
    </figure>
  );
}

function Upload({ incidentId, onDone }: { incidentId: number; onDone(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [origin, setOrigin] = useState('');
  const [captured, setCaptured] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const submit = async (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    if (!file) return;
    // The server checks rights from the fields before it stores a byte: the fields go first.
    const form = new FormData();
    form.append('incident', String(incidentId));
    if (origin) form.append('origin_url', origin);
    if (captured) form.append('captured_at', captured);
    form.append('file', file);
    setError(null);
    setNote(null);
    setProgress(0);
    try {
      const added = await upload<Evidence & { duplicate: boolean }>('/api/evidence', form, (sent, total) => setProgress(total ? sent / total : 0));
      setNote(added.duplicate ? `Already held: ${added.hash}` : `Stored as ${added.hash}`);
      (ev.target as HTMLFormElement).reset();
      setFile(null);
      setOrigin('');
      setCaptured('');
      onDone();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setProgress(null);
    }
  };
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-label="Add evidence">
      <div className="row">
        <label className="grow">
          File
          <input type="file" name="file" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label className="grow">
          Where it was found (URL)
          <input type="url" name="origin_url" value={origin} onChange={(e) => setOrigin(e.target.value)} />
        </label>
        <label>
          Captured at
          <input type="datetime-local" name="captured_at" value={captured} onChange={(e) => setCaptured(e.target.value)} />
        </label>
        <button type="submit" disabled={!file || progress !== null}>
          Add evidence
        </button>
      </div>
      {progress !== null && <progress className="progress" value={progress} max={1} aria-label="Upload progress" />}
      {note && (
        <p className="notice" role="status">
          {note}
        </p>
      )}
      <ErrorMessage error={error} />
    </form>
  );
}

export function EvidenceGallery({ incidentId, onChange }: { incidentId: number; onChange(): void }) {
  const { data, error, reload } = useApi<Evidence[]>(`/api/evidence?incident=${incidentId}`);
  return (
    <section className="card" aria-labelledby="evidence-title">
      <h2 id="evidence-title">Evidence ({data?.length ?? 0})</h2>
      <ErrorMessage error={error} />
      {data && data.length === 0 && <p className="muted">No evidence yet.</p>}
      <div className="gallery">
        {data?.map((e) => (
          <EvidenceCard key={e.id} e={e} />
        ))}
      </div>
      <h3>Add evidence</h3>
      <Upload
        incidentId={incidentId}
        onDone={() => {
          reload();
          onChange();
        }}
      />
    </section>
  );
}
