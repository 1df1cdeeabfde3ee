/**
 * Helpers shared by the auth-server tests (not used by the server itself).
 *
 * Servers start on port 0 with a light scrypt cost and a clock the test can move.
 */
import { afterEach } from 'vitest';
import { startAuthServer } from './server';
import type { AuthServer, AuthServerOptions } from './server';

export const DEMO = { email: 'demo@tessera.dev', password: 'tessera-demo', name: 'Demo User' } as const;

/** A clock tests move by hand; starts at a fixed instant. */
export interface TestClock {
  now: () => number;
  advance: (ms: number) => void;
  set: (ms: number) => void;
}

export function testClock(start = Date.UTC(2030, 0, 1, 12, 0, 0)): TestClock {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
    set: (ms) => {
      time = ms;
    },
  };
}

const started: AuthServer[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.close()));
});

/** Start a server for one test; it is closed after the test. */
export async function startTestServer(options: AuthServerOptions = {}): Promise<AuthServer> {
  const server = await startAuthServer({ port: 0, scryptCost: 1024, logError: () => {}, ...options });
  started.push(server);
  return server;
}

/** The fields any auth-server reply body may have. */
export interface ReplyBody {
  error?: string;
  retryAfterSeconds?: number;
  user?: { id: string; email: string; name: string };
  accessToken?: string;
  refreshToken?: string;
  expiresAt?: number;
}

export interface JsonReply {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body; `{}` when empty or not JSON. */
  body: ReplyBody;
}

/** A successful token reply, with its fields checked to be present. */
export interface TokenReply {
  user: { id: string; email: string; name: string };
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
}

async function reply(response: Response): Promise<JsonReply> {
  const text = await response.text();
  let body: ReplyBody = {};
  try {
    if (text !== '') body = JSON.parse(text) as ReplyBody;
  } catch {
    body = {};
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** POST a JSON value (or a raw string body) and read the reply. */
export async function post(server: AuthServer, path: string, body: unknown, raw = false): Promise<JsonReply> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: raw ? (body as string) : JSON.stringify(body),
  });
  return reply(response);
}

/** GET a path, optionally with a raw Authorization header value. */
export async function get(server: AuthServer, path: string, authorization?: string): Promise<JsonReply> {
  const response = await fetch(`${server.url}${path}`, {
    headers: authorization === undefined ? {} : { Authorization: authorization },
  });
  return reply(response);
}

/** Any request, for method/route checks. */
export async function request(server: AuthServer, method: string, path: string): Promise<JsonReply> {
  return reply(await fetch(`${server.url}${path}`, { method }));
}

export function login(server: AuthServer, email: string = DEMO.email, password: string = DEMO.password) {
  return post(server, '/auth/login', { email, password });
}

export function refresh(server: AuthServer, refreshToken: string) {
  return post(server, '/auth/refresh', { refreshToken });
}

export function me(server: AuthServer, accessToken: string) {
  return get(server, '/me', `Bearer ${accessToken}`);
}

/** Decode a JWT's payload without verifying it. */
export function jwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Unwrap a 200 token reply, failing loudly if it isn't one. */
export function tokens(reply: JsonReply): TokenReply {
  const { user, accessToken, refreshToken, expiresAt } = reply.body;
  if (reply.status !== 200 || !user || !accessToken || !refreshToken || expiresAt === undefined) {
    throw new Error(`expected a token reply, got ${reply.status} ${reply.body.error ?? ''}`);
  }
  return { user, accessToken, refreshToken, expiresAt };
}

/** Log in (demo user by default) and return the tokens. */
export async function signIn(server: AuthServer, email: string = DEMO.email, password: string = DEMO.password) {
  return tokens(await login(server, email, password));
}
