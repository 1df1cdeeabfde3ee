import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccessTokens } from './access-tokens';
import { json, sendJson } from './http-json';
import type { JsonResponse } from './http-json';
import { DEFAULT_RATE_LIMIT, RateLimiter } from './rate-limiter';
import { createRoutes } from './routes';
import { describeError } from './safe-error';
import { TokenStore } from './token-store';
import { DEFAULT_USERS, UserDirectory, userIdFor } from './users';

export interface AuthServerOptions {
  /** Interface to listen on; default '127.0.0.1'. */
  host?: string;
  /** Port; default 7410; 0 = a free port. */
  port?: number;
  /** Accounts; default: the demo user. */
  users?: ReadonlyArray<{ email: string; password: string; name: string }>;
  /** Access token lifetime, seconds; default 900. */
  accessTtlSeconds?: number;
  /** Absolute lifetime of a sign-in (refresh token family), seconds; default 2592000 (30 days). */
  refreshTtlSeconds?: number;
  /** Failed-login throttling; default 5 failures / 900 s window / 900 s lockout. */
  rateLimit?: { maxFailures: number; windowSeconds: number; lockoutSeconds: number };
  /** Clock in epoch ms, default Date.now (lets tests move time). */
  now?: () => number;
  /** scrypt cost N for password hashes (power of two); default 16384. Tests may go lighter. */
  scryptCost?: number;
  /** Where handler errors are reported (never with tokens); default: a line on stderr. */
  logError?: (message: string) => void;
}

export interface AuthServer {
  /** 'http://127.0.0.1:<port>' */
  url: string;
  port: number;
  /** Count of requests served per route key like 'POST /auth/refresh' (for tests). */
  requestCounts(): Record<string, number>;
  /** Revoke every token family of a user (tests use it to simulate server-side revocation). */
  revokeUser(email: string): void;
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 7410;
export const DEFAULT_ACCESS_TTL_SECONDS = 900;
export const DEFAULT_REFRESH_TTL_SECONDS = 2_592_000;

/** Slow clients get this long to send a request (slowloris guard, OWASP ASVS 13.1.3). */
const REQUEST_TIMEOUT_MS = 10_000;
/** In-flight requests get this long to finish when the server closes. */
const CLOSE_GRACE_MS = 1_000;

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

function formatUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Start the dev auth server and resolve once it is listening.
 *
 * Everything (users, refresh-token families, rate-limit state, the JWT secret) lives in memory
 * and is gone when the server stops.
 */
export async function startAuthServer(options: AuthServerOptions = {}): Promise<AuthServer> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError('port must be 0–65535');
  const accessTtlSeconds = positiveInteger('accessTtlSeconds', options.accessTtlSeconds ?? DEFAULT_ACCESS_TTL_SECONDS);
  const refreshTtlSeconds = positiveInteger(
    'refreshTtlSeconds',
    options.refreshTtlSeconds ?? DEFAULT_REFRESH_TTL_SECONDS,
  );
  const now = options.now ?? Date.now;
  const logError = options.logError ?? ((message: string) => process.stderr.write(`auth-server: ${message}\n`));

  const limiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const users = await UserDirectory.create(
    options.users ?? DEFAULT_USERS,
    options.scryptCost === undefined ? {} : { scryptCost: options.scryptCost },
  );
  const tokens = new TokenStore({ refreshTtlSeconds, now });
  const accessTokens = new AccessTokens({ ttlSeconds: accessTtlSeconds, now });
  const routes = createRoutes({ users, tokens, accessTokens, limiter, now });
  const counts = new Map<string, number>();

  /**
   * Route one request; unknown paths 404, known paths with the wrong method 405.
   *
   * A throwing handler becomes a generic 500 (no internals in the body, OWASP ASVS 7.4.1) and
   * the server keeps serving.
   */
  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    const methods = routes.get(path);
    const handler = methods?.get(method);
    let response: JsonResponse;
    if (!methods) {
      response = json(404, { error: 'not_found' });
    } else if (!handler) {
      response = json(405, { error: 'method_not_allowed' }, { Allow: [...methods.keys()].join(', ') });
    } else {
      const key = `${method} ${path}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      try {
        response = await handler(req);
      } catch (error) {
        logError(`${key} failed: ${describeError(error)}`);
        response = json(500, { error: 'server_error' });
      }
    }
    if (res.headersSent || res.destroyed) return;
    sendJson(res, response, serverDate());
  }

  /** The server clock for the `Date` header; the wall clock if the injected one fails. */
  function serverDate(): number {
    try {
      const time = now();
      return Number.isFinite(time) ? time : Date.now();
    } catch {
      return Date.now();
    }
  }

  const server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
    dispatch(req, res).catch((error: unknown) => {
      logError(`response failed: ${describeError(error)}`);
      res.destroy();
    });
  });
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = REQUEST_TIMEOUT_MS;
  // Malformed HTTP still gets a JSON answer with the usual headers instead of Node's bare 400.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // Like Node's default handler: never write a second response over one already under way
    // (e.g. a 413 sent while the client was still uploading, then timing out).
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    const status = timedOut ? '408 Request Timeout' : '400 Bad Request';
    const body = timedOut ? '{"error":"request_timeout"}' : '{"error":"invalid_request"}';
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n` +
        `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;

  return {
    url: formatUrl(host, actualPort),
    port: actualPort,
    requestCounts: () => Object.fromEntries(counts),
    revokeUser: (email: string) => {
      tokens.revokeUser(userIdFor(email));
    },
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        force.unref();
        server.close((error) => {
          clearTimeout(force);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
