import type { Protocol } from 'electron';
import { APP_SCHEME, serveAppRequest } from './app-protocol';
import { productionCsp } from './content-security-policy';

/**
 * Declares `app:` a standard, secure scheme. Must run before the app is ready.
 *
 * Standard gives it real origins (`app://tessera`), so same-origin module scripts load; `secure`
 * makes it a secure context. No `corsEnabled`, `bypassCSP` or `supportFetchAPI`: other origins
 * can't read it, and our CSP applies.
 */
export function declareAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

/** Serves the renderer folder on `app://tessera/` (after ready). */
export function handleAppScheme(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request.url, rendererDir, productionCsp));
}
