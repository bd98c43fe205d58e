// One import as it runs: rows read so far, then what it did (inserted, updated, unchanged, rejected)
// and the rejected rows with their line, field and reason.
import { useEffect, useRef, useState } from 'react';
import type { ApiError} from '../../api/client.js';
import { getJson } from '../../api/client.js';
import type { ImportJobDetail } from '../../api/types.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { formatBytes, formatInt } from '../../lib/format.js';

const POLL_MS = 500;

export function ImportJobView({ id, onFinished }: { id: string; onFinished(): void }) {
  const [job, setJob] = useState<ImportJobDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const j = await getJson<ImportJobDetail>(`/api/imports/${id}`);
        if (stop) return;
        setJob(j);
        if (j.status === 'done' || j.status === 'failed') finished.current();
        else timer = setTimeout(() => void poll(), POLL_MS);
      } catch (err) {
        if (!stop) setError(err as ApiError);
      }
    };
    setJob(null);
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [id]);

  if (error) return <ErrorMessage error={error} />;
  if (!job) return <p className="loading">Loading the import…</p>;
  const r = job.result;
  return (
    <section className="card" aria-labelledby="job-title" aria-busy={job.status === 'queued' || job.status === 'running'}>
      <h2 id="job-title">
        {job.file_name} → {job.dataset}
      </h2>
      <p role="status" aria-live="polite">
        <strong>{job.status}</strong>: {formatInt(job.rows_read)} rows read of a {formatBytes(job.file_size)} file
      </p>
      {(job.status === 'queued' || job.status === 'running') && <progress className="progress" aria-label="Import running" />}
      {job.error && (
        <div className="error" role="alert">
          <pre>{job.error}</pre>
        </div>
      )}
      {r && (
        <dl className="numbers">
          {(['inserted', 'updated', 'unchanged', 'deleted', 'rejected'] as const).map((k) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{formatInt(r[k])}</dd>
            </div>
          ))}
          <div>
            <dt>layout</dt>
            <dd>{r.layout}</dd>
          </div>
        </dl>
      )}
      {job.rejects.length > 0 && (
        <>
          <h3>Rejected rows</h3>
          {r?.rejects_file && (
            <p>
              <a href={r.rejects_file} download>
                Download the rejects file (CSV)
              </a>
              {r.rejected > job.rejects.length && <span className="muted"> — the first {job.rejects.length} of {formatInt(r.rejected)} are shown</span>}
            </p>
          )}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col">Field</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Row</th>
                </tr>
              </thead>
              <tbody>
                {job.rejects.map((x) => (
                  <tr key={`${x.line}-${x.field}`}>
                    <td className="num">{x.line}</td>
                    <td>{x.field}</td>
                    <td>{x.reason}</td>
                    <td>
                      <code>{x.row.length > 160 ? `${x.row.slice(0, 160)}…` : x.row}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
