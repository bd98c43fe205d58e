// The investigations you may read, and a form to open a new one (you become its owner).
import { useState, type FormEvent } from 'react';
import type { ApiError} from '../../api/client.js';
import { sendJson } from '../../api/client.js';
import type { InvestigationSummary } from '../../api/types.js';
import { Link, useRouter } from '../../app/router.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { formatInt } from '../../lib/format.js';
import { useApi } from '../../lib/use-api.js';

function NewInvestigation() {
  const { navigate } = useRouter();
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const inv = await sendJson<InvestigationSummary>('POST', '/api/investigations', { name, title, description: description || null });
      navigate(`/investigations/${inv.name}`);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <form className="card stack" onSubmit={(e) => void submit(e)} aria-labelledby="new-inv">
      <h2 id="new-inv">Open an investigation</h2>
      <label>
        Name (a slug: lower-case letters, digits, "-")
        <input value={name} onChange={(e) => setName(e.target.value)} required pattern="[a-z0-9][a-z0-9\-]{0,63}" />
      </label>
      <label>
        Title
        <input value={title} onChange={(e) => setTitle(e.target.value)} required />
      </label>
      <label>
        Description
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} />
      </label>
      <ErrorMessage error={error} />
      <div>
        <button type="submit">Open</button>
      </div>
    </form>
  );
}

export default function InvestigationsPage() {
  const { data, error } = useApi<InvestigationSummary[]>('/api/investigations');
  return (
    <div className="two-col">
      <section className="card" aria-labelledby="inv-title">
        <h1 id="inv-title">Investigations</h1>
        <ErrorMessage error={error} />
        {data && data.length === 0 && <p>No investigation you may read yet.</p>}
        <table>
          <thead>
            <tr>
              <th scope="col">Investigation</th>
              <th scope="col">Your role</th>
              <th scope="col" className="num">Incidents</th>
              <th scope="col" className="num">Sources</th>
              <th scope="col" className="num">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {data?.map((inv) => (
              <tr key={inv.name}>
                <td>
                  <Link href={`/investigations/${inv.name}`}>{inv.title}</Link>
                  <div className="muted">{inv.name}</div>
                </td>
                <td>{inv.role ?? '–'}</td>
                <td className="num">{formatInt(inv.incidents)}</td>
                <td className="num">{formatInt(inv.sources)}</td>
                <td className="num">{formatInt(inv.evidence)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <NewInvestigation />
    </div>
  );
}
