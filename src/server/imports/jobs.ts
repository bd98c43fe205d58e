// Imports started from the web desk: one at a time, in the background, with their progress kept for
// GET /api/imports/:id. The import itself is the library's runImport; its batches are awaited one by
// one, so the server answers other requests between them.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { afterImport } from '../../cli/after-import.js';
import { runImport } from '../../ingest/run-import.js';
import type { Store } from '../../store/store.js';
import type { PreparedImport } from './formats.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** What `groundtruth import … --json` prints, so the web desk and scripts read one shape. */
export interface ImportSummary {
  dataset: string;
  import_id: number;
  layout: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
  rejected: number;
  rejects_file: string | null;
  [extra: string]: unknown;
}

export interface ImportJob {
  id: string;
  status: JobStatus;
  format: string;
  dataset: string;
  file_name: string;
  file_size: number;
  submitted_by: string;
  submitted_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** Rows read so far (the whole file once done). */
  rows_read: number;
  result: ImportSummary | null;
  error: string | null;
}

interface Pending {
  job: ImportJob;
  upload: { file: string; dir: string };
  prepared: PreparedImport;
}

const removeDir = (dir: string) => rm(dir, { recursive: true, force: true }).catch(() => undefined);

/** Finished jobs kept in memory; older ones remain in the store's imports table. */
const KEEP = 200;

export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();
  private readonly rejectsFiles = new Map<string, string>();
  private queue: Promise<void> = Promise.resolve();
  private importStore: Promise<Store> | null = null;
  private readonly pendingRemovals = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: Store,
    private readonly openImportStore: (() => Promise<Store>) | null,
    private readonly workDir: string,
    private readonly log: FastifyBaseLogger,
  ) {}

  newId(): string {
    return randomBytes(9).toString('base64url');
  }

  submit(id: string, upload: Pending['upload'], prepared: PreparedImport, meta: { format: string; fileName: string; fileSize: number; submittedBy: string }): ImportJob {
    const job: ImportJob = {
      id,
      status: 'queued',
      format: meta.format,
      dataset: prepared.dataset.name,
      file_name: meta.fileName,
      file_size: meta.fileSize,
      submitted_by: meta.submittedBy,
      submitted_at: new Date().toISOString(),
      started_at: null,
      finished_at: null,
      rows_read: 0,
      result: null,
      error: null,
    };
    this.jobs.set(id, job);
    this.trim();
    this.queue = this.queue.then(() => this.run({ job, upload, prepared }));
    return { ...job };
  }

  get(id: string): ImportJob | null {
    const job = this.jobs.get(id);
    return job ? { ...job } : null;
  }

  list(): ImportJob[] {
    return [...this.jobs.values()].reverse().map((j) => ({ ...j }));
  }

  rejectsFile(id: string): string | null {
    return this.rejectsFiles.get(id) ?? null;
  }

  /** Waits for the running and queued imports, then closes the import connection. */
  async close(): Promise<void> {
    await this.queue;
    for (const [dir, timer] of this.pendingRemovals) {
      clearTimeout(timer);
      await removeDir(dir);
    }
    this.pendingRemovals.clear();
    if (this.importStore) {
      const s = await this.importStore.catch(() => null);
      if (s && s !== this.store) await s.close();
    }
  }

  private storeForImports(): Promise<Store> {
    this.importStore ??= this.openImportStore ? this.openImportStore() : Promise.resolve(this.store);
    return this.importStore;
  }

  private async run({ job, upload, prepared }: Pending): Promise<void> {
    job.status = 'running';
    job.started_at = new Date().toISOString();
    try {
      const store = await this.storeForImports();
      const record = await runImport(store, upload.file, prepared.reader, {
        dataset: prepared.dataset,
        rejectsPath: join(this.workDir, 'rejects', `${job.id}-${job.file_name.replace(/\.[^.]+$/, '')}.rejects.csv`),
        onProgress: (rows) => {
          job.rows_read = rows;
        },
        beforeCommit: (session) => afterImport.beforeCommit(store, session),
      });
      const report = await afterImport.afterCommit(store, record);
      if (record.rejects_file) this.rejectsFiles.set(job.id, record.rejects_file);
      job.rows_read = record.rows_read;
      job.result = {
        dataset: record.dataset,
        import_id: record.id,
        layout: record.layout,
        rows: record.rows_read,
        inserted: record.inserted,
        updated: record.updated,
        unchanged: record.unchanged,
        deleted: record.deleted,
        rejected: record.rejected,
        // Where to download it from here, not where the server keeps it.
        rejects_file: record.rejects_file ? `/api/imports/${job.id}/rejects.csv` : null,
        ...report,
      };
      job.status = 'done';
    } catch (err) {
      job.status = 'failed';
      // Readers name the file they read: the upload's own name, not the server's folder.
      job.error = (err instanceof Error ? err.message : String(err)).split(`${upload.dir}/`).join('');
      this.log.warn({ job: job.id, err }, 'import failed');
    } finally {
      job.finished_at = new Date().toISOString();
      if (job.status === 'done') await removeDir(upload.dir);
      else this.removeLater(upload.dir);
    }
  }

  /**
   * A failed import may leave the file's hash still being computed in a worker (runImport starts it
   * beside the reader and does not wait for it when the reader fails first), so the upload is removed
   * a little later rather than pulled from under it.
   */
  private removeLater(dir: string): void {
    const timer = setTimeout(() => {
      this.pendingRemovals.delete(dir);
      void removeDir(dir);
    }, 30_000);
    timer.unref();
    this.pendingRemovals.set(dir, timer);
  }

  private trim(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status === 'done' || j.status === 'failed');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP))) {
      this.jobs.delete(j.id);
      this.rejectsFiles.delete(j.id);
    }
  }
}
