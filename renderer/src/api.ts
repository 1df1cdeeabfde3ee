import type { TesseraApi } from '../../shared/tessera-api';

/**
 * Reads the preload API from `window.tessera`.
 *
 * Called once at startup; components get the API from `ApiProvider` instead, so tests can hand
 * them a fake. Throws a clear error when the preload did not run (e.g. the page was opened in a
 * plain browser), instead of failing later on `undefined`.
 */
export function getTesseraApi(): TesseraApi {
  const api = (window as Partial<Pick<Window, 'tessera'>>).tessera;
  if (!api) {
    throw new Error(
      'window.tessera is missing: the Tessera preload script did not run, so this page cannot reach the main process.',
    );
  }
  return api;
}
