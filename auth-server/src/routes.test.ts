import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  DEMO,
  get,
  jwtPayload,
  login,
  me,
  post,
  refresh,
  signIn,
  startTestServer,
  testClock,
  tokens,
} from './test-support';
import { userIdFor } from './users';

const SECOND = 1000;

describe('POST /auth/login', () => {
  it('returns the user, both tokens and the access expiry', async () => {
    const clock = testClock();
    const server = await startTestServer({ now: clock.now });
    const reply = await login(server);

    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(Object.keys(reply.body).sort()).toEqual(['accessToken', 'expiresAt', 'refreshToken', 'user']);
    const body = tokens(reply);
    expect(body.user).toEqual({ id: userIdFor(DEMO.email), email: DEMO.email, name: DEMO.name });
    expect(body.user.id).toMatch(/^usr_[0-9a-f]{16}$/);
    expect(body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.expiresAt).toBe(clock.now() + 900 * SECOND);

    const claims = jwtPayload(body.accessToken);
    expect(claims).toMatchObject({ sub: body.user.id, iss: 'tessera-dev-auth', aud: 'tessera' });
    expect(claims.sid).toEqual(expect.stringMatching(/^fam_/));
    expect(claims.iat).toBe(clock.now() / 1000);
    expect(claims.exp).toBe(body.expiresAt / 1000);
  });

  it('matches emails case-insensitively and ignores surrounding spaces', async () => {
    const server = await startTestServer();
    const reply = await login(server, '  DEMO@Tessera.Dev ', DEMO.password);
    expect(tokens(reply).user.email).toBe(DEMO.email);
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const server = await startTestServer();
    const wrongPassword = await login(server, DEMO.email, 'not-the-password');
    const unknownEmail = await login(server, 'nobody@tessera.dev', DEMO.password);

    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.text).toBe('{"error":"invalid_credentials"}');
    expect(unknownEmail.text).toBe(wrongPassword.text);
  });

  it('uses the configured users instead of the demo user', async () => {
    const server = await startTestServer({
      users: [{ email: 'ada@example.com', password: 'lovelace-1815', name: 'Ada' }],
    });
    expect((await login(server)).status).toBe(401);
    expect(tokens(await login(server, 'ada@example.com', 'lovelace-1815')).user.name).toBe('Ada');
  });

  it.each([
    ['not JSON', '{email:'],
    ['empty', ''],
    ['an array', '[]'],
    ['missing password', JSON.stringify({ email: DEMO.email })],
    ['missing email', JSON.stringify({ password: DEMO.password })],
    ['a numeric email', JSON.stringify({ email: 42, password: DEMO.password })],
    ['a null password', JSON.stringify({ email: DEMO.email, password: null })],
    ['an empty password', JSON.stringify({ email: DEMO.email, password: '' })],
  ])('rejects a body that is %s with 400', async (_label, body) => {
    const server = await startTestServer();
    const reply = await post(server, '/auth/login', body, true);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error: 'invalid_request' });
  });
});

describe('login rate limiting', () => {
  const rateLimit = { maxFailures: 3, windowSeconds: 60, lockoutSeconds: 120 };

  it('locks an email after repeated failures, even for the right password, until the lockout ends', async () => {
    const clock = testClock();
    const server = await startTestServer({ now: clock.now, rateLimit });
    for (let i = 0; i < 3; i += 1) {
      expect((await login(server, DEMO.email, 'wrong')).status).toBe(401);
    }

    const locked = await login(server);
    expect(locked.status).toBe(429);
    expect(locked.body).toEqual({ error: 'too_many_attempts', retryAfterSeconds: 120 });
    expect(locked.headers.get('retry-after')).toBe('120');

    clock.advance(50 * SECOND);
    const stillLocked = await login(server, 'Demo@Tessera.dev', DEMO.password);
    expect(stillLocked.status).toBe(429);
    expect(stillLocked.body.retryAfterSeconds).toBe(70);
    expect(stillLocked.headers.get('retry-after')).toBe('70');

    clock.advance(70 * SECOND);
    expect((await login(server)).status).toBe(200);
  });

  it('counts per email: other accounts are not locked', async () => {
    const server = await startTestServer({ rateLimit });
    for (let i = 0; i < 3; i += 1) await login(server, 'victim@tessera.dev', 'guess');
    expect((await login(server, 'victim@tessera.dev', 'guess')).status).toBe(429);
    expect((await login(server)).status).toBe(200);
  });

  it('forgets failures after a successful login', async () => {
    const server = await startTestServer({ rateLimit });
    await login(server, DEMO.email, 'wrong');
    await login(server, DEMO.email, 'wrong');
    expect((await login(server)).status).toBe(200);
    await login(server, DEMO.email, 'wrong');
    await login(server, DEMO.email, 'wrong');
    // Four failures in total, but only two since the success: not locked.
    expect((await login(server)).status).toBe(200);
  });

  it('only counts failures inside the window', async () => {
    const clock = testClock();
    const server = await startTestServer({ now: clock.now, rateLimit });
    await login(server, DEMO.email, 'wrong');
    await login(server, DEMO.email, 'wrong');
    clock.advance(61 * SECOND);
    await login(server, DEMO.email, 'wrong');
    expect((await login(server)).status).toBe(200);
  });

  it('cannot be outrun by parallel guesses', async () => {
    const server = await startTestServer({ rateLimit });
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => login(server, DEMO.email, 'parallel-guess')),
    );
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
  });
});

