import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { SessionView } from '../../../shared/session-view';
import type { AuthServerOptions } from '../../../auth-server/src/server';
import { DEMO, startRealAuthServer } from '../testing/auth-server';
import { makeStore, testKey } from '../testing/fixtures';
import { manualClock, type ManualClock } from '../testing/manual-clock';
import { closedPortUrl } from '../testing/scripted-server';
import { useTempDirs } from '../testing/temp-dir';
import { createAuthApi, type AuthApi } from './auth-api';
import { AuthService } from './auth-service';

const tempDir = useTempDirs();
const signIn = { email: DEMO.email, password: DEMO.password, remember: true };

function makeService(dir: string, baseUrl: string, clock: ManualClock, options: { api?: AuthApi; status?: { backend: string; weak: boolean } } = {}) {
  const parts = makeStore(dir, { key: testKey(1), now: clock.now, status: options.status });
  const api = options.api ?? createAuthApi({ baseUrl, clock });
  const auth = new AuthService({ api, store: parts.store, settings: parts.settings, clock, logger: parts.logger, retryBaseMs: 1_000 });
  const events: SessionView[] = [];
  auth.onChanged((view) => events.push(view));
  return { auth, events, ...parts };
}

/** A manual clock, the real auth server on that clock, and a fresh data dir. */
async function setup(serverOptions: Omit<AuthServerOptions, 'now'> = {}) {
  const clock = manualClock();
  const server = await startRealAuthServer({ now: clock.now, ...serverOptions });
  return { clock, server, dir: tempDir() };
}

const fileText = (dir: string) => (existsSync(join(dir, 'session.json')) ? readFileSync(join(dir, 'session.json'), 'utf8') : '');
const hasRecord = (dir: string) => fileText(dir).includes('"record"');

