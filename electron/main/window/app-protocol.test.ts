import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/temp-dir';
import { resolveAppFile, serveAppRequest } from './app-protocol';

const tempDir = useTempDirs();

function rendererDir() {
  const parent = tempDir();
  const root = join(parent, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Tessera</title>');
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(join(parent, 'secret.txt'), 'outside the renderer');
  return root;
}

describe('app:// protocol', () => {
  it('serves files inside the renderer folder with type and CSP', async () => {
    const root = rendererDir();
    const response = await serveAppRequest('app://tessera/assets/index.js', root, "default-src 'self'");
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(await response.text()).toBe('console.log(1)');
    expect((await serveAppRequest('app://tessera/', root, 'x')).status).toBe(200);
  });

  it.each([
    'app://tessera/../secret.txt',
    'app://tessera/%2e%2e/secret.txt',
    'app://tessera/assets/%2e%2e/%2e%2e/secret.txt',
    'app://tessera/..%2fsecret.txt',
    'app://tessera/..%5csecret.txt',
    'app://tessera/%00index.html',
    'app://tessera/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
    'app://tessera/missing.js',
    'app://tessera/assets',
    'app://tessera/secret.exe',
  ])('refuses %s with 404', async (url) => {
    const root = rendererDir();
    const response = await serveAppRequest(url, root, 'x');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside the renderer');
  });

  it('never resolves a path outside the root', () => {
    const root = rendererDir();
    // The URL parser folds `..` against the root, so this stays inside it (and 404s: no such file).
    expect(resolveAppFile('app://tessera/../../../../etc/passwd', root)).toBe(join(root, 'etc', 'passwd'));
    expect(resolveAppFile('app://tessera/..%2f..%2f..%2fetc/passwd', root)).toBeNull();
    expect(resolveAppFile('app://tessera/index.html', root)).toBe(join(root, 'index.html'));
  });
});
