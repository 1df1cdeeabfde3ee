import type { Failure, SessionResult, SignInRequest } from '../../../shared/ipc-contract';
import type { SessionView, SignedOutReason } from '../../../shared/session-view';
import type { Clock, Logger } from '../ports';
import type { SessionRecord } from '../session/session-record';
import type { SessionStore } from '../session/session-store';
import type { SettingsStore } from '../settings/settings-store';
import type { ApiFailure, ApiResult, AuthApi, TokenGrant } from './auth-api';
import { MAX_TIMER_MS, refreshDelay, retryDelay } from './refresh-schedule';
import { SerialQueue } from './serial-queue';

export type RefreshOutcome = 'refreshed' | 'expired' | 'offline' | 'signed-out' | 'discarded';
export type SessionListener = (view: SessionView) => void;

export interface AuthServiceOptions {
  api: AuthApi;
  store: SessionStore;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  /** Refresh this long before the access token expires (default 60 s). */
  refreshSkewMs?: number;
  /** Backoff after a refresh that couldn't reach the server (default 2 s doubling to 60 s). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Sign-out tells the server, but never waits long for it (default 3 s). */
  logoutTimeoutMs?: number;
}

/**
 * The auth service: sign in, sign out, restore and keep the session fresh.
 *
 * Keeps the seed's AuthRepository verbs (login/logout/isLoggedIn) and adds what a real client
 * needs: restore at start, refresh-token rotation done exactly once at a time (RFC 9700: reusing a
 * rotated token revokes the whole family, so two concurrent refreshes would sign the user out),
 * operations that never interleave on the record, and a sign-out that wins over a late refresh.
 * A session is never deleted because the network is down.
 */
export class AuthService {
  private readonly queue = new SerialQueue();
  private readonly listeners = new Set<SessionListener>();
  private ready: Promise<void> | null = null;
  private reason: SignedOutReason = 'none';
  private offline = false;
  private remember = true;
  /** Bumped by sign-in and sign-out: a refresh started under an older generation is discarded. */
  private generation = 0;
  private inflight: Promise<RefreshOutcome> | null = null;
  private timer: unknown = null;
  private retryAttempt = 0;
  private stopped = false;
  private readonly skewMs: number;

  constructor(private readonly deps: AuthServiceOptions) {
    this.skewMs = deps.refreshSkewMs ?? 60_000;
  }

  /** Restores the saved session (once). Every other call waits for it. */
  start(): Promise<void> {
    this.ready ??= this.restore();
    return this.ready;
  }

