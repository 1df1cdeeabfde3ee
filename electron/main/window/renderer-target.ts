import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RendererTarget } from './main-window';

/** The built renderer file, or the Vite dev server in development. */
export function rendererTarget(devUrl: string | null, rendererDir: string): RendererTarget {
  if (devUrl) return { url: devUrl, load: (window) => window.loadURL(devUrl) };
  const file = join(rendererDir, 'index.html');
  return { url: pathToFileURL(file).href, load: (window) => window.loadFile(file) };
}
