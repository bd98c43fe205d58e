// The Groundtruth server: the API under /api, published embeds under /embed, and the web app at /.
// Plugins each do one job (errors, headers, auth, CSRF, OpenAPI); routes are thin calls into the library.
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { ResultCache } from './cache.js';
import { blobStoreOf, defaultWorkDir, type ServerContext, type ServerOptions } from './context.js';
import { ImportJobs } from './imports/jobs.js';
import { readSideOf } from './reads/pool.js';
import { installAuth } from './plugins/auth.js';
import { installCsrf } from './plugins/csrf.js';
import { installErrors } from './plugins/errors.js';
import { installOpenApi } from './plugins/openapi.js';
import { installSecurityHeaders } from './plugins/security-headers.js';
import { installStatic } from './plugins/static.js';
import { installValidation } from './plugins/validation.js';
import { routes } from './routes/index.js';
import './types.js';

export type { ServerOptions } from './context.js';

/** 2 GiB: phone video as evidence, a full ACLED export as an import. */
const DEFAULT_MAX_UPLOAD = 2 * 1024 ** 3;

export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const { store } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
  });
  if (store.engine === 'sqlite') {
    // SQLite has one writer at a time, and a write waiting for the lock waits synchronously: keep that
    // wait short, so a change made while an import holds the lock answers 503 instead of stalling the server.
    await sql`PRAGMA busy_timeout = ${sql.raw(String(options.sqliteBusyTimeoutMs ?? 250))}`.execute(store.db);
  }
  const workDir = options.workDir ?? defaultWorkDir(store);
  const reads = readSideOf(store, options.readThreads ?? 4);
  const gt: ServerContext = {
    store,
    reads: reads.store,
    options,
    workDir,
    blobs: blobStoreOf(store, options.blobs),
    imports: new ImportJobs(store, workDir, app.log),
    results: new ResultCache(store),
    graphics: new ResultCache(store, { max: 64 }),
  };
  app.decorate('gt', gt);
  app.addHook('onClose', async () => {
    await gt.imports.close();
    await reads.close();
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD, files: 1, fields: 20, fieldSize: 1024 * 1024 } });
  installValidation(app);
  installErrors(app);
  installSecurityHeaders(app);
  installAuth(app);
  installCsrf(app);
  installOpenApi(app);
  for (const register of routes) register(app);
  if (options.staticDir) await installStatic(app, options.staticDir);
  return app;
}
