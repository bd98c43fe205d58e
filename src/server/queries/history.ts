// An event and what each revision changed: the shape `groundtruth history --json` prints.
import { pickRecord, type StoredEvent } from '../../model/event.js';
import { diffRecords } from '../../model/revision.js';
import type { Store } from '../../store/store.js';

export interface HistoryStep {
  revision: number;
  import_id: number | null;
  deleted_at: string | null;
  changes: ReturnType<typeof diffRecords>;
}

export async function eventHistory(store: Store, id: number): Promise<{ event: StoredEvent; revisions: HistoryStep[] } | null> {
  const h = await store.history(id);
  if (!h) return null;
  const versions = [
    ...h.revisions.map((r) => ({ revision: r.revision, import_id: r.import_id, deleted_at: r.deleted_at, record: r.record })),
    { revision: h.event.revision, import_id: h.event.import_id, deleted_at: h.event.deleted_at, record: pickRecord(h.event) },
  ];
  const steps = versions.map((v, i) => {
    const prev = versions[i - 1];
    const changes = prev ? diffRecords(prev.record, v.record) : [];
    if (prev && prev.deleted_at !== v.deleted_at) changes.push({ field: 'deleted_at', before: prev.deleted_at, after: v.deleted_at });
    return { revision: v.revision, import_id: v.import_id, deleted_at: v.deleted_at, changes };
  });
  return { event: h.event, revisions: steps };
}
