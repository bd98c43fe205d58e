// groundtruth demo / start: build the demo store from the shipped public data, then open the desk.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildDemo } from '../ingest/demo.js';
import { setPassword } from '../server/accounts/users.js';
import { localActor } from '../store/desk/users.js';
import { isPostgresUrl, storeLocation } from '../store/open.js';
import type { CliContext, RegisterCommand } from './context.js';
import { serveDesk } from './serve.js';

async function demo(ctx: CliContext, json: boolean) {
  const store = await ctx.store();
  const rejectsDir = store.engine === 'sqlite' ? join(dirname(store.location), 'rejects') : 'rejects';
  const steps = await buildDemo(store, rejectsDir, await localActor(store.db));
  if (json) ctx.printJson({ store: store.location, steps });
  else for (const s of steps) ctx.print(`${s.name}: ${s.summary}`);
}

/**
 * A way in for whoever runs `npm start`: when no account has a password yet, the local user (the demo's owner)
 * gets a random one, shown once. Nothing in the store is readable through the desk without it.
 */
async function ensureSignIn(ctx: CliContext) {
  const store = await ctx.store();
  const withPassword = await store.db.selectFrom('users').select('name').where('password_hash', 'is not', null).limit(1).executeTakeFirst();
  if (withPassword) return;
  const me = await localActor(store.db);
  const password = randomBytes(12).toString('base64url');
  await setPassword(store.db, me.name, password);
  ctx.print(`Sign in as ${me.name} (${me.role}) with the password ${password}`);
  ctx.print(`(shown once: change it with \`npx groundtruth user passwd ${me.name}\`, add colleagues with \`npx groundtruth user add NAME --role editor\`)\n`);
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('demo')
    .description('load the shipped demo datasets (real public data under data/demo) into the store')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => demo(ctx, Boolean(opts.json)));

  program
    .command('start')
    .description('open the web desk on the store, building the demo store first when there is none')
    .option('--port <port>', 'port to listen on', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (flags: { port: string; host: string }) => {
      const location = storeLocation(program.opts<{ db?: string }>().db);
      if (!isPostgresUrl(location) && !existsSync(location)) {
        ctx.print(`No store at ${location}: building the demo store from data/demo…`);
        await demo(ctx, false);
        ctx.print('');
      }
      await ensureSignIn(ctx);
      await serveDesk(ctx, { port: flags.port, host: flags.host });
    });
};
