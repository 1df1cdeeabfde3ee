import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startAuthServer } from './server';
import {
  DEMO,
  get,
  login,
  me,
  post,
  refresh,
  request,
  signIn,
  startTestServer,
  testClock,
} from './test-support';
import type { JsonReply } from './test-support';

/** Send raw bytes and collect the whole answer (for what fetch refuses to send). */
function rawRequest(port: number, data: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(data));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('startAuthServer', () => {
  it('listens on a free port and reports its URL', async () => {
    const server = await startTestServer();
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect((await login(server)).status).toBe(200);
  });

  it('rejects bad options', async () => {
    await expect(startAuthServer({ port: -1 })).rejects.toThrow(/port/);
    await expect(startAuthServer({ port: 0, accessTtlSeconds: 0 })).rejects.toThrow(/accessTtlSeconds/);
    await expect(startAuthServer({ port: 0, refreshTtlSeconds: 1.5 })).rejects.toThrow(/refreshTtlSeconds/);
    await expect(
      startAuthServer({ port: 0, rateLimit: { maxFailures: 0, windowSeconds: 1, lockoutSeconds: 1 } }),
    ).rejects.toThrow(/maxFailures/);
    await expect(
      startAuthServer({ port: 0, users: [{ email: 'not-an-email', password: 'x', name: 'X' }] }),
    ).rejects.toThrow(/email/);
  });

  it('stops accepting requests after close(), even with a keep-alive connection open', async () => {
    const server = await startAuthServer({ port: 0, scryptCost: 1024 });
    await get(server, '/me'); // leaves an idle keep-alive socket in fetch's pool
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(900);
    await expect(fetch(`${server.url}/me`)).rejects.toThrow();
    await server.close(); // idempotent
  });
});

describe('routing', () => {
  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    const server = await startTestServer();
    expect((await get(server, '/nope')).body).toEqual({ error: 'not_found' });
    expect((await get(server, '/constructor')).status).toBe(404);
    expect((await get(server, '/auth/login/')).status).toBe(404);

    const wrongMethod = await request(server, 'GET', '/auth/login');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body).toEqual({ error: 'method_not_allowed' });
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect((await request(server, 'DELETE', '/me')).status).toBe(405);
  });

  it('ignores the query string when routing', async () => {
    const server = await startTestServer();
    const session = await signIn(server);
    expect((await get(server, '/me?x=1', `Bearer ${session.accessToken}`)).status).toBe(200);
  });

  it('answers malformed HTTP with a JSON 400', async () => {
    const server = await startTestServer();
    const answer = await rawRequest(server.port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/Cache-Control: no-store/);
    expect(answer).toMatch(/\{"error":"invalid_request"\}$/);
  });

  it('turns a handler exception into a 500 and keeps serving', async () => {
    let broken = false;
    const logged: string[] = [];
    const server = await startTestServer({
      now: () => {
        if (broken) throw new Error('clock exploded');
        return Date.now();
      },
      logError: (message) => logged.push(message),
    });
    broken = true;
    const failed = await login(server);
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ error: 'server_error' });
    expect(failed.text).not.toContain('exploded');
    expect(logged).toEqual(['POST /auth/login failed: Error: clock exploded']);

    broken = false;
    expect((await login(server)).status).toBe(200);
  });
});

describe('response headers', () => {
  it('sends Cache-Control: no-store on every response, JSON everywhere but 204', async () => {
    const clock = testClock();
    let broken = false;
    const server = await startTestServer({
      now: () => {
        if (broken) throw new Error('boom');
        return clock.now();
      },
      rateLimit: { maxFailures: 1, windowSeconds: 60, lockoutSeconds: 60 },
    });
    const session = await signIn(server);
    const replies: JsonReply[] = [
      await me(server, session.accessToken), // 200
      await refresh(server, session.refreshToken), // 200
      await post(server, '/auth/logout', { refreshToken: 'x' }), // 204
      await post(server, '/auth/login', '{', true), // 400
      await me(server, 'garbage'), // 401
      await get(server, '/missing'), // 404
      await request(server, 'PUT', '/auth/refresh'), // 405
      await post(server, '/auth/login', { email: 'a@b.c', password: 'x'.repeat(20_000) }), // 413
      await login(server, 'locked@tessera.dev', 'wrong'), // 401, locks
      await login(server, 'locked@tessera.dev', 'wrong'), // 429
    ];
    broken = true;
    replies.push(await login(server)); // 500

    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 204, 400, 401, 404, 405, 413, 401, 429, 500]);
    for (const reply of replies) {
      expect(reply.headers.get('cache-control')).toBe('no-store');
      expect(reply.headers.get('content-type')).toBe(reply.status === 204 ? null : 'application/json');
    }
  });
});

describe('Date header', () => {
  it('follows the server clock, so clients can correct for skew', async () => {
    const clock = testClock(Date.UTC(2031, 5, 15, 8, 30, 0));
    const server = await startTestServer({ now: clock.now });
    const session = await signIn(server);
    const first = await me(server, session.accessToken);
    expect(first.headers.get('date')).toBe('Sun, 15 Jun 2031 08:30:00 GMT');
    clock.advance(90_000);
    expect((await get(server, '/missing')).headers.get('date')).toBe('Sun, 15 Jun 2031 08:31:30 GMT');
  });
});

describe('requestCounts', () => {
  it('counts requests per routed method and path', async () => {
    const server = await startTestServer();
    expect(server.requestCounts()).toEqual({});
    const session = await signIn(server);
    await login(server, DEMO.email, 'wrong');
    await refresh(server, session.refreshToken);
    await refresh(server, session.refreshToken);
    await get(server, '/me');
    await get(server, '/not-a-route');
    await request(server, 'GET', '/auth/refresh');

    const counts = server.requestCounts();
    expect(counts).toEqual({ 'POST /auth/login': 2, 'POST /auth/refresh': 2, 'GET /me': 1 });
    counts['GET /me'] = 99;
    expect(server.requestCounts()['GET /me']).toBe(1);
  });
});

describe('revokeUser', () => {
  it('revokes every sign-in of the user, whatever the email case', async () => {
    const server = await startTestServer({
      users: [
        { email: DEMO.email, password: DEMO.password, name: DEMO.name },
        { email: 'other@tessera.dev', password: 'other-password', name: 'Other' },
      ],
    });
    const first = await signIn(server);
    const second = await signIn(server);
    const other = await signIn(server, 'other@tessera.dev', 'other-password');

    server.revokeUser(' Demo@Tessera.DEV');

    for (const session of [first, second]) {
      expect((await refresh(server, session.refreshToken)).status).toBe(401);
      expect((await me(server, session.accessToken)).status).toBe(401);
    }
    expect((await me(server, other.accessToken)).status).toBe(200);
    expect((await login(server)).status).toBe(200);
    expect(() => server.revokeUser('nobody@tessera.dev')).not.toThrow();
  });
});
