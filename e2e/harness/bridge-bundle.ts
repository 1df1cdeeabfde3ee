import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/**
 * Bundles page-bridge.ts (and the preload's `createTesseraApi` it uses) into one classic script.
 *
 * The page's CSP is `script-src 'self'`, so the bridge must be an external same-origin file, and
 * it must run before the app's module script: a classic, non-module IIFE does. Vite is the
 * project's own bundler; building once per harness start takes well under a second.
 */
const entry = fileURLToPath(new URL('./page-bridge.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export async function buildPageBridge(): Promise<string> {
  const result = await build({
    configFile: false,
    envFile: false,
    root: repoRoot,
    publicDir: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: { entry, formats: ['iife'], name: 'tesseraBridge', fileName: 'bridge' },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const output of outputs) {
    if (!('output' in output)) continue;
    for (const chunk of output.output) {
      if (chunk.type === 'chunk' && chunk.isEntry) return chunk.code;
    }
  }
  throw new Error('the page bridge did not build');
}
