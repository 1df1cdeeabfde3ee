import type { RendererTarget } from './main-window';
import { APP_ENTRY_URL } from './app-protocol';

/** The built renderer on `app://tessera/`, or the Vite dev server in development. */
export function rendererTarget(devUrl: string | null): RendererTarget {
  const url = devUrl ?? APP_ENTRY_URL;
  return { url, load: (window) => window.loadURL(url) };
}
