// groundtruth serve: the web desk and its API on one port, until Ctrl-C.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer } from '../server/app.js';
import { CliError, type CliContext, type RegisterCommand } from './context.js';

/** The built browser app, when there is one (web/dist beside the package). */
const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface ServeFlags {
  port: string;
  host: string;
  web?: string;
  blobs?: string;
  trustProxy?: boolean;
}

/** Serves the desk on the store until Ctrl-C (also what `start` does once the demo store is there). */
export async function serveDesk(ctx: CliContext, flags: ServeFlags): Promise<void> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port takes a port number, not ${JSON.stringify(flags.port)}`);
  if (flags.web && !existsSync(flags.web)) throw new CliError(`--web ${flags.web}: no such folder`);
  const store = await ctx.store();
  const app = await createServer({
    store,
    staticDir: flags.web ?? (existsSync(WEB_DIST) ? WEB_DIST : null),
    blobs: flags.blobs ?? null,
    trustProxy: flags.trustProxy ?? false,
    logger: { level: process.env.GROUNDTRUTH_LOG ?? 'info' },
  });
  const address = await app.listen({ port, host: flags.host });
  ctx.warn(`groundtruth desk at ${address} (${store.engine}: ${store.location}); Ctrl-C to stop`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      ctx.warn('stopping: finishing imports in progress');
      void app.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('serve')
    .description('serve the web desk and its API (see /api/openapi.json); sign in with an account from `user add`')
    .option('--port <port>', 'port to listen on', '8080')
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--web <dir>', 'the built web app to serve (default: web/dist when built)')
    .option('--blobs <dir>', 'where evidence files live (default: beside the SQLite file, or $GROUNDTRUTH_BLOBS)')
    .option('--trust-proxy', 'behind a reverse proxy: trust its X-Forwarded-For and X-Forwarded-Proto')
    .action((flags: ServeFlags) => serveDesk(ctx, flags));
};
