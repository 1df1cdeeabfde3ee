import { describe, expect, it } from 'vitest';
import { DEMO, startRealAuthServer } from '../testing/auth-server';
import { closedPortUrl, startScriptedServer, type Script } from '../testing/scripted-server';
import { createAuthApi } from './auth-api';

const grantBody = (overrides: Record<string, unknown> = {}) => ({
  user: { id: 'usr_1', email: 'demo@tessera.dev', name: 'Demo User' },
  accessToken: 'a.b.c',
  refreshToken: 'r'.repeat(43),
  expiresAt: Date.now() + 900_000,
  ...overrides,
});

const answer =
  (status: number, body: unknown, headers: Record<string, string> = {}): Script =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

describe('auth API against the real auth server', () => {
  it('logs in and returns the user and tokens', async () => {
    const server = await startRealAuthServer();
    const before = Date.now();
    const result = await createAuthApi({ baseUrl: server.url }).login(DEMO.email, DEMO.password);
    expect(result).toMatchObject({ ok: true, value: { user: { email: DEMO.email, name: 'Demo User' } } });
    if (!result.ok) return;
    expect(result.value.accessToken.split('.')).toHaveLength(3);
    expect(result.value.expiresAt).toBeGreaterThan(before + 890_000);
    expect(result.value.expiresAt).toBeLessThan(Date.now() + 901_000);
  });

  it('wrong password and unknown email get the same invalid_credentials', async () => {
    const api = createAuthApi({ baseUrl: (await startRealAuthServer()).url });
    expect(await api.login(DEMO.email, 'nope')).toEqual({ ok: false, code: 'invalid_credentials' });
    expect(await api.login('nobody@tessera.dev', 'nope')).toEqual({ ok: false, code: 'invalid_credentials' });
  });

  it('repeated failures ⇒ rate_limited with seconds', async () => {
    const server = await startRealAuthServer({ rateLimit: { maxFailures: 2, windowSeconds: 60, lockoutSeconds: 30 } });
    const api = createAuthApi({ baseUrl: server.url });
    await api.login(DEMO.email, 'x');
    await api.login(DEMO.email, 'x');
    const limited = await api.login(DEMO.email, DEMO.password);
    expect(limited).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(limited.ok ? 0 : limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.ok ? 0 : limited.retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it('refresh rotates the refresh token; reusing the old one revokes the family', async () => {
    const api = createAuthApi({ baseUrl: (await startRealAuthServer()).url });
    const login = await api.login(DEMO.email, DEMO.password);
    if (!login.ok) throw new Error('login failed');
    const first = await api.refresh(login.value.refreshToken);
    if (!first.ok) throw new Error('refresh failed');
    expect(first.value.refreshToken).not.toBe(login.value.refreshToken);
    expect(await api.me(first.value.accessToken)).toMatchObject({ ok: true, value: { email: DEMO.email } });

    expect(await api.refresh(login.value.refreshToken)).toEqual({ ok: false, code: 'invalid_grant' });
    expect(await api.refresh(first.value.refreshToken)).toEqual({ ok: false, code: 'invalid_grant' });
    expect(await api.me(first.value.accessToken)).toEqual({ ok: false, code: 'invalid_token' });
  });

  it('logout revokes the family', async () => {
    const api = createAuthApi({ baseUrl: (await startRealAuthServer()).url });
    const login = await api.login(DEMO.email, DEMO.password);
    if (!login.ok) throw new Error('login failed');
    expect(await api.logout(login.value.refreshToken)).toEqual({ ok: true, value: undefined });
    expect(await api.refresh(login.value.refreshToken)).toEqual({ ok: false, code: 'invalid_grant' });
  });

  it('a server that is down ⇒ offline', async () => {
    const api = createAuthApi({ baseUrl: await closedPortUrl() });
    expect(await api.login(DEMO.email, DEMO.password)).toEqual({ ok: false, code: 'offline' });
    expect(await api.refresh('x')).toEqual({ ok: false, code: 'offline' });
  });
});

describe('auth API against a hostile server', () => {
  const login = async (script: Script, options: { timeoutMs?: number; maxResponseBytes?: number } = {}) =>
    createAuthApi({ baseUrl: await startScriptedServer(script), ...options }).login('a@b.c', 'pw');

  it.each([
    ['non-JSON', answer(200, 'hello')],
    ['an empty body', answer(200, '')],
    ['JSON missing fields', answer(200, { user: { id: 'u', email: 'e', name: 'n' } })],
    ['wrong types', answer(200, grantBody({ expiresAt: 'tomorrow' }))],
    ['a user of the wrong shape', answer(200, grantBody({ user: { id: 7 } }))],
    ['an expiry in the past', answer(200, grantBody({ expiresAt: Date.now() - 1000 }))],
    ['an absurdly far expiry', answer(200, grantBody({ expiresAt: Date.now() + 10 * 366 * 24 * 3600_000 }))],
    ['an unexpected status', answer(418, { error: 'teapot' })],
    ['a redirect to another host', answer(302, '', { location: 'https://evil.example/auth/login' })],
  ])('%s ⇒ bad_response', async (_name, script) => {
    expect(await login(script)).toEqual({ ok: false, code: 'bad_response' });
  });

  it('an HTML error page ⇒ server_error', async () => {
    expect(await login(answer(502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' }))).toEqual({
      ok: false,
      code: 'server_error',
    });
  });

  it('a huge body is cut off ⇒ bad_response', async () => {
    const huge = JSON.stringify(grantBody({ padding: 'x'.repeat(2 * 1024 * 1024) }));
    expect(await login(answer(200, huge), { maxResponseBytes: 64 * 1024 })).toEqual({ ok: false, code: 'bad_response' });
  });

  it('a huge chunked body without content-length is cut off too', async () => {
    const script: Script = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 32; i += 1) response.write(chunk);
      response.end();
    };
    expect(await login(script, { maxResponseBytes: 64 * 1024 })).toEqual({ ok: false, code: 'bad_response' });
  });

  it('a slow server ⇒ offline after the timeout', async () => {
    const started = Date.now();
    expect(await login(() => undefined, { timeoutMs: 300 })).toEqual({ ok: false, code: 'offline' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('429 without a body still gives seconds from Retry-After', async () => {
    expect(await login(answer(429, '', { 'retry-after': '42' }))).toEqual({ ok: false, code: 'rate_limited', retryAfterSeconds: 42 });
  });

  it.each([10, -10])('corrects a server clock %i minutes off using the Date header', async (minutes) => {
    const skew = minutes * 60_000;
    const script: Script = (_request, response) => {
      const serverNow = Date.now() + skew;
      response.writeHead(200, { 'content-type': 'application/json', date: new Date(serverNow).toUTCString() });
      response.end(JSON.stringify(grantBody({ expiresAt: serverNow + 900_000 })));
    };
    const result = await login(script);
    if (!result.ok) throw new Error(`expected success, got ${result.code}`);
    // Our clock: about 15 minutes from now, whatever the server's clock says (Date has 1 s precision).
    expect(Math.abs(result.value.expiresAt - (Date.now() + 900_000))).toBeLessThan(2_500);
  });
});
