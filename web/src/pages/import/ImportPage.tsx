// Import a file: ACLED or UCDP exports, or any CSV through a mapping. The upload shows its progress,
// then the import runs on the server while this page follows it, and ends with the rejects report.
import { useState, type FormEvent } from 'react';
import type { ApiError} from '../../api/client.js';
import { upload } from '../../api/client.js';
import type { ImportFormat, ImportJob } from '../../api/types.js';
import { useSession, isEditor } from '../../app/session.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { formatBytes, formatInt, formatTime } from '../../lib/format.js';
import { useApi } from '../../lib/use-api.js';
import { ImportJobView } from './ImportJobView.js';

type Format = ImportFormat;

function ImportForm({ onQueued }: { onQueued(job: ImportJob): void }) {
  const [format, setFormat] = useState<Format>('acled');
  const [dataset, setDataset] = useState('');
  const [accessDate, setAccessDate] = useState(new Date().toISOString().slice(0, 10));
  const [filters, setFilters] = useState('');
  const [mappingName, setMappingName] = useState('');
  const [mappingFile, setMappingFile] = useState<File | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<{ sent: number; total: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.append('format', format);
    if (dataset.trim()) form.append('dataset', dataset.trim());
    if (format === 'acled') {
      if (accessDate) form.append('access_date', accessDate);
      if (filters.trim()) form.append('filters', filters.trim());
    }
    if (format === 'csv') {
      if (mappingFile) form.append('mapping', await mappingFile.text());
      else if (mappingName.trim()) form.append('mapping_name', mappingName.trim());
    }
    // The file goes last: the server reads the fields before it stores the upload.
    form.append('file', file);
    setError(null);
    setSent({ sent: 0, total: file.size });
    try {
      const job = await upload<ImportJob>('/api/imports', form, (s, total) => setSent({ sent: s, total: total || file.size }));
      onQueued(job);
      (e.target as HTMLFormElement).reset();
      setFile(null);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setSent(null);
    }
  };

  return (
    <form className="card stack" onSubmit={(e) => void submit(e)} aria-labelledby="import-title">
      <h1 id="import-title">Import a file</h1>
      <div className="row">
        <label>
          Format
          <select name="format" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
            <option value="acled">ACLED export</option>
            <option value="ucdp">UCDP GED</option>
            <option value="csv">CSV with a mapping</option>
          </select>
        </label>
        <label className="grow">
          Dataset (default: {format === 'csv' ? "the mapping's" : format})
          <input name="dataset" value={dataset} onChange={(e) => setDataset(e.target.value)} pattern="[a-z0-9][a-z0-9\-_]*" />
        </label>
      </div>
      {format === 'acled' && (
        <div className="row">
          <label>
            Access date (ACLED asks you to cite it)
            <input type="date" name="access_date" value={accessDate} onChange={(e) => setAccessDate(e.target.value)} />
          </label>
          <label className="grow">
            Filters used for the export
            <input name="filters" value={filters} onChange={(e) => setFilters(e.target.value)} placeholder="country=Afghanistan" />
          </label>
        </div>
      )}
      {format === 'csv' && (
        <div className="row">
          <label>
            Shipped mapping
            <input name="mapping_name" value={mappingName} onChange={(e) => setMappingName(e.target.value)} list="mappings" disabled={mappingFile !== null} />
          </label>
          <datalist id="mappings">
            <option value="ucdp-ged-subset" />
            <option value="us-boat-strikes-2025" />
          </datalist>
          <label className="grow">
            or a mapping file (JSON)
            <input type="file" name="mapping" accept=".json,application/json" onChange={(e) => setMappingFile(e.target.files?.[0] ?? null)} />
          </label>
        </div>
      )}
      <label>
        File
        <input type="file" name="file" accept=".csv,text/csv" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      {sent && (
        <div>
          <progress className="progress" value={sent.sent} max={sent.total || 1} aria-label="Upload progress" />
          <p className="muted" aria-live="polite">
            Uploading: {formatBytes(sent.sent)} of {formatBytes(sent.total)}
          </p>
        </div>
      )}
      <ErrorMessage error={error} />
      <div>
        <button type="submit" disabled={!file || sent !== null}>
          Upload and import
        </button>
      </div>
    </form>
  );
}

export default function ImportPage() {
  const { me } = useSession();
  const [current, setCurrent] = useState<string | null>(null);
  const jobs = useApi<ImportJob[]>('/api/imports');
  if (!isEditor(me)) return <p>Importing needs the editor or admin role.</p>;
  return (
    <div className="two-col">
      <div className="cards">
        <ImportForm
          onQueued={(job) => {
            setCurrent(job.id);
            jobs.reload();
          }}
        />
        {current && <ImportJobView id={current} onFinished={jobs.reload} />}
      </div>
      <section className="card" aria-labelledby="jobs-title">
        <h2 id="jobs-title">Imports since the server started</h2>
        {jobs.data?.length === 0 && <p className="muted">None yet.</p>}
        <ul className="audit">
          {jobs.data?.map((j) => (
            <li key={j.id}>
              <button type="button" className="link" onClick={() => setCurrent(j.id)}>
                {j.file_name}
              </button>{' '}
              → {j.dataset}: <strong>{j.status}</strong>
              <div className="muted">
                {formatTime(j.submitted_at)} by {j.submitted_by}, {formatInt(j.rows_read)} rows
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
