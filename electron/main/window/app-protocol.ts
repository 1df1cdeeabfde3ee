import { readFile } from 'node:fs/promises';
import { extname, relative, resolve, sep } from 'node:path';

/**
 * The `app://tessera/` protocol that serves the built renderer.
 *
 * Electron security checklist #18, "Avoid usage of the file:// protocol": pages on `file://` get
 * extra privileges and share one origin with every local file. Our page gets its own origin, and
 * this handler serves only files inside the renderer folder: a path that resolves outside it
 * (`..`, encoded `%2e%2e`, backslashes, absolute paths) is refused with 404 before touching disk.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tessera';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Maps a request URL to a file inside `rootDir`, or null when it must not be served. */
export function resolveAppFile(requestUrl: string, rootDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const root = resolve(rootDir);
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || inside.startsWith(sep) || resolve(root, inside) !== file) return null;
  return file;
}

/** Answers one `app://` request: the file with its content type and our CSP, or 404. */
export async function serveAppRequest(requestUrl: string, rootDir: string, csp: string): Promise<Response> {
  const file = resolveAppFile(requestUrl, rootDir);
  const type = file ? contentTypes[extname(file).toLowerCase()] : undefined;
  if (!file || !type) return notFound();
  try {
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': type,
        'content-security-policy': csp,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      },
    });
  } catch {
    return notFound();
  }
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
