import { createContext, useContext, type ReactNode } from 'react';
import type { TesseraApi } from '../../shared/tessera-api';

const ApiContext = createContext<TesseraApi | null>(null);

/**
 * Hands the Tessera API to the components below.
 *
 * The app passes `window.tessera`; tests pass a fake, so no component reads the global itself.
 */
export function ApiProvider({ api, children }: { api: TesseraApi; children: ReactNode }) {
  return <ApiContext value={api}>{children}</ApiContext>;
}

/**
 * The Tessera API from the nearest `ApiProvider`.
 *
 * Throws when there is none: a missing provider is a wiring bug, better loud than a silent no-op.
 */
export function useApi(): TesseraApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it.');
  return api;
}
