import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { AccessTokens } from './access-tokens';
import { invalidRequest, json, readJsonBody } from './http-json';
import type { JsonResponse } from './http-json';
import type { RateLimiter } from './rate-limiter';
import type { TokenFamily, TokenStore } from './token-store';
import { normalizeEmail } from './users';
import type { PublicUser, UserDirectory } from './users';

/** What the route handlers work with. */
export interface RouteDeps {
  users: UserDirectory;
  tokens: TokenStore;
  accessTokens: AccessTokens;
  limiter: RateLimiter;
  now: () => number;
}

export type Handler = (req: IncomingMessage) => Promise<JsonResponse>;

/** Path → method → handler. A Map, so paths like `/constructor` can't hit `Object.prototype`. */
export type RouteTable = ReadonlyMap<string, ReadonlyMap<string, Handler>>;

const loginBody = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
});

const refreshBody = z.object({
  refreshToken: z.string().min(1).max(512),
});

/** Read and validate a JSON body; a ready 400/413 response when it doesn't fit. */
async function parseBody<T>(
  req: IncomingMessage,
  schema: z.ZodType<T>,
): Promise<{ ok: true; value: T } | { ok: false; response: JsonResponse }> {
  const body = await readJsonBody(req);
  if (!body.ok) return body;
  const parsed = schema.safeParse(body.value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: invalidRequest() };
}

const invalidCredentials = (): JsonResponse => json(401, { error: 'invalid_credentials' });
const invalidGrant = (): JsonResponse => json(401, { error: 'invalid_grant' });

/**
 * 401 for a bad access token, with the RFC 6750 §3 challenge so clients know to refresh.
 */
const invalidToken = (): JsonResponse =>
  json(401, { error: 'invalid_token' }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/** Build the route table over the given stores. */
export function createRoutes(deps: RouteDeps): RouteTable {
  const { users, tokens, accessTokens, limiter, now } = deps;

  /** The token response shared by login and refresh. */
  async function tokenResponse(user: PublicUser, family: TokenFamily, refreshToken: string): Promise<JsonResponse> {
    const access = await accessTokens.issue({
      userId: user.id,
      familyId: family.id,
      notAfter: family.expiresAt,
    });
    return json(200, { user, accessToken: access.token, refreshToken, expiresAt: access.expiresAt });
  }

  /**
   * POST /auth/login — email + password for a new sign-in.
   *
   * Wrong password and unknown email give the same 401 body after the same scrypt work (OWASP
   * ASVS 2.2 / Authentication Cheat Sheet, generic error messages). The rate limiter runs first
   * so a locked email costs no hashing.
   */
  const login: Handler = async (req) => {
    const body = await parseBody(req, loginBody);
    if (!body.ok) return body.response;
    const key = normalizeEmail(body.value.email);
    const admission = limiter.admit(key, now());
    if (!admission.allowed) {
      return json(
        429,
        { error: 'too_many_attempts', retryAfterSeconds: admission.retryAfterSeconds },
        { 'Retry-After': String(admission.retryAfterSeconds) },
      );
    }
    const user = await users.verify(body.value.email, body.value.password);
    if (!user) return invalidCredentials();
    limiter.succeeded(key);
    const { family, refreshToken } = tokens.startFamily(user.id);
    return tokenResponse(user, family, refreshToken);
  };

  /**
   * POST /auth/refresh — rotate a refresh token (RFC 9700 §4.14.2).
   *
   * Every success returns a new refresh token and retires the presented one; a retired token
   * revokes its family. The family keeps its original absolute expiry.
   */
  const refresh: Handler = async (req) => {
    const body = await parseBody(req, refreshBody);
    if (!body.ok) return body.response;
    const result = tokens.rotate(body.value.refreshToken);
    if (!result.ok) return invalidGrant();
    const user = users.findById(result.family.userId);
    if (!user) return invalidGrant();
    return tokenResponse(user, result.family, result.refreshToken);
  };

  /**
   * POST /auth/logout — revoke the sign-in the refresh token belongs to.
   *
   * Always 204 for a well-formed body, so logout does not reveal whether a token was valid.
   */
  const logout: Handler = async (req) => {
    const body = await parseBody(req, refreshBody);
    if (!body.ok) return body.response;
    tokens.revokeByToken(body.value.refreshToken);
    return { status: 204 };
  };

  /**
   * GET /me — the user behind a Bearer access token (RFC 6750).
   *
   * Besides the JWT checks, the token's family must still be active, so logout, reuse detection
   * and server-side revocation take effect immediately (OWASP ASVS 3.3.1).
   */
  const me: Handler = async (req) => {
    const match = BEARER.exec(req.headers.authorization ?? '');
    const token = match?.[1];
    if (!token) return invalidToken();
    const claims = await accessTokens.verify(token);
    if (!claims) return invalidToken();
    const family = tokens.activeFamily(claims.familyId);
    if (!family || family.userId !== claims.userId) return invalidToken();
    const user = users.findById(claims.userId);
    if (!user) return invalidToken();
    return json(200, { user });
  };

  return new Map([
    ['/auth/login', new Map([['POST', login]])],
    ['/auth/refresh', new Map([['POST', refresh]])],
    ['/auth/logout', new Map([['POST', logout]])],
    ['/me', new Map([['GET', me]])],
  ]);
}
