// Accounts: 401 without credentials, sign-in and its cookie, wrong passwords, throttling, tokens, CSRF.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeToken, listTokens } from '../../src/server/accounts/tokens.js';
import { ENGINES } from '../helpers/stores.js';
import { bearer, json, PASSWORD, signIn, startServer, type TestServer } from './helpers.js';

describe.each(ENGINES)('accounts on $engine', ({ make }) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer(make, { loginLimits: { perName: 5, perAddress: 8, windowMs: 15 * 60_000 } });
  });
  afterAll(async () => t?.close());

  it('answers 401 to every route of the API without a session or token, except the public ones', async () => {
    const doc = json<{ paths: Record<string, Record<string, { security?: unknown[] }>> }>(await t.app.inject('/api/openapi.json'));
    const open: string[] = [];
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const url = path.replace(/\{[^}]+\}/g, '1');
        if (Array.isArray(op.security) && op.security.length === 0) {
          open.push(`${method.toUpperCase()} ${path}`);
          continue;
        }
        const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url });
        expect(res.statusCode, `${method} ${url}`).toBe(401);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(open.sort()).toEqual(['GET /api/health', 'GET /api/openapi.json', 'GET /embed/{id}', 'POST /api/login']);
    expect((await t.app.inject('/api/health')).statusCode).toBe(200);
    expect((await t.app.inject('/api/nowhere')).statusCode).toBe(401);
  });

  it('signs in with a session cookie that scripts cannot read, Secure behind TLS', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/login', payload: { name: 'editor', password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ name: 'editor', role: 'editor', auth: 'session' });
    const cookie = res.cookies.find((c) => c.name === 'gt_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    const me = await t.app.inject({ url: '/api/me', cookies: { gt_session: cookie.value } });
    expect(json(me)).toMatchObject({ name: 'editor', role: 'editor', auth: 'session', csrf_token: json(res).csrf_token });

    const tls = await t.app.inject({ method: 'POST', url: '/api/login', headers: { 'x-forwarded-proto': 'https' }, payload: { name: 'editor', password: PASSWORD } });
    expect(tls.cookies.find((c) => c.name === 'gt_session')!.secure).toBe(true);

    // The store keeps a hash of the cookie's secret, never the secret.
    const rows = await t.store.db.selectFrom('sessions' as never).selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(cookie.value);
  });

  it('refuses a wrong password and an unknown name alike', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/login', remoteAddress: '10.0.0.1', payload: { name: 'viewer', password: 'not the password' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/login', remoteAddress: '10.0.0.1', payload: { name: 'nobody', password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(json(wrong).message).toBe(json(unknown).message);
    expect((await t.app.inject({ method: 'POST', url: '/api/login', payload: { name: 'viewer' } })).statusCode).toBe(400);
  });

  it('locks a name after five failures in 15 minutes, even for the right password, and not other names', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/login', remoteAddress: `10.1.0.${i}`, payload: { name: 'analyst', password: `guess number ${i}` } });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/login', remoteAddress: '10.1.1.1', payload: { name: 'Analyst', password: PASSWORD } });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect(json(locked).error).toBe('too_many_attempts');
    const other = await t.app.inject({ method: 'POST', url: '/api/login', remoteAddress: '10.1.1.1', payload: { name: 'admin', password: PASSWORD } });
    expect(other.statusCode).toBe(200);
  });

  it('locks an address after its failures, whatever the names, and not other addresses', async () => {
    for (let i = 0; i < 8; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/login', remoteAddress: '10.2.0.9', payload: { name: `someone${i}`, password: 'wrong password' } });
      expect(r.statusCode).toBe(401);
    }
    expect((await t.app.inject({ method: 'POST', url: '/api/login', remoteAddress: '10.2.0.9', payload: { name: 'viewer', password: PASSWORD } })).statusCode).toBe(429);
    expect((await t.app.inject({ method: 'POST', url: '/api/login', remoteAddress: '10.2.0.10', payload: { name: 'viewer', password: PASSWORD } })).statusCode).toBe(200);
  });

  it('takes bearer tokens without CSRF, and stops taking a revoked one', async () => {
    const auth = await bearer(t.store, 'editor');
    expect(json(await t.app.inject({ url: '/api/me', headers: auth }))).toMatchObject({ name: 'editor', auth: 'token' });
    const made = await t.app.inject({ method: 'POST', url: '/api/investigations', headers: auth, payload: { name: 'by-token', title: 'Opened by a script' } });
    expect(made.statusCode).toBe(201);
    const rows = await t.store.db.selectFrom('api_tokens' as never).selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(auth.authorization!.slice(7));
    const [info] = (await listTokens(t.store.db, 'editor')).slice(-1);
    await revokeToken(t.store.db, info!.id);
    expect((await t.app.inject({ url: '/api/me', headers: auth })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/me', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/me', headers: { authorization: 'Bearer gt_madeup' } })).statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated change without the CSRF token, and takes it with', async () => {
    const s = await signIn(t.app, 'editor');
    const payload = { name: 'csrf-check', title: 'CSRF' };
    const none = await t.app.inject({ method: 'POST', url: '/api/investigations', headers: { cookie: s.cookie }, payload });
    expect(none.statusCode).toBe(403);
    expect(json(none).error).toBe('csrf');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/investigations', headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(32) }, payload });
    expect(wrong.statusCode).toBe(403);
    const other = await signIn(t.app, 'admin');
    expect((await t.app.inject({ method: 'POST', url: '/api/investigations', headers: { cookie: s.cookie, 'x-csrf-token': other.csrf }, payload })).statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'POST', url: '/api/investigations', headers: s.headers, payload });
    expect(ok.statusCode).toBe(201);
    // Reading needs no token.
    expect((await t.app.inject({ url: '/api/investigations', headers: { cookie: s.cookie } })).statusCode).toBe(200);
  });

  it('ends the session at logout', async () => {
    const s = await signIn(t.app, 'viewer');
    expect((await t.app.inject({ method: 'POST', url: '/api/logout', headers: { cookie: s.cookie } })).statusCode).toBe(403);
    const out = await t.app.inject({ method: 'POST', url: '/api/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });
});
