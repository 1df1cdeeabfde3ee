import type { TesseraApi } from '../../shared/tessera-api';

/**
 * The preload API on `window`.
 *
 * The preload script exposes it with `contextBridge`; declaring it here lets the renderer use it
 * with the contract's types and nothing else from the main process.
 */
declare global {
  interface Window {
    tessera: TesseraApi;
  }
}

export {};
