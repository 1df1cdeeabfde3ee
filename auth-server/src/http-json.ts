import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body accepted, in bytes (16 KiB); larger bodies get 413. */
export const MAX_BODY_BYTES = 16 * 1024;

/** A response a route produces; the server writes it with {@link sendJson}. */
export interface JsonResponse {
  status: number;
  /** Serialized as JSON; omitted for 204. */
  body?: unknown;
  headers?: Record<string, string>;
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; response: JsonResponse };

/** A JSON response with the given status and body. */
export function json(status: number, body: unknown, headers?: Record<string, string>): JsonResponse {
  return headers ? { status, body, headers } : { status, body };
}

export const invalidRequest = (): JsonResponse => json(400, { error: 'invalid_request' });

/** 413 that also closes the connection: the rest of the oversized body is not wanted. */
export const payloadTooLarge = (): JsonResponse =>
  json(413, { error: 'payload_too_large' }, { Connection: 'close' });

/**
 * Read a request body as JSON, at most `limit` bytes.
 *
 * Guards against memory exhaustion (OWASP ASVS 13.1.3 / API Security Top 10 API4, unrestricted
 * resource consumption): a declared `Content-Length` over the limit is refused before reading, and
 * a chunked body is cut off as soon as it passes the limit. An empty or unparsable body is a 400.
 */
export function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    return Promise.resolve({ ok: false, response: payloadTooLarge() });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
      // Discard whatever is still arriving; Node closes the socket after a `Connection: close` reply.
      if (!result.ok) req.resume();
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        finish({ ok: false, response: payloadTooLarge() });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') {
        finish({ ok: false, response: invalidRequest() });
        return;
      }
      try {
        finish({ ok: true, value: JSON.parse(text) as unknown });
      } catch {
        finish({ ok: false, response: invalidRequest() });
      }
    };
    const onError = (): void => finish({ ok: false, response: invalidRequest() });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}

/**
 * Headers on every response.
 *
 * `no-store` keeps tokens and user data out of HTTP caches (RFC 6749 §5.1, OWASP ASVS 8.1.1);
 * `nosniff` stops a browser from reinterpreting the JSON.
 */
const COMMON_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
  'X-Content-Type-Options': 'nosniff',
};

/**
 * Write a {@link JsonResponse}: JSON body with `Content-Type: application/json`, or a bare 204.
 *
 * `date` (epoch ms) becomes the `Date` header instead of the wall clock, so the header agrees with
 * the server's own clock when tests move it; clients use it to correct for clock skew.
 */
export function sendJson(res: ServerResponse, response: JsonResponse, date?: number): void {
  const headers: Record<string, string | number> = { ...COMMON_HEADERS, ...response.headers };
  if (date !== undefined) {
    res.sendDate = false;
    headers.Date = new Date(date).toUTCString();
  }
  if (response.status === 204 || response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(response.body), 'utf8');
  headers['Content-Type'] = 'application/json';
  headers['Content-Length'] = payload.length;
  res.writeHead(response.status, headers);
  res.end(payload);
}
