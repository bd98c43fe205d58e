// Record a new incident in an investigation: it starts unverified at version 1.
import { useState } from 'react';
import type { ApiError} from '../../api/client.js';
import { sendJson } from '../../api/client.js';
import type { Incident } from '../../api/types.js';
import { Link, useRouter } from '../../app/router.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { emptyValues, fieldsOf, type FormValues } from './incident-fields.js';
import { IncidentForm } from './IncidentForm.js';

export default function NewIncidentPage({ investigation }: { investigation: string }) {
  const { navigate } = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const create = async (v: FormValues) => {
    setBusy(true);
    setError(null);
    try {
      const body = { ...fieldsOf(v), ...(v.ref.trim() ? { ref: v.ref.trim() } : {}) };
      const made = await sendJson<Incident>('POST', `/api/investigations/${investigation}/incidents`, body);
      navigate(`/incidents/${made.id}`);
    } catch (err) {
      setError(err as ApiError);
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="new-title">
      <p>
        <Link href={`/investigations/${investigation}`}>← {investigation}</Link>
      </p>
      <h1 id="new-title">New incident</h1>
      <IncidentForm initial={emptyValues()} withRef submitLabel="Record incident" busy={busy} onSubmit={(v) => void create(v)}>
        <ErrorMessage error={error} />
      </IncidentForm>
    </section>
  );
}