  /**
   * Stops timers and waits (up to `timeoutMs`) for a refresh in flight to be saved.
   *
   * Quitting mid-refresh would otherwise lose the rotated token the server just issued; the next
   * start would present the old one, the server would see reuse and revoke the sign-in.
   */
  async stop(timeoutMs = 3_000): Promise<void> {
    this.stopped = true;
    this.cancelTimer();
    const inflight = this.inflight;
    if (!inflight) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([inflight, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  onChanged(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async view(): Promise<SessionView> {
    await this.start();
    return this.snapshot();
  }

  async isLoggedIn(): Promise<boolean> {
    await this.start();
    return this.deps.store.get() !== null;
  }

  async signIn(request: SignInRequest): Promise<SessionResult> {
    await this.start();
    return this.queue.run(async () => {
      const result = await this.deps.api.login(request.email, request.password);
      if (!result.ok) return toFailure(result);
      this.generation += 1;
      this.remember = request.remember;
      await this.commitGrant(result.value);
      return { ok: true, session: await this.snapshot() };
    });
  }

  async signOut(): Promise<SessionResult> {
    await this.start();
    this.generation += 1; // a refresh in flight now can't bring the session back
    return this.queue.run(async () => {
      const record = this.deps.store.get();
      this.cancelTimer();
      this.deps.store.clear();
      this.reason = record ? 'signed-out' : this.reason;
      this.offline = false;
      await this.emit();
      if (record) {
        const revoked = await this.deps.api.logout(record.refreshToken, { timeoutMs: this.deps.logoutTimeoutMs ?? 3_000 });
        if (!revoked.ok) this.deps.logger.warn('server revoke failed; signed out locally', { code: revoked.code });
      }
      return { ok: true, session: await this.snapshot() };
    });
  }

  async setWeakStorageAllowed(allowed: boolean): Promise<SessionResult> {
    await this.start();
    return this.queue.run(async () => {
      if (!this.deps.settings.setWeakStorageAllowed(allowed)) return { ok: false, code: 'storage_failed' } satisfies Failure;
      const record = this.deps.store.get();
      // save() applies the storage policy: to disk when now allowed, off it when revoked.
      if (record) await this.deps.store.save(record, { remember: this.remember });
      await this.emit();
      return { ok: true, session: await this.snapshot() };
    });
  }

  /**
   * Refreshes the tokens; every caller shares the one request in flight.
   * The rotated refresh token is saved before the refresh counts as done.
   */
  refresh(): Promise<RefreshOutcome> {
    this.inflight ??= this.runRefresh().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** Calls the API with the access token; on `invalid_token` refreshes once and retries once. */
  async withAccessToken<T>(call: (accessToken: string) => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
    await this.start();
    const record = this.deps.store.get();
    if (!record) return { ok: false, code: 'invalid_token' };
    const first = await call(record.accessToken);
    if (first.ok || first.code !== 'invalid_token') return first;
    if ((await this.refresh()) !== 'refreshed') return first;
    const renewed = this.deps.store.get();
    return renewed ? call(renewed.accessToken) : first;
  }

  /** Re-arms the refresh timer from the current clock (after sleep/resume). */
  rearm(): void {
    if (this.deps.store.get()) this.schedule(this.nextRefreshDelay());
  }

  private async restore(): Promise<void> {
    const loaded = await this.queue.run(() => this.deps.store.load());
    if (!loaded.record) {
      this.reason = loaded.problem === 'corrupt' ? 'corrupt' : 'none';
      return;
    }
    this.remember = true;
    if (loaded.record.expiresAt - this.deps.clock.now() > this.skewMs / 2) {
      this.schedule(this.nextRefreshDelay());
      return;
    }
    await this.refresh();
  }

  private async runRefresh(): Promise<RefreshOutcome> {
    const record = this.deps.store.get();
    if (!record) return 'signed-out';
    const generation = this.generation;
    const result = await this.deps.api.refresh(record.refreshToken);
    return this.queue.run(async () => {
      if (generation !== this.generation || this.deps.store.get() === null) return 'discarded';
      if (result.ok) {
        await this.commitGrant(result.value);
        return 'refreshed';
      }
      if (result.code === 'invalid_grant') {
        this.cancelTimer();
        this.deps.store.clear();
        this.reason = 'expired';
        this.offline = false;
        this.deps.logger.info('refresh token rejected; session expired');
        await this.emit();
        return 'expired';
      }
      // Down, slow, or answering garbage: keep the session and try again later.
      this.offline = true;
      this.deps.logger.warn('refresh failed; keeping the session and retrying', { code: result.code });
      this.schedule(retryDelay(this.retryAttempt, this.deps.retryBaseMs ?? 2_000, this.deps.retryMaxMs ?? 60_000));
      this.retryAttempt += 1;
      await this.emit();
      return 'offline';
    });
  }

  private async commitGrant(grant: TokenGrant): Promise<void> {
    const record: SessionRecord = {
      v: 1,
      userId: grant.user.id,
      user: grant.user,
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      expiresAt: grant.expiresAt,
    };
    await this.deps.store.save(record, { remember: this.remember });
    this.reason = 'none';
    this.offline = false;
    this.retryAttempt = 0;
    this.schedule(this.nextRefreshDelay());
    await this.emit();
  }

  private nextRefreshDelay(): number {
    const record = this.deps.store.get();
    return record ? refreshDelay(record.expiresAt, this.deps.clock.now(), this.skewMs) : 0;
  }

  private schedule(delay: number): void {
    this.cancelTimer();
    if (this.stopped) return;
    const capped = Math.min(delay, MAX_TIMER_MS);
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      if (capped < delay) this.rearm();
      else void this.refresh();
    }, capped);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private async snapshot(): Promise<SessionView> {
    const storage = await this.deps.store.storage();
    const record = this.deps.store.get();
    if (!record) return { status: 'signed-out', reason: this.reason, storage };
    return {
      status: 'signed-in',
      user: record.user,
      expiresAt: record.expiresAt,
      persistence: this.deps.store.getPersistence(),
      offline: this.offline,
      storage,
    };
  }

  private async emit(): Promise<void> {
    if (this.listeners.size === 0) return;
    const view = await this.snapshot();
    for (const listener of this.listeners) {
      try {
        listener(view);
      } catch (error) {
        this.deps.logger.error('session listener failed', { error });
      }
    }
  }
}

/** Maps an API failure to what the renderer may see; token-grant codes never reach it. */
function toFailure(result: ApiFailure): Failure {
  switch (result.code) {
    case 'invalid_credentials':
    case 'offline':
    case 'server_error':
    case 'bad_response':
    case 'invalid_request':
      return { ok: false, code: result.code };
    case 'rate_limited':
      return { ok: false, code: 'rate_limited', retryAfterSeconds: result.retryAfterSeconds ?? 60 };
    case 'invalid_grant':
    case 'invalid_token':
      return { ok: false, code: 'bad_response' };
  }
}