describe('AuthService', () => {
  it('signs in, saves the session, and tells listeners', async () => {
    const { clock, server, dir } = await setup();
    const { auth, events } = makeService(dir, server.url, clock);

    const result = await auth.signIn(signIn);
    expect(result).toMatchObject({ ok: true, session: { status: 'signed-in', user: { email: DEMO.email }, persistence: 'disk', offline: false } });
    expect(result.ok && result.session.status === 'signed-in' && result.session.expiresAt).toBe(clock.now() + 900_000);
    expect(events.at(-1)?.status).toBe('signed-in');
    expect(hasRecord(dir)).toBe(true);
    expect(await auth.isLoggedIn()).toBe(true);
    await auth.stop();
  });

  it('wrong password ⇒ a failure value and nothing written', async () => {
    const { clock, server, dir } = await setup();
    const { auth } = makeService(dir, server.url, clock);
    expect(await auth.signIn({ ...signIn, password: 'wrong' })).toEqual({ ok: false, code: 'invalid_credentials' });
    expect(existsSync(join(dir, 'session.json'))).toBe(false);
    expect((await auth.view()).status).toBe('signed-out');
  });

  it('restores a saved session at start without calling the server', async () => {
    const { clock, server, dir } = await setup();
    const first = makeService(dir, server.url, clock);
    await first.auth.signIn(signIn);
    await first.auth.stop();

    const second = makeService(dir, server.url, clock);
    expect(await second.auth.view()).toMatchObject({ status: 'signed-in', user: { email: DEMO.email }, persistence: 'disk' });
    expect(server.requestCounts()['POST /auth/refresh'] ?? 0).toBe(0);
    await second.auth.stop();
  });

  it('"Keep me signed in" off ⇒ memory only; a restart is signed out', async () => {
    const { clock, server, dir } = await setup();
    const first = makeService(dir, server.url, clock);
    expect(await first.auth.signIn({ ...signIn, remember: false })).toMatchObject({ ok: true, session: { persistence: 'memory' } });
    expect(hasRecord(dir)).toBe(false);
    await first.auth.stop();
    expect((await makeService(dir, server.url, clock).auth.view()).status).toBe('signed-out');
  });

  it('an expired access token at start is refreshed first, and the rotated token is saved', async () => {
    const { clock, server, dir } = await setup({ accessTtlSeconds: 60 });
    const first = makeService(dir, server.url, clock);
    await first.auth.signIn(signIn);
    await first.auth.stop();
    const before = fileText(dir);
    clock.advance(120_000);

    const second = makeService(dir, server.url, clock);
    const view = await second.auth.view();
    expect(view).toMatchObject({ status: 'signed-in', offline: false });
    expect(view.status === 'signed-in' && view.expiresAt).toBe(clock.now() + 60_000);
    expect(server.requestCounts()['POST /auth/refresh']).toBe(1);
    expect(fileText(dir)).not.toBe(before);
    await second.auth.stop();

    // The saved token is the rotated one: a third start can refresh again (the old one would revoke all).
    clock.advance(120_000);
    const third = makeService(dir, server.url, clock);
    expect((await third.auth.view()).status).toBe('signed-in');
    await third.auth.stop();
  });

  it('a refresh token the server rejects at start ⇒ signed out as expired, record cleared', async () => {
    const { clock, server, dir } = await setup({ accessTtlSeconds: 60 });
    const first = makeService(dir, server.url, clock);
    await first.auth.signIn(signIn);
    await first.auth.stop();
    server.revokeUser(DEMO.email);
    clock.advance(120_000);

    const second = makeService(dir, server.url, clock);
    expect(await second.auth.view()).toMatchObject({ status: 'signed-out', reason: 'expired' });
    expect(hasRecord(dir)).toBe(false);
  });

  it('server unreachable at start ⇒ session kept, shown offline, retried with backoff', async () => {
    const { clock, server, dir } = await setup({ accessTtlSeconds: 60 });
    const first = makeService(dir, server.url, clock);
    await first.auth.signIn(signIn);
    await first.auth.stop();
    clock.advance(120_000);

    const second = makeService(dir, await closedPortUrl(), clock);
    expect(await second.auth.view()).toMatchObject({ status: 'signed-in', offline: true });
    expect(hasRecord(dir)).toBe(true);
    expect(clock.pending()).toEqual([1_000]);
    clock.advance(1_000);
    await vi.waitFor(() => expect(clock.pending()).toEqual([2_000]));
    expect(hasRecord(dir)).toBe(true);
    await second.auth.stop();
  });

  it('refreshes proactively before expiry, again and again', async () => {
    const { clock, server, dir } = await setup({ accessTtlSeconds: 600 });
    const { auth, events } = makeService(dir, server.url, clock);
    await auth.signIn(signIn);
    // 600 s token, 60 s skew, never later than half the lifetime ⇒ at 300 s.
    expect(clock.pending()).toEqual([300_000]);
    for (let round = 1; round <= 3; round += 1) {
      clock.advance(300_000);
      await vi.waitFor(() => expect(server.requestCounts()['POST /auth/refresh']).toBe(round));
      await vi.waitFor(() => expect(clock.pending()).toEqual([300_000]));
    }
    expect(events.at(-1)).toMatchObject({ status: 'signed-in', offline: false });
    await auth.stop();
  });

  it('10 concurrent refresh triggers ⇒ exactly one /auth/refresh and no family revocation', async () => {
    const { clock, server, dir } = await setup();
    const { auth } = makeService(dir, server.url, clock);
    await auth.signIn(signIn);
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => auth.refresh()));
    expect(outcomes).toEqual(Array(10).fill('refreshed'));
    expect(server.requestCounts()['POST /auth/refresh']).toBe(1);
    expect(await auth.refresh()).toBe('refreshed'); // the family is still good
    await auth.stop();
  });

  it('the rotated refresh token is on disk before the refresh reports success', async () => {
    const { clock, server, dir } = await setup();
    const { auth, store } = makeService(dir, server.url, clock);
    await auth.signIn(signIn);
    const oldToken = store.get()?.refreshToken;
    expect(await auth.refresh()).toBe('refreshed');
    const reloaded = makeStore(dir, { key: testKey(1) });
    const loaded = await reloaded.store.load();
    expect(loaded.record?.refreshToken).toBeDefined();
    expect(loaded.record?.refreshToken).not.toBe(oldToken);
    expect(loaded.record?.refreshToken).toBe(store.get()?.refreshToken);
    await auth.stop();
  });

  it('sign-out racing a refresh ⇒ signed out, no token on disk, late result discarded', async () => {
    const { clock, server, dir } = await setup();
    const { auth } = makeService(dir, server.url, clock);
    await auth.signIn(signIn);
    const refreshing = auth.refresh();
    const signedOut = await auth.signOut();
    expect(await refreshing).toBe('discarded');
    expect(signedOut).toMatchObject({ ok: true, session: { status: 'signed-out', reason: 'signed-out' } });
    expect(hasRecord(dir)).toBe(false);
    expect((await auth.view()).status).toBe('signed-out');
  });

  it('sign-out revokes at the server, and clears locally even when the server is down', async () => {
    const { clock, server, dir } = await setup();
    const { auth, store } = makeService(dir, server.url, clock);
    await auth.signIn(signIn);
    const token = store.get()?.refreshToken ?? '';
    await auth.signOut();
    expect(server.requestCounts()['POST /auth/logout']).toBe(1);
    expect(await createAuthApi({ baseUrl: server.url, clock }).refresh(token)).toEqual({ ok: false, code: 'invalid_grant' });

    const down = tempDir();
    const offline = makeService(down, await closedPortUrl(), clock, { api: createAuthApi({ baseUrl: server.url, clock }) });
    await offline.auth.signIn(signIn);
    await server.close();
    expect(await offline.auth.signOut()).toMatchObject({ ok: true, session: { status: 'signed-out' } });
    expect(hasRecord(down)).toBe(false);
  });

  it('an API call that gets invalid_token refreshes once and retries once', async () => {
    const { clock, server, dir } = await setup({ accessTtlSeconds: 60 });
    const { auth } = makeService(dir, server.url, clock);
    const api = createAuthApi({ baseUrl: server.url, clock });
    await auth.signIn(signIn);
    await auth.stop(); // no proactive refresh: let the token expire
    clock.advance(61_000);
    const calls: string[] = [];
    const me = await auth.withAccessToken(async (token) => {
      calls.push(token);
      return api.me(token);
    });
    expect(me).toMatchObject({ ok: true, value: { email: DEMO.email } });
    expect(calls).toHaveLength(2);
    expect(calls[0]).not.toBe(calls[1]);
    expect(server.requestCounts()['POST /auth/refresh']).toBe(1);
  });

  describe('weak keystore', () => {
    const weak = { backend: 'basic_text', weak: true };

    it('keeps the session in memory, and the opt-in moves it to disk (and back)', async () => {
      const { clock, server, dir } = await setup();
      const { auth } = makeService(dir, server.url, clock, { status: weak });
      expect(await auth.signIn(signIn)).toMatchObject({
        ok: true,
        session: { persistence: 'memory', storage: { level: 'weak', canPersist: false, weakAllowed: false } },
      });
      expect(hasRecord(dir)).toBe(false);

      expect(await auth.setWeakStorageAllowed(true)).toMatchObject({ ok: true, session: { persistence: 'disk', storage: { weakAllowed: true } } });
      expect(hasRecord(dir)).toBe(true);
      expect(await auth.setWeakStorageAllowed(false)).toMatchObject({ ok: true, session: { persistence: 'memory' } });
      expect(hasRecord(dir)).toBe(false);
      await auth.stop();
    });
  });

  it.each([10, -10])('a server clock %i minutes off: expiry on our clock, refresh still before expiry', async (minutes) => {
    const clock = manualClock();
    const skew = minutes * 60_000;
    const server = await startRealAuthServer({ now: () => clock.now() + skew, accessTtlSeconds: 600 });
    const dir = tempDir();
    const { auth } = makeService(dir, server.url, clock);
    const result = await auth.signIn(signIn);
    expect(result.ok && result.session.status === 'signed-in' && result.session.expiresAt).toBe(clock.now() + 600_000);
    expect(clock.pending()).toEqual([300_000]);
    clock.advance(300_000);
    await vi.waitFor(() => expect(server.requestCounts()['POST /auth/refresh']).toBe(1));
    await vi.waitFor(() => expect(clock.pending()).toEqual([300_000]));
    expect((await auth.view()).status).toBe('signed-in');
    await auth.stop();
  });

  it('revoked at the server mid-session ⇒ the next refresh expires the session and clears the record', async () => {
    const { clock, server, dir } = await setup({ accessTtlSeconds: 120 });
    const { auth, events } = makeService(dir, server.url, clock);
    await auth.signIn(signIn);
    server.revokeUser(DEMO.email);
    clock.advance(60_000);
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ status: 'signed-out', reason: 'expired' }));
    expect(hasRecord(dir)).toBe(false);
    expect(clock.pending()).toEqual([]);
  });

  it('network down during a refresh ⇒ record kept, offline, and recovered when the server is back', async () => {
    const clock = manualClock();
    const first = await startRealAuthServer({ now: clock.now, accessTtlSeconds: 120 });
    const port = first.port;
    const dir = tempDir();
    const { auth, events, store } = makeService(dir, first.url, clock);
    await auth.signIn(signIn);
    const token = store.get()?.refreshToken;
    await first.close();

    clock.advance(60_000);
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ status: 'signed-in', offline: true }));
    expect(hasRecord(dir)).toBe(true);
    expect(store.get()?.refreshToken).toBe(token);

    // The server comes back (same port; its refresh families are gone, as after a dev restart).
    const second = await startRealAuthServer({ now: clock.now, accessTtlSeconds: 120, port });
    expect(second.port).toBe(port);
    clock.advance(1_000);
    await vi.waitFor(() => expect(second.requestCounts()['POST /auth/refresh']).toBe(1));
    // The new server doesn't know the family: the session ends as expired, not as a crash.
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ status: 'signed-out', reason: 'expired' }));
  });

  it('after sleep past the refresh time, resume re-arms and refreshes at once', async () => {
    const { clock, server, dir } = await setup({ accessTtlSeconds: 600 });
    const { auth } = makeService(dir, server.url, clock);
    await auth.signIn(signIn);
    clock.sleep(700_000); // the machine slept: time moved, no timer ran
    expect(server.requestCounts()['POST /auth/refresh'] ?? 0).toBe(0);
    auth.rearm(); // powerMonitor 'resume'
    expect(clock.pending()).toEqual([0]);
    clock.advance(0);
    await vi.waitFor(() => expect(server.requestCounts()['POST /auth/refresh']).toBe(1));
    await vi.waitFor(async () => {
      const view = await auth.view();
      expect(view.status === 'signed-in' && view.expiresAt).toBe(clock.now() + 600_000);
    });
    await auth.stop();
  });

  it('stop() waits for a refresh in flight, so the rotated token is saved before quitting', async () => {
    const { clock, server, dir } = await setup();
    const { auth, store } = makeService(dir, server.url, clock);
    await auth.signIn(signIn);
    const before = store.get()?.refreshToken;
    void auth.refresh();
    await auth.stop();
    const saved = (await makeStore(dir, { key: testKey(1) }).store.load()).record?.refreshToken;
    expect(saved).not.toBe(before);
    expect(saved).toBe(store.get()?.refreshToken);
    expect(clock.pending()).toEqual([]);
  });

  it('a data folder that refuses writes ⇒ still signed in, in memory, reported as unsaved', async () => {
    const { clock, server, dir } = await setup();
    const blocked = join(dir, 'not-a-dir');
    writeFileSync(blocked, '');
    const { auth } = makeService(join(blocked, 'data'), server.url, clock);
    expect(await auth.signIn(signIn)).toMatchObject({ ok: true, session: { status: 'signed-in', persistence: 'unsaved' } });
    expect(await auth.signOut()).toMatchObject({ ok: true, session: { status: 'signed-out' } });
  });
});
