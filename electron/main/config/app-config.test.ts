import { describe, expect, it } from 'vitest';
import { DEV_AUTH_URL, readAppConfig } from './app-config';

describe('readAppConfig', () => {
  it('defaults to the dev auth server and Electron userData', () => {
    expect(readAppConfig({}, { isPackaged: false })).toEqual({ authUrl: DEV_AUTH_URL, userDataDir: null, rendererDevUrl: null, warnings: [] });
  });

  it('reads the env, and the build-time default when packaged', () => {
    const env = { TESSERA_AUTH_URL: 'https://auth.example.com', TESSERA_USER_DATA_DIR: '/tmp/t1', ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    expect(readAppConfig(env, { isPackaged: false })).toMatchObject({ authUrl: 'https://auth.example.com', userDataDir: '/tmp/t1', rendererDevUrl: 'http://localhost:5173' });
    expect(readAppConfig({}, { isPackaged: true, defaultAuthUrl: 'https://auth.tessera.app' }).authUrl).toBe('https://auth.tessera.app');
  });

  it.each([
    ['https://auth.example.com', true],
    ['http://127.0.0.1:7410', true],
    ['http://localhost:7410', true],
    ['http://[::1]:7410', true],
    ['http://auth.example.com', false],
    ['http://127.0.0.1.evil.com', false],
    ['ftp://auth.example.com', false],
  ])('auth URL %s allowed: %s (TLS unless loopback)', (url, allowed) => {
    const config = readAppConfig({ TESSERA_AUTH_URL: url }, { isPackaged: true });
    expect(config.authUrl === url).toBe(allowed);
    expect(config.warnings.length === 0).toBe(allowed);
  });

  it('an empty or insecure build-time URL falls back to the dev server', () => {
    expect(readAppConfig({}, { isPackaged: true, defaultAuthUrl: '' })).toMatchObject({ authUrl: DEV_AUTH_URL, warnings: [] });
    const insecure = readAppConfig({}, { isPackaged: true, defaultAuthUrl: 'http://auth.example.com' });
    expect(insecure.authUrl).toBe(DEV_AUTH_URL);
    expect(insecure.warnings).toHaveLength(1);
  });

  it('ignores the dev server URL in a packaged app', () => {
    expect(readAppConfig({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, { isPackaged: true }).rendererDevUrl).toBeNull();
  });

  it('falls back with a warning on bad values', () => {
    const config = readAppConfig({ TESSERA_AUTH_URL: 'javascript:alert(1)', TESSERA_USER_DATA_DIR: 'relative/dir' }, { isPackaged: false });
    expect(config.authUrl).toBe(DEV_AUTH_URL);
    expect(config.userDataDir).toBeNull();
    expect(config.warnings).toHaveLength(2);
  });
});
