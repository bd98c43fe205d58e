// A grade or status as a labelled badge: colour is never the only sign, the word is always there.
import type { Grade, IncidentStatus } from '../api/types.js';
import { humanize } from '../lib/format.js';

export function GradeBadge({ grade }: { grade: Grade | null }) {
  if (!grade) return <span className="muted">ungraded</span>;
  return <span className={`badge grade-${grade}`}>{grade}</span>;
}

export function StatusBadge({ status }: { status: IncidentStatus }) {
  return <span className={`badge status-${status}`}>{humanize(status)}</span>;
}
