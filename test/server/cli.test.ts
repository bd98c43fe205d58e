// The account commands as a person runs them: passwords from standard input, the token alone on the last line.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/server/app.js';
import { openStore } from '../../src/store/open.js';
import { cli, cliJson } from '../helpers/cli.js';
import { sqliteLocation, type TestStoreLocation } from '../helpers/stores.js';

describe('user and token commands', () => {
  let where: TestStoreLocation;
  const db = () => ['--db', where.location];
  beforeAll(async () => {
    where = await sqliteLocation();
  });
  afterAll(async () => where?.cleanup());

  it('refuses empty and short passwords, and unknown roles', async () => {
    const empty = await cli([...db(), 'user', 'add', 'ana', '--role', 'editor'], { input: '' });
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toMatch(/empty/);
    const short = await cli([...db(), 'user', 'add', 'ana', '--role', 'editor'], { input: 'short\n' });
    expect(short.code).not.toBe(0);
    expect(short.stderr).toMatch(/too short/);
    const role = await cli([...db(), 'user', 'add', 'ana', '--role', 'boss'], { input: 'long enough password\n' });
    expect(role.code).not.toBe(0);
    expect(role.stderr).toMatch(/--role/);
  });

  it('adds a user whose password and token open the API', async () => {
    const made = await cliJson<{ name: string; role: string }>([...db(), 'user', 'add', 'ana', '--role', 'editor', '--json'], { input: 'long enough password\nignored second line\n' });
    expect(made).toMatchObject({ name: 'ana', role: 'editor' });
    const again = await cli([...db(), 'user', 'add', 'ana', '--role', 'viewer'], { input: 'long enough password\n' });
    expect(again.code).not.toBe(0);
    const created = await cli([...db(), 'token', 'create', 'ana', '--label', 'newsroom bot']);
    expect(created.code).toBe(0);
    const token = created.stdout.trim().split('\n').pop()!;
    expect(token).toMatch(/^gt_[A-Za-z0-9_-]{40,}$/);
    const list = await cliJson<{ user: string; label: string }[]>([...db(), 'token', 'list', '--json']);
    expect(list).toMatchObject([{ user: 'ana', label: 'newsroom bot' }]);
    expect(JSON.stringify(list)).not.toContain(token);

    const store = await openStore(where.location);
    const app = await createServer({ store, workDir: join(where.dir, 'server') });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/login', payload: { name: 'ana', password: 'long enough password' } });
      expect(login.statusCode).toBe(200);
      const me = await app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
      expect(me.json()).toMatchObject({ name: 'ana', role: 'editor', auth: 'token' });
    } finally {
      await app.close();
      await store.close();
    }
    const revoked = await cliJson<{ revoked_at: string | null }>([...db(), 'token', 'revoke', '1', '--json']);
    expect(revoked.revoked_at).not.toBeNull();
  });

  it('serves the desk until stopped', async () => {
    const bin = new URL('../../bin/groundtruth.js', import.meta.url).pathname;
    const child = spawn(process.execPath, [bin, ...db(), 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GROUNDTRUTH_LOG: 'warn' } });
    let stderr = '';
    const address = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        const m = /groundtruth desk at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    });
    const health = await fetch(`${address}/api/health`);
    expect(await health.json()).toMatchObject({ ok: true, engine: 'sqlite' });
    expect((await fetch(`${address}/api/datasets`)).status).toBe(401);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
