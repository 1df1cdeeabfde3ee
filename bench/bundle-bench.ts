import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

/**
 * Renderer JS size: gzip bytes of our production bundle against React 19 + react-dom alone,
 * minified by the same bundler.
 */
function gzipBytesOfJs(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .reduce((total, entry) => total + gzipSync(readFileSync(join(entry.parentPath, entry.name)), { level: 9 }).length, 0);
}

export async function benchBundle(root: string): Promise<{ ours: number; baseline: number }> {
  const ours = gzipBytesOfJs(join(root, 'out/renderer/assets'));
  const work = mkdtempSync(join(root, 'node_modules/.tessera-bench-'));
  try {
    mkdirSync(join(work, 'src'));
    writeFileSync(join(work, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="./src/main.js"></script>');
    writeFileSync(
      join(work, 'src/main.js'),
      "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')).render(createElement('p', null, 'hello'));\n",
    );
    await build({ root: work, logLevel: 'silent', configFile: false, build: { outDir: join(work, 'dist'), minify: true, emptyOutDir: true } });
    return { ours, baseline: gzipBytesOfJs(join(work, 'dist')) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
