// One incident: details, verification, sources, evidence, disputes and history. Edits carry the version
// the page read; if someone changed the incident meanwhile the server answers 409 and the page says so,
// keeping the edit on screen until the reader reloads.
import { useState } from 'react';
import type { ApiError} from '../../api/client.js';
import { sendJson } from '../../api/client.js';
import type { Incident, IncidentStatus } from '../../api/types.js';
import { Link } from '../../app/router.js';
import { GradeBadge, StatusBadge } from '../../components/Badges.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { ReasonDialog } from '../../components/ReasonDialog.js';
import { useApi } from '../../lib/use-api.js';
import { AuditHistory } from './AuditHistory.js';
import { Checklist } from './Checklist.js';
import { DisputesPanel } from './DisputesPanel.js';
import { EvidenceGallery } from './EvidenceGallery.js';
import { changedFields, valuesOf, type FormValues } from './incident-fields.js';
import { IncidentDetails } from './IncidentDetails.js';
import { IncidentForm } from './IncidentForm.js';
import { SourcesPanel } from './SourcesPanel.js';
import { StatusActions } from './StatusActions.js';

function Conflict({ error, onReload }: { error: ApiError; onReload(): void }) {
  const actual = error.body.actual;
  return (
    <div className="error" role="alert">
      <p>
        <strong>Someone else changed this incident while you were editing it</strong>
        {typeof actual === 'number' ? ` (it is now at version ${actual})` : ''}. Your changes were not saved. Reload to see theirs, then make your edit again.
      </p>
      <button type="button" onClick={onReload}>
        Reload the incident
      </button>
    </div>
  );
}

export default function IncidentPage({ id }: { id: number }) {
  const { data: incident, error: loadError, reload } = useApi<Incident>(`/api/incidents/${id}`);
  const [editing, setEditing] = useState(false);
  const [pending, setPending] = useState<Record<string, unknown> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [changes, setChanges] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);

  const changed = (what: string | null = null) => {
    setChanges((n) => n + 1);
    setSaved(what);
    reload();
  };

  const save = async (patch: Record<string, unknown>, reason: string | null) => {
    if (!incident) return;
    try {
      await sendJson('PATCH', `/api/incidents/${id}`, { ...patch, version: incident.version, reason });
      setEditing(false);
      setError(null);
      changed('Saved.');
    } catch (err) {
      setError(err as ApiError);
    }
  };

  const move = async (status: IncidentStatus, reason: string | null) => {
    if (!incident) return;
    try {
      await sendJson('POST', `/api/incidents/${id}/status`, { status, version: incident.version, reason });
      setError(null);
      changed(`Status: ${status.replace('_', ' ')}.`);
    } catch (err) {
      setError(err as ApiError);
    }
  };

  const submitEdit = (values: FormValues) => {
    if (!incident) return;
    const patch = changedFields(incident, values);
    if (Object.keys(patch).length === 0) {
      setEditing(false);
      return;
    }
    setPending(patch);
  };

  if (!incident) return loadError ? <ErrorMessage error={loadError} /> : <p className="loading">Loading…</p>;
  const conflict = error?.status === 409 ? error : null;
  return (
    <div className="stack">
      <p>
        <Link href={`/investigations/${incident.investigation}`}>← {incident.investigation}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>
            Incident {incident.ref}
          </h1>
          <p>
            <StatusBadge status={incident.status} /> <GradeBadge grade={incident.grade} /> <span className="muted">version {incident.version}</span>
          </p>
        </div>
        <div className="stack">
          <StatusActions incident={incident} onMove={(s, r) => void move(s, r)} />
          {!editing && (
            <div>
              <button type="button" onClick={() => setEditing(true)}>
                Edit incident
              </button>
            </div>
          )}
        </div>
      </div>
      {saved && !error && (
        <p className="notice" role="status">
          {saved}
        </p>
      )}
      {conflict ? (
        <Conflict
          error={conflict}
          onReload={() => {
            setError(null);
            setEditing(false);
            reload();
          }}
        />
      ) : (
        <ErrorMessage error={error} />
      )}
      {editing ? (
        <section className="card" aria-labelledby="edit-title">
          <h2 id="edit-title">Edit incident</h2>
          <IncidentForm key={incident.version} initial={valuesOf(incident)} withRef={false} submitLabel="Save changes" busy={pending !== null} onSubmit={submitEdit} onCancel={() => setEditing(false)} />
        </section>
      ) : (
        <div className="two-col">
          <div className="cards">
            <IncidentDetails incident={incident} />
            <EvidenceGallery incidentId={incident.id} onChange={() => changed()} />
            <DisputesPanel incident={incident} onChange={() => changed()} />
          </div>
          <div className="cards">
            <Checklist incident={incident} onChange={() => changed()} />
            <SourcesPanel incident={incident} onChange={() => changed()} />
            <AuditHistory incident={incident} changes={changes} />
          </div>
        </div>
      )}
      <ReasonDialog
        open={pending !== null}
        title="Why this change?"
        required={incident.status === 'verified'}
        onConfirm={(reason) => {
          const patch = pending!;
          setPending(null);
          void save(patch, reason);
        }}
        onCancel={() => setPending(null)}
      />
    </div>
  );
}
