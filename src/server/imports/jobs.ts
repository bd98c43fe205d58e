// Imports started from the web desk: one at a time, in the background, with their progress kept for
// GET /api/imports/:id. The import itself is the library's runImport: into SQLite in a thread of its
// own (its work is synchronous), into PostgreSQL here (its work is waiting on the database).
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { afterImport } from '../../ingest/after-import.js';
import { runImport } from '../../ingest/run-import.js';
import type { Store } from '../../store/store.js';
import type { ImportFields, PreparedImport } from './formats.js';
import { startImportThread } from './start-thread.js';

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
  /** The form as sent, for the import thread to build its own reader from. */
  fields: ImportFields;
}

const removeDir = (dir: string) => rm(dir, { recursive: true, force: true }).catch(() => undefined);

/** Finished jobs kept in memory; older ones remain in the store's imports table. */
const KEEP = 200;

export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();
  private readonly rejectsFiles = new Map<string, string>();
  private queue: Promise<void> = Promise.resolve();
  private readonly pendingRemovals = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: Store,
    private readonly workDir: string,
    private readonly log: FastifyBaseLogger,
  ) {}

  newId(): string {
    return randomBytes(9).toString('base64url');
  }

  submit(id: string, upload: Pending['upload'], prepared: PreparedImport, fields: ImportFields, meta: { format: string; fileName: string; fileSize: number; submittedBy: string }): ImportJob {
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
    this.queue = this.queue.then(() => this.run({ job, upload, prepared, fields }));
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

  /** Waits for the running and queued imports. */
  async close(): Promise<void> {
    await this.queue;
    for (const [dir, timer] of this.pendingRemovals) {
      clearTimeout(timer);
      await removeDir(dir);
    }
    this.pendingRemovals.clear();
  }

  private async runHere({ job, upload, prepared }: Pending, rejectsPath: string) {
    const store = this.store;
    const record = await runImport(store, upload.file, prepared.reader, {
      dataset: prepared.dataset,
      rejectsPath,
      onProgress: (rows) => {
        job.rows_read = rows;
      },
      beforeCommit: (session) => afterImport.beforeCommit(store, session),
    });
    return { record, report: await afterImport.afterCommit(store, record) };
  }

  private runInThread({ job, upload, fields }: Pending, rejectsPath: string) {
    return startImportThread({ location: this.store.location, file: upload.file, displayName: job.file_name, fields, rejectsPath }, (rows) => {
      job.rows_read = rows;
    });
  }

  private async run(pending: Pending): Promise<void> {
    const { job, upload } = pending;
    job.status = 'running';
    job.started_at = new Date().toISOString();
    try {
      const rejectsPath = join(this.workDir, 'rejects', `${job.id}-${job.file_name.replace(/\.[^.]+$/, '')}.rejects.csv`);
      const threaded = this.store.engine === 'sqlite' && this.store.location !== ':memory:';
      const { record, report } = threaded ? await this.runInThread(pending, rejectsPath) : await this.runHere(pending, rejectsPath);
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
