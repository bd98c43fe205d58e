// Moves along the status path the model allows (unverified → in review → verified / disputed /
// discounted), each with a reason for the audit log.
import { useState } from 'react';
import type { Incident, IncidentStatus } from '../../api/types.js';
import { ReasonDialog } from '../../components/ReasonDialog.js';
import { humanize } from '../../lib/format.js';

/** Mirrors STATUS_TRANSITIONS in src/model/desk.ts; the server refuses any other move. */
const MOVES: Record<IncidentStatus, readonly IncidentStatus[]> = {
  unverified: ['in_review', 'discounted'],
  in_review: ['verified', 'disputed', 'discounted', 'unverified'],
  verified: ['in_review', 'disputed'],
  disputed: ['in_review', 'verified', 'discounted'],
  discounted: ['in_review'],
};

const VERB: Record<IncidentStatus, string> = { unverified: 'Back to unverified', in_review: 'Start review', verified: 'Mark verified', disputed: 'Mark disputed', discounted: 'Discount' };

export function StatusActions({ incident, onMove }: { incident: Incident; onMove(status: IncidentStatus, reason: string | null): void }) {
  const [target, setTarget] = useState<IncidentStatus | null>(null);
  return (
    <div className="row" role="group" aria-label="Change status">
      {MOVES[incident.status].map((s) => (
        <button key={s} type="button" className={s === 'discounted' ? 'danger' : 'secondary'} onClick={() => setTarget(s)}>
          {VERB[s]}
        </button>
      ))}
      <ReasonDialog
        open={target !== null}
        title={target ? `${humanize(incident.status)} → ${humanize(target)}` : ''}
        required={incident.status === 'verified'}
        confirmLabel={target ? VERB[target] : 'Save'}
        onConfirm={(reason) => {
          const t = target!;
          setTarget(null);
          onMove(t, reason);
        }}
        onCancel={() => setTarget(null)}
      />
    </div>
  );
}
