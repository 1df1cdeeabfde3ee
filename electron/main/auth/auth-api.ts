import { z } from 'zod';
import { userSchema, type User } from '../../../shared/session-view';
import type { Clock, Transport } from '../ports';

/**
 * The auth API client: login, refresh, logout and me over JSON/HTTP.
 *
 * Every failure becomes a typed value, and nothing is returned unless the response validated:
 * a server that is down, slow, redirects, answers HTML, too much, or JSON of the wrong shape
 * can't put bad data into the session. Redirects are refused so credentials never follow a
 * `Location` to another host.
 */
export type ApiErrorCode =
  | 'invalid_credentials'
  | 'rate_limited'
  | 'invalid_grant'
  | 'invalid_token'
  | 'invalid_request'
  | 'offline'
  | 'server_error'
  | 'bad_response';

export type ApiFailure = { ok: false; code: ApiErrorCode; retryAfterSeconds?: number };
export type ApiResult<T> = { ok: true; value: T } | ApiFailure;

export interface TokenGrant {
  user: User;
  accessToken: string;
  refreshToken: string;
  /** Access-token expiry on *our* clock (the server's expiry corrected by its `Date` header). */
  expiresAt: number;
}

export interface AuthApi {
  login(email: string, password: string): Promise<ApiResult<TokenGrant>>;
  refresh(refreshToken: string): Promise<ApiResult<TokenGrant>>;
  logout(refreshToken: string, options?: { timeoutMs?: number }): Promise<ApiResult<void>>;
  me(accessToken: string): Promise<ApiResult<User>>;
}

export interface AuthApiOptions {
  baseUrl: string;
  transport?: Transport;
  clock?: Pick<Clock, 'now'>;
  timeoutMs?: number;
  /** Largest response body accepted; the auth API's answers are well under 16 KB. */
  maxResponseBytes?: number;
}

const tokenString = z.string().min(1).max(8192);
const grantSchema = z.object({
  user: userSchema.strip(),
  accessToken: tokenString,
  refreshToken: tokenString,
  expiresAt: z.number().int().positive(),
});
const meSchema = z.object({ user: userSchema.strip() });
const errorSchema = z.object({ error: z.string().max(100), retryAfterSeconds: z.number().int().nonnegative().max(86_400).optional() });

/** A token already expired on arrival, or living more than a year, is not one a real server issues. */
const MAX_TOKEN_LIFETIME_MS = 366 * 24 * 3600_000;

export function createAuthApi(options: AuthApiOptions): AuthApi {
  const transport = options.transport ?? ((url, init) => fetch(url, init));
  const clock = options.clock ?? { now: Date.now };
  const defaultTimeout = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxResponseBytes ?? 64 * 1024;
  const base = new URL(options.baseUrl);

  async function call(
    method: 'GET' | 'POST',
    path: string,
    init: { body?: unknown; bearer?: string; timeoutMs?: number },
  ): Promise<{ ok: true; status: number; json: unknown; date: number | null; retryAfter: string | null } | ApiFailure> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
    let response: Response;
    try {
      response = await transport(new URL(path, base).toString(), {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        redirect: 'manual',
        signal: AbortSignal.timeout(init.timeoutMs ?? defaultTimeout),
      });
    } catch {
      return { ok: false, code: 'offline' };
    }
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, code: 'bad_response' };
    }
    let text: string;
    try {
      text = await readCapped(response, maxBytes);
    } catch (error) {
      return { ok: false, code: error instanceof TooLarge ? 'bad_response' : 'offline' };
    }
    let json: unknown = undefined;
    if (text.length > 0) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    const dateHeader = response.headers.get('date');
    const date = dateHeader ? Date.parse(dateHeader) : NaN;
    return {
      ok: true,
      status: response.status,
      json,
      date: Number.isFinite(date) ? date : null,
      retryAfter: response.headers.get('retry-after'),
    };
  }

  function failureFor(status: number, json: unknown, on401: ApiErrorCode, retryAfterHeader: string | null): ApiFailure {
    if (status === 401) return { ok: false, code: on401 };
    if (status === 429) {
      const body = errorSchema.safeParse(json);
      const fromBody = body.success ? body.data.retryAfterSeconds : undefined;
      const fromHeader = retryAfterHeader ? Number.parseInt(retryAfterHeader, 10) : NaN;
      const seconds = fromBody ?? (Number.isFinite(fromHeader) ? fromHeader : 60);
      return { ok: false, code: 'rate_limited', retryAfterSeconds: Math.min(Math.max(seconds, 1), 86_400) };
    }
    if (status === 400) return { ok: false, code: 'invalid_request' };
    if (status >= 500) return { ok: false, code: 'server_error' };
    return { ok: false, code: 'bad_response' };
  }

  async function grant(path: string, body: unknown, on401: ApiErrorCode): Promise<ApiResult<TokenGrant>> {
    const sentAt = clock.now();
    const result = await call('POST', path, { body });
    if (!result.ok) return result;
    if (result.status !== 200) return failureFor(result.status, result.json, on401, result.retryAfter);
    const parsed = grantSchema.safeParse(result.json);
    if (!parsed.success) return { ok: false, code: 'bad_response' };
    // Clock skew: the server's expiry is on the server's clock; its Date header says what that
    // clock read when it answered. Lifetime = expiry - server now, applied to our clock.
    const serverNow = result.date ?? sentAt;
    const lifetime = parsed.data.expiresAt - serverNow;
    if (lifetime <= 0 || lifetime > MAX_TOKEN_LIFETIME_MS) return { ok: false, code: 'bad_response' };
    const expiresAt = result.date === null ? parsed.data.expiresAt : sentAt + lifetime;
    return { ok: true, value: { ...parsed.data, expiresAt } };
  }

  return {
    login: (email, password) => grant('/auth/login', { email, password }, 'invalid_credentials'),
    refresh: (refreshToken) => grant('/auth/refresh', { refreshToken }, 'invalid_grant'),
    async logout(refreshToken, logoutOptions) {
      const result = await call('POST', '/auth/logout', { body: { refreshToken }, timeoutMs: logoutOptions?.timeoutMs });
      if (!result.ok) return result;
      return result.status === 204 || result.status === 200 ? { ok: true, value: undefined } : failureFor(result.status, result.json, 'invalid_grant', result.retryAfter);
    },
    async me(accessToken) {
      const result = await call('GET', '/me', { bearer: accessToken });
      if (!result.ok) return result;
      if (result.status !== 200) return failureFor(result.status, result.json, 'invalid_token', result.retryAfter);
      const parsed = meSchema.safeParse(result.json);
      return parsed.success ? { ok: true, value: parsed.data.user } : { ok: false, code: 'bad_response' };
    },
  };
}

class TooLarge extends Error {}

/** Reads a response body, refusing anything larger than `maxBytes` (checked while streaming). */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new TooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
