// The server under test, in a process of its own so the load generator does not share its thread:
// prints {"url","token"} once listening, stops on SIGTERM. A third argument serves the built web app too.
// Usage: server-child.ts LOCATION USER [STATIC_DIR]
import { createServer } from '../src/server/app.js';
import { createToken, revokeToken } from '../src/server/accounts/tokens.js';
import { openStore } from '../src/store/open.js';

const [location, user, staticDir] = process.argv.slice(2) as [string, string, string | undefined];
const store = await openStore(location);
const { token, info } = await createToken(store.db, user, 'server benchmark');
// BENCH_READ_THREADS=0 measures SQLite without reading threads (every read on the server's thread).
const readThreads = process.env.BENCH_READ_THREADS === undefined ? undefined : Number(process.env.BENCH_READ_THREADS);
const app = await createServer({ store, logger: false, staticDir: staticDir ?? null, readThreads });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ url, token })}\n`);
process.once('SIGTERM', () => {
  void (async () => {
    await app.close();
    await revokeToken(store.db, info.id);
    await store.close();
    process.exit(0);
  })();
});