describe('POST /auth/refresh', () => {
  it('rotates: a new refresh token, and the old one stops working', async () => {
    const clock = testClock();
    const server = await startTestServer({ now: clock.now });
    const first = await signIn(server);
    clock.advance(10 * SECOND);

    const reply = await refresh(server, first.refreshToken);
    const second = tokens(reply);
    expect(Object.keys(reply.body).sort()).toEqual(['accessToken', 'expiresAt', 'refreshToken', 'user']);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.user).toEqual(first.user);
    expect(second.expiresAt).toBe(clock.now() + 900 * SECOND);
    expect(jwtPayload(second.accessToken).sid).toBe(jwtPayload(first.accessToken).sid);
    expect((await me(server, second.accessToken)).status).toBe(200);

    const reused = await refresh(server, first.refreshToken);
    expect(reused.status).toBe(401);
    expect(reused.body).toEqual({ error: 'invalid_grant' });
  });

  it('revokes the whole family when a rotated token is reused (RFC 9700)', async () => {
    const server = await startTestServer();
    const original = await signIn(server);
    const other = await signIn(server); // a separate sign-in, which must survive
    const rotated = tokens(await refresh(server, original.refreshToken));
    const newest = tokens(await refresh(server, rotated.refreshToken));

    // An attacker replays the first token.
    expect((await refresh(server, original.refreshToken)).status).toBe(401);

    expect((await refresh(server, newest.refreshToken)).body).toEqual({ error: 'invalid_grant' });
    expect((await me(server, newest.accessToken)).status).toBe(401);
    expect((await me(server, original.accessToken)).status).toBe(401);

    expect((await me(server, other.accessToken)).status).toBe(200);
    expect((await refresh(server, other.refreshToken)).status).toBe(200);
  });

  it('keeps the absolute lifetime of the sign-in: rotation does not extend it', async () => {
    const clock = testClock();
    const server = await startTestServer({ now: clock.now, refreshTtlSeconds: 100 });
    const start = clock.now();
    let current = await signIn(server);
    expect(current.expiresAt).toBe(start + 100 * SECOND); // access capped at the sign-in's end

    for (let i = 0; i < 3; i += 1) {
      clock.advance(30 * SECOND);
      current = tokens(await refresh(server, current.refreshToken));
      expect(current.expiresAt).toBe(start + 100 * SECOND);
    }

    clock.advance(10 * SECOND + 1); // 100 s after login, though only 10 s after the last refresh
    const expired = await refresh(server, current.refreshToken);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ error: 'invalid_grant' });
    expect((await me(server, current.accessToken)).status).toBe(401);
    expect((await login(server)).status).toBe(200);
  });

  it('refuses unknown tokens and malformed bodies', async () => {
    const server = await startTestServer();
    expect((await refresh(server, 'A'.repeat(43))).body).toEqual({ error: 'invalid_grant' });
    expect((await post(server, '/auth/refresh', { refreshToken: 7 })).status).toBe(400);
    expect((await post(server, '/auth/refresh', {})).status).toBe(400);
    expect((await post(server, '/auth/refresh', 'nope', true)).status).toBe(400);
  });
});

describe('POST /auth/logout', () => {
  it('answers 204 and revokes the sign-in', async () => {
    const server = await startTestServer();
    const session = await signIn(server);
    const reply = await post(server, '/auth/logout', { refreshToken: session.refreshToken });

    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect((await refresh(server, session.refreshToken)).status).toBe(401);
    expect((await me(server, session.accessToken)).status).toBe(401);
  });

  it('answers 204 for an unknown token and 400 for a malformed body', async () => {
    const server = await startTestServer();
    expect((await post(server, '/auth/logout', { refreshToken: 'unknown' })).status).toBe(204);
    expect((await post(server, '/auth/logout', { token: 'x' })).status).toBe(400);
    expect((await post(server, '/auth/logout', '{', true)).status).toBe(400);
  });
});

describe('GET /me', () => {
  it('returns the user for a valid access token', async () => {
    const server = await startTestServer();
    const session = await signIn(server);
    const reply = await me(server, session.accessToken);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ user: session.user });
  });

  it.each([
    ['no Authorization header', undefined],
    ['an empty bearer', 'Bearer '],
    ['garbage', 'Bearer not-a-jwt'],
    ['three garbage parts', 'Bearer aaa.bbb.ccc'],
    ['another scheme', 'Basic ZGVtbzpkZW1v'],
  ])('refuses %s with 401 invalid_token', async (_label, authorization) => {
    const server = await startTestServer();
    const reply = await get(server, '/me', authorization);
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ error: 'invalid_token' });
    expect(reply.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('refuses an expired access token', async () => {
    const clock = testClock();
    const server = await startTestServer({ now: clock.now, accessTtlSeconds: 60 });
    const session = await signIn(server);
    clock.advance(59 * SECOND);
    expect((await me(server, session.accessToken)).status).toBe(200);
    clock.advance(2 * SECOND);
    expect((await me(server, session.accessToken)).body).toEqual({ error: 'invalid_token' });
  });

  it('refuses tokens signed with another key, another issuer or alg "none"', async () => {
    const server = await startTestServer();
    const session = await signIn(server);
    const claims = jwtPayload(session.accessToken);
    const forge = (issuer: string, key: Uint8Array) =>
      new SignJWT({ sid: claims.sid as string })
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setSubject(session.user.id)
        .setIssuer(issuer)
        .setAudience('tessera')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key);
    const otherKey = crypto.getRandomValues(new Uint8Array(32));
    expect((await me(server, await forge('tessera-dev-auth', otherKey))).status).toBe(401);

    const [, payload] = session.accessToken.split('.');
    const none = `${Buffer.from('{"alg":"none","typ":"at+jwt"}').toString('base64url')}.${payload}.`;
    expect((await me(server, none)).status).toBe(401);

    // A token from another server instance (different secret) is refused too.
    const otherServer = await startTestServer();
    expect((await me(otherServer, session.accessToken)).status).toBe(401);
  });
});
