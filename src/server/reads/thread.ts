// A reading thread: one read-only connection to the SQLite file, answering the statements the server's
// read pool sends it (src/server/reads/pool.ts). The server's own thread never waits on a long read.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import type { ReadReply, ReadRequest } from './protocol.js';

const { file } = workerData as { file: string };
const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 10000');
db.pragma('cache_size = -32768');
db.pragma('temp_store = MEMORY');

/** Prepared statements by SQL text: the desk asks the same shapes of query all day. */
const statements = new Map<string, BetterSqlite3.Statement>();
const MAX_STATEMENTS = 200;

function statement(text: string): BetterSqlite3.Statement {
  let st = statements.get(text);
  if (st) {
    statements.delete(text);
    statements.set(text, st);
    return st;
  }
  st = db.prepare(text);
  statements.set(text, st);
  if (statements.size > MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
  return st;
}

parentPort!.on('message', (m: ReadRequest) => {
  let reply: ReadReply;
  try {
    const st = statement(m.sql);
    if (!st.reader) throw Object.assign(new Error('the read pool runs reads only'), { code: 'SQLITE_READONLY' });
    reply = { id: m.id, rows: st.all(...m.parameters) as Record<string, unknown>[] };
  } catch (err) {
    const e = err as Error & { code?: string };
    reply = { id: m.id, error: { message: e.message, code: e.code ?? null, name: e.name } };
  }
  parentPort!.postMessage(reply);
});
