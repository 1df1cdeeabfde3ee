import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { json, readJsonBody, sendJson } from '../../auth-server/src/http-json';
import type { InvokeEvent, InvokeListener } from '../../electron/main/ipc/validated-ipc';
import type { Logger } from '../../electron/main/ports';
import { bridgePaths } from './bridge-paths';
import type { RendererFiles, StaticResponse } from './static-files';

/**
 * The harness's HTTP server: the built renderer, the bridge script, invokes and events.
 *
 * Binds 127.0.0.1 only. Every request must name the harness itself in `Host` (a DNS-rebinding
 * page can't borrow it), and bridge calls are served only to the harness's own page: `Origin`
 * must be its origin and `Sec-Fetch-Site` `same-origin` (browsers set both; a page can't forge
 * them). The Origin becomes the IPC event's `senderFrame.url`, and the validated IPC wrapper
 * checks it again. Request bodies are capped at 2 MB (413), so no page can make it buffer
 * without limit.
 */
export const HOST = '127.0.0.1';
export const MAX_INVOKE_BODY_BYTES = 2 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

const commonHeaders: Record<string, string> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface HarnessServerOptions {
  files: RendererFiles;
  bridgeScript: string;
  logger: Logger;
}

export interface HarnessServer {
  /** Listens on 127.0.0.1; resolves with the origin, e.g. `http://127.0.0.1:5123`. */
  listen(port: number): Promise<string>;
  /** Starts serving bridge calls (until then they answer 503). */
  serve(listeners: ReadonlyMap<string, InvokeListener>): void;
  /** Sends an event to every connected page, like `webContents.send` to every window. */
  broadcast(channel: string, payload: unknown): void;
  close(): Promise<void>;
}

export function createHarnessServer(options: HarnessServerOptions): HarnessServer {
  const { files, logger } = options;
  const bridgeScript = Buffer.from(options.bridgeScript, 'utf8');
  const streams = new Set<ServerResponse>();
  let listeners: ReadonlyMap<string, InvokeListener> | null = null;
  let origin = '';
  let host = '';

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      logger.error('harness request failed', { error });
      if (!res.headersSent) sendJson(res, json(500, { error: 'server_error' }));
      else res.destroy();
    });
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;

  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.host !== host) return refuse(res, 421, 'misdirected_request');
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    const method = req.method ?? 'GET';

    if (path === bridgePaths.events) {
      if (method !== 'GET') return refuse(res, 405, 'method_not_allowed', { Allow: 'GET' });
      if (!fromOwnPage(req, { originRequired: false })) return refuse(res, 403, 'forbidden');
      return openEventStream(req, res);
    }
    if (path.startsWith(bridgePaths.invoke)) {
      if (method !== 'POST') return refuse(res, 405, 'method_not_allowed', { Allow: 'POST' });
      if (!fromOwnPage(req, { originRequired: true })) return refuse(res, 403, 'forbidden');
      return invoke(req, res, path.slice(bridgePaths.invoke.length));
    }
    if (method !== 'GET' && method !== 'HEAD') return refuse(res, 405, 'method_not_allowed', { Allow: 'GET, HEAD' });
    if (path === bridgePaths.script) {
      return send(res, method, { status: 200, headers: { ...commonHeaders, 'Content-Type': 'text/javascript; charset=utf-8' }, body: bridgeScript });
    }
    if (path.startsWith(bridgePaths.prefix)) return refuse(res, 404, 'not_found');
    const file = await files.read(path);
    // Browsers ask for a favicon; Electron windows don't. Keep the console as quiet as the app's.
    if (file.status === 404 && path === '/favicon.ico') return send(res, method, { status: 204, headers: commonHeaders, body: Buffer.alloc(0) });
    return send(res, method, file);
  }

  /** Our own page, as the browser tells it: same-origin fetch metadata and our exact origin. */
  function fromOwnPage(req: IncomingMessage, { originRequired }: { originRequired: boolean }): boolean {
    if (req.headers['sec-fetch-site'] !== 'same-origin') return false;
    const from = req.headers.origin;
    // Browsers omit Origin on same-origin GETs (the EventSource); a POST always carries it.
    if (from === undefined) return !originRequired;
    return from === origin;
  }

  async function invoke(req: IncomingMessage, res: ServerResponse, encodedChannel: string): Promise<void> {
    if (!listeners) return refuse(res, 503, 'not_ready');
    if (!/^application\/json(\s*;|$)/i.test(req.headers['content-type'] ?? '')) {
      req.resume();
      return refuse(res, 415, 'unsupported_media_type');
    }
    const body = await readJsonBody(req, MAX_INVOKE_BODY_BYTES);
    if (!body.ok) return sendJson(res, body.response);
    const args = (body.value as { args?: unknown } | null)?.args;
    if (!Array.isArray(args)) return refuse(res, 400, 'invalid_request');
    let channel: string;
    try {
      channel = decodeURIComponent(encodedChannel);
    } catch {
      return refuse(res, 404, 'not_found');
    }
    const listener = listeners.get(channel);
    if (!listener) return refuse(res, 404, 'not_found');
    const event: InvokeEvent = { senderFrame: { url: req.headers.origin ?? '', parent: null } };
    const result = await listener(event, ...args);
    sendJson(res, json(200, result ?? null));
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { ...commonHeaders, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
  }

  return {
    listen(port) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, HOST, () => {
          server.off('error', reject);
          const { port: actual } = server.address() as AddressInfo;
          host = `${HOST}:${actual}`;
          origin = `http://${host}`;
          resolve(origin);
        });
      });
    },
    serve(next) {
      listeners = next;
    },
    broadcast(channel, payload) {
      const message = `event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of streams) stream.write(message);
    },
    close() {
      clearInterval(heartbeat);
      for (const stream of streams) stream.end();
      streams.clear();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function refuse(res: ServerResponse, status: number, error: string, headers?: Record<string, string>): void {
  sendJson(res, json(status, { error }, headers));
}

function send(res: ServerResponse, method: string, response: StaticResponse): void {
  const length = response.status === 204 ? {} : { 'Content-Length': response.body.length };
  res.writeHead(response.status, { ...response.headers, ...length });
  res.end(method === 'HEAD' ? undefined : response.body);
}
