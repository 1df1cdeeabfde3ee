import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { APP_ORIGIN, serveAppRequest } from '../../electron/main/window/app-protocol';
import { productionCsp } from '../../electron/main/window/content-security-policy';

/**
 * The built renderer, served the way the app's `app://tessera/` protocol serves it.
 *
 * Every file goes through the protocol's own `serveAppRequest`: only files inside the renderer
 * folder, its content types, its 404s, and the CSP header. The one difference is `index.html`,
 * which gets the bridge `<script>` inserted before the app's first script; its CSP meta tag is
 * left exactly as built, and the same CSP goes out as a header.
 */
export interface StaticResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface RendererFiles {
  read(urlPath: string): Promise<StaticResponse>;
}

/** Loads the renderer's `index.html` (failing clearly when the renderer isn't built). */
export async function openRendererFiles(rendererDir: string, bridgeScriptPath: string): Promise<RendererFiles> {
  const root = resolve(rendererDir);
  let html: string;
  try {
    html = await readFile(resolve(root, 'index.html'), 'utf8');
  } catch {
    throw new Error(`no built renderer at ${root}: run \`npm run build\` first`);
  }
  const index: StaticResponse = {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': productionCsp,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
    body: Buffer.from(injectBridgeScript(html, bridgeScriptPath), 'utf8'),
  };

  return {
    async read(urlPath) {
      if (urlPath === '/' || urlPath === '/index.html') return index;
      const response = await serveAppRequest(`${APP_ORIGIN}${urlPath}`, root, productionCsp);
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: Buffer.from(await response.arrayBuffer()),
      };
    },
  };
}

/** Puts `<script src>` for the bridge before the first `<script` of the page. */
export function injectBridgeScript(html: string, src: string): string {
  const at = html.search(/<script\b/i);
  if (at < 0) throw new Error('index.html has no <script>: nothing to put the bridge before');
  return `${html.slice(0, at)}<script src="${src}"></script>\n    ${html.slice(at)}`;
}
