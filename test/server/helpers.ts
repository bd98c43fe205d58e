// A real server over a real store for the server tests: users of every role, and sign-in helpers.
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createServer, type ServerOptions } from '../../src/server/app.js';
import { createToken } from '../../src/server/accounts/tokens.js';
import { addUser } from '../../src/server/accounts/users.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import type { TestStoreLocation } from '../helpers/stores.js';

export const PASSWORD = 'correct horse battery staple';
export const ROLES = ['admin', 'editor', 'analyst', 'viewer'] as const;

export interface TestServer {
  app: FastifyInstance;
  store: Store;
  where: TestStoreLocation;
  close(): Promise<void>;
}

/** A store of the given engine with one user per role (named after the role), and a server over it. */
export async function startServer(make: () => Promise<TestStoreLocation>, options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const where = await make();
  const store = await openStore(where.location);
  for (const role of ROLES) await addUser(store.db, role, role, PASSWORD);
  const app = await createServer({ store, workDir: join(where.dir, 'server'), blobs: join(where.dir, 'blobs'), ...options });
  await app.ready();
  return {
    app,
    store,
    where,
    async close() {
      await app.close();
      await store.close();
      await where.cleanup();
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

export async function signIn(app: FastifyInstance, name: string, password = PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/login', payload: { name, password } });
  if (res.statusCode !== 200) throw new Error(`login ${name}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'gt_session');
  if (!cookie) throw new Error('no session cookie');
  const csrf = (res.json() as { csrf_token: string }).csrf_token;
  return { cookie: `gt_session=${cookie.value}`, csrf, headers: { cookie: `gt_session=${cookie.value}`, 'x-csrf-token': csrf } };
}

export async function bearer(store: Store, name: string): Promise<Record<string, string>> {
  const { token } = await createToken(store.db, name, 'tests');
  return { authorization: `Bearer ${token}` };
}

export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return res.json() as T;
}

/** A multipart/form-data body: the fields, then the file in a part named "file". */
export function multipart(fields: Record<string, string>, file: { name: string; content: Buffer | string }): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----groundtruth${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: text/csv\r\n\r\n`));
  parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
