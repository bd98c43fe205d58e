// Every audited change that bears on the incident: its own edits and status moves, and the sources,
// disputes, checks and evidence tied to it — each with who, when, why and its place in the hash chain.
import { useEffect } from 'react';
import { qs } from '../../api/client.js';
import type { AuditEntry, Incident } from '../../api/types.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { formatTime } from '../../lib/format.js';
import { useApi } from '../../lib/use-api.js';

function concerns(e: AuditEntry, i: Incident): boolean {
  if (e.entity === 'incident') return e.entity_id === `${i.investigation}/${i.ref}` || e.entity_id === String(i.id);
  if (e.entity === 'dispute' && i.disputes.some((d) => String(d.id) === e.entity_id)) return true;
  const touches = (v: unknown) => typeof v === 'object' && v !== null && ((v as Record<string, unknown>).incident === i.id || (v as Record<string, unknown>).incident_id === i.id);
  return touches(e.after) || touches(e.before);
}

function changes(e: AuditEntry): string {
  if (e.action === 'create') return '';
  const before = (e.before ?? {}) as Record<string, unknown>;
  const after = (e.after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return keys.map((k) => `${k}: ${JSON.stringify(before[k] ?? null)} → ${JSON.stringify(after[k] ?? null)}`).join('; ');
}

export function AuditHistory({ incident, changes: changeCount }: { incident: Incident; changes: number }) {
  const { data, error, reload } = useApi<AuditEntry[]>(`/api/audit${qs({ investigation: incident.investigation, limit: 5000 })}`);
  // Reload after each change made on the page.
  useEffect(() => {
    if (changeCount > 0) reload();
  }, [changeCount, reload]);
  const entries = (data ?? []).filter((e) => concerns(e, incident));
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">History</h2>
      <ErrorMessage error={error} />
      <ol className="audit" reversed>
        {entries.map((e) => (
          <li key={e.seq}>
            <div>
              <strong>
                {e.entity} {e.action}
              </strong>{' '}
              by {e.actor}, {formatTime(e.at)}
            </div>
            {changes(e) && <div className="muted">{changes(e)}</div>}
            {e.reason && <div>Reason: {e.reason}</div>}
            <div>
              <code className="hash" title={`previous ${e.prev_hash}`}>
                #{e.seq} {e.hash.slice(0, 19)}…
              </code>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
