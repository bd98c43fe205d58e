// What runs around every import: work inside its transaction, and reports after it lands.
import type { ImportRecord } from '../model/dataset.js';
import type { ImportSession, Store } from '../store/store.js';

export type AfterImportReport = Record<string, unknown>;

export const afterImport = {
  async beforeCommit(_store: Store, _session: ImportSession): Promise<void> {},
  async afterCommit(_store: Store, _record: ImportRecord): Promise<AfterImportReport> {
    return {};
  },
  describe(_report: AfterImportReport): string[] {
    return [];
  },
};
