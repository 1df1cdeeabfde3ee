import { isAbsolute } from 'node:path';

/**
 * Start-up configuration from the environment.
 *
 * - `TESSERA_AUTH_URL`: the auth API (http/https only); default the dev server's default port,
 *   or the URL baked in at build time (`MAIN_VITE_TESSERA_AUTH_URL`, see docs/building.md).
 * - `TESSERA_USER_DATA_DIR`: an absolute data dir (tests give each run its own); default
 *   Electron's userData.
 * - `ELECTRON_RENDERER_URL`: the Vite dev server, honoured only in an unpackaged app.
 */
export const DEV_AUTH_URL = 'http://127.0.0.1:7410';

export interface AppConfig {
  authUrl: string;
  userDataDir: string | null;
  rendererDevUrl: string | null;
  /** Problems found, to log once a logger exists; each fell back to a safe default. */
  warnings: string[];
}

export function readAppConfig(
  env: Record<string, string | undefined>,
  options: { isPackaged: boolean; defaultAuthUrl?: string },
): AppConfig {
  const warnings: string[] = [];
  let fallbackAuthUrl = DEV_AUTH_URL;
  if (options.defaultAuthUrl) {
    if (isAllowedAuthUrl(options.defaultAuthUrl)) fallbackAuthUrl = options.defaultAuthUrl;
    else warnings.push(`the built-in auth URL must be https (or http on loopback); using ${DEV_AUTH_URL}`);
  }
  let authUrl = fallbackAuthUrl;
  if (env.TESSERA_AUTH_URL) {
    if (isAllowedAuthUrl(env.TESSERA_AUTH_URL)) authUrl = env.TESSERA_AUTH_URL;
    else warnings.push(`TESSERA_AUTH_URL must be https (or http on this machine's loopback); using ${fallbackAuthUrl}`);
  }
  let userDataDir: string | null = null;
  if (env.TESSERA_USER_DATA_DIR) {
    if (isAbsolute(env.TESSERA_USER_DATA_DIR)) userDataDir = env.TESSERA_USER_DATA_DIR;
    else warnings.push('TESSERA_USER_DATA_DIR must be an absolute path; using the default data dir');
  }
  const devUrl = env.ELECTRON_RENDERER_URL;
  const rendererDevUrl = !options.isPackaged && devUrl && isHttpUrl(devUrl) ? devUrl : null;
  return { authUrl, userDataDir, rendererDevUrl, warnings };
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Credentials travel only over TLS, except to a server on this machine (the dev auth server).
 * Electron security checklist #1, "Only load secure content".
 */
function isAllowedAuthUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname));
  } catch {
    return false;
  }
}

/** True for a parseable http: or https: URL. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
